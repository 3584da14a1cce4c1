import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogVisibility } from './CatalogVisibility';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'team' },
});

describe('CatalogVisibility.assertVisible', () => {
  it('answers from the cached view once loaded, and asks the catalog otherwise', async () => {
    const catalog = catalogServiceMock({ entities: [component('a')] });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    const visibility = new CatalogVisibility({ catalog, kinds: ['Component'] });
    const credentials = mockCredentials.user('user:default/alice');

    // no view yet: asked of the catalog, the view loads in the background
    await visibility.assertVisible('component:default/a', credentials);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    await visibility.visibleRefs(credentials);
    expect(getEntities).toHaveBeenCalledTimes(1);

    getEntityByRef.mockClear();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        visibility.assertVisible('component:default/a', credentials),
      ),
    );
    expect(getEntityByRef).not.toHaveBeenCalled();
    expect(getEntities).toHaveBeenCalledTimes(1);

    // not in the view: the catalog decides (404 when it does not know it)
    await expect(
      visibility.assertVisible('component:default/hidden', credentials),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
  });

  it('loads the view once for concurrent callers', async () => {
    const catalog = catalogServiceMock({ entities: [component('a')] });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const visibility = new CatalogVisibility({ catalog, kinds: ['Component'] });
    const credentials = mockCredentials.user('user:default/bob');
    const views = await Promise.all(
      Array.from({ length: 10 }, () => visibility.visibleRefs(credentials)),
    );
    expect(getEntities).toHaveBeenCalledTimes(1);
    expect([...views[9]]).toEqual(['component:default/a']);
  });
});
