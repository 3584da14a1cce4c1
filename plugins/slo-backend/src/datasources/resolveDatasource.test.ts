import { ConfigReader } from '@backstage/config';
import { SloDatasource } from '@gatekeeper/plugin-slo-node';
import { resolveDatasource } from './resolveDatasource';

describe('resolveDatasource', () => {
  const custom: SloDatasource = {
    name: 'custom',
    demo: false,
    fetchEvents: jest.fn(),
  };
  const config = new ConfigReader({});

  it('prefers an added datasource, else a built-in one', () => {
    const added = new Map([['custom', custom]]);
    expect(resolveDatasource({ config, name: 'custom', added })).toBe(custom);
    expect(resolveDatasource({ config, name: 'demo', added }).demo).toBe(true);
  });

  it('names the choices for an unknown datasource', () => {
    expect(() =>
      resolveDatasource({
        config,
        name: 'nope',
        added: new Map([['custom', custom]]),
      }),
    ).toThrow(
      "slo.datasource 'nope' is unknown; use demo, prometheus or one of: custom",
    );
  });
});
