import { ConfigReader } from '@backstage/config';
import { createBuiltInDatasource } from './createBuiltInDatasource';

describe('createBuiltInDatasource', () => {
  it('builds demo and prometheus, nothing else', () => {
    const demo = createBuiltInDatasource(
      new ConfigReader({ slo: { demo: { profiles: { x: { burnRate: 2 } } } } }),
      'demo',
    );
    expect(demo).toMatchObject({ name: 'demo', demo: true });
    expect((demo as any).profileFor('component:default/x', 'x').burnRate).toBe(
      2,
    );
    expect(
      createBuiltInDatasource(
        new ConfigReader({ slo: { prometheus: { baseUrl: 'http://p:9090' } } }),
        'prometheus',
      ),
    ).toMatchObject({ name: 'prometheus', demo: false });
    expect(
      createBuiltInDatasource(new ConfigReader({}), 'other'),
    ).toBeUndefined();
  });

  it('fails clearly without slo.prometheus', () => {
    expect(() =>
      createBuiltInDatasource(new ConfigReader({}), 'prometheus'),
    ).toThrow(/Missing required config value at 'slo.prometheus'/);
  });
});
