import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { builtInFactProviders } from './builtInFactProviders';

describe('builtInFactProviders', () => {
  const deps = {
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  };

  it('asks the SLO backend unless it is disabled', () => {
    expect(builtInFactProviders(deps).map(p => p.id)).toContain('slo-backend');
    expect(
      builtInFactProviders({
        ...deps,
        config: new ConfigReader({
          scorecards: { sloBackend: { enabled: false } },
        }),
      }).map(p => p.id),
    ).toEqual(['repo-files', 'ci-workflows', 'catalog-annotations']);
  });
});
