import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { builtInFactProviders } from '../providers/builtInFactProviders';
import { collectFacts } from './factCollector';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'a',
    namespace: 'default',
    annotations: { 'gatekeeper.dev/health-check': '/healthz' },
  },
  spec: { type: 'service', owner: 'team-a' },
};

describe('collectFacts evidence kinds', () => {
  it('classifies the built-in file and annotation providers as configured, the SLO backend as observed', () => {
    const kinds = Object.fromEntries(
      builtInFactProviders({
        discovery: mockServices.discovery(),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      }).map(p => [p.id, p.evidence]),
    );
    expect(kinds).toEqual({
      'repo-files': 'configured',
      'ci-workflows': 'configured',
      'catalog-annotations': 'configured',
      'slo-backend': 'observed',
    });
  });

  it('records the kind of each provider with its facts (observed by default)', async () => {
    const facts = await collectFacts({
      entity,
      reader: mockServices.urlReader.mock(),
      logger: mockServices.logger.mock(),
      now: 1000,
      providers: [
        {
          id: 'files',
          facts: ['repo.x'],
          evidence: 'configured',
          provide: async () => ({ 'repo.x': true }),
        },
        {
          id: 'third-party',
          facts: ['vendor.y'],
          provide: async () => ({ 'vendor.y': 1, 'vendor.z': undefined }),
        },
      ],
    });
    expect(facts).toEqual([
      {
        factId: 'repo.x',
        value: true,
        observedAt: 1000,
        source: 'provider:files',
        evidence: 'configured',
      },
      {
        factId: 'vendor.y',
        value: 1,
        observedAt: 1000,
        source: 'provider:third-party',
        evidence: 'observed',
      },
    ]);
  });
});
