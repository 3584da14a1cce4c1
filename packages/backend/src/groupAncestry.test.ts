import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createCatalogGroupAncestry } from './groupAncestry';

function group(name: string, parent?: string, namespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

describe('createCatalogGroupAncestry', () => {
  const entities = [
    group('org'),
    group('team-a', 'group:default/org'),
    group('team-a-child', 'team-a'),
    group('Deep', 'team-a-child'),
    group('loop-1', 'loop-2'),
    group('loop-2', 'loop-1'),
    group('bad', ':/'),
    group('ops', 'parent-in-ns', 'infra'),
  ];

  it('walks spec.parent transitively, case-insensitively, tolerating cycles', async () => {
    const catalog = catalogServiceMock({ entities });
    const ancestry = createCatalogGroupAncestry({
      catalog,
      auth: mockServices.auth(),
    });
    await expect(ancestry(['group:default/deep'])).resolves.toEqual([
      'group:default/team-a-child',
      'group:default/team-a',
      'group:default/org',
    ]);
    await expect(ancestry(['group:default/loop-1'])).resolves.toEqual(
      expect.arrayContaining(['group:default/loop-2', 'group:default/loop-1']),
    );
    await expect(ancestry(['group:default/bad'])).resolves.toEqual([]);
    await expect(ancestry(['group:infra/ops'])).resolves.toEqual([
      'group:infra/parent-in-ns',
    ]);
    await expect(ancestry(['group:default/unknown'])).resolves.toEqual([]);
  });

  it('caches the group tree for the TTL and retries after a failure', async () => {
    const catalog = catalogServiceMock({ entities });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    let now = 0;
    const ancestry = createCatalogGroupAncestry({
      catalog,
      auth: mockServices.auth(),
      cacheTtlMs: 1000,
      now: () => now,
    });
    await ancestry(['group:default/team-a']);
    await ancestry(['group:default/team-a']);
    expect(getEntities).toHaveBeenCalledTimes(1);
    now = 1000;
    getEntities.mockRejectedValueOnce(new Error('down'));
    await expect(ancestry(['group:default/team-a'])).rejects.toThrow('down');
    await expect(ancestry(['group:default/team-a'])).resolves.toEqual([
      'group:default/org',
    ]);
    expect(getEntities).toHaveBeenCalledTimes(3);
  });
});
