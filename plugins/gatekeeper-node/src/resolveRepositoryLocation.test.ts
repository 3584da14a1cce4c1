import { Entity } from '@backstage/catalog-model';
import { resolveRepositoryLocation } from './resolveRepositoryLocation';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
});

describe('resolveRepositoryLocation', () => {
  it('resolves source-location and managed-by-location', () => {
    expect(
      resolveRepositoryLocation(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/o/r/tree/main/',
        }),
      ),
    ).toEqual({ type: 'url', target: 'https://github.com/o/r/tree/main/' });
    expect(
      resolveRepositoryLocation(
        entity({ 'backstage.io/source-location': 'file:/srv/repo' }),
      ),
    ).toEqual({ type: 'file', target: '/srv/repo' });
    expect(
      resolveRepositoryLocation(
        entity({
          'backstage.io/source-location': 'file:./sub',
          'backstage.io/managed-by-location':
            'file:/srv/repo/catalog-info.yaml',
        }),
      ),
    ).toEqual({ type: 'file', target: '/srv/repo/sub' });
    expect(
      resolveRepositoryLocation(
        entity({ 'backstage.io/source-location': 'file:./sub' }),
      ),
    ).toBeUndefined();
    expect(
      resolveRepositoryLocation(
        entity({
          'backstage.io/managed-by-location':
            'file:/srv/repo/catalog-info.yaml',
        }),
      ),
    ).toEqual({ type: 'file', target: '/srv/repo' });
    expect(
      resolveRepositoryLocation(
        entity({
          'backstage.io/managed-by-location':
            'url:https://github.com/o/r/blob/main/catalog-info.yaml',
        }),
      ),
    ).toEqual({ type: 'url', target: 'https://github.com/o/r/blob/main/' });
    expect(
      resolveRepositoryLocation(
        entity({ 'backstage.io/managed-by-location': 'url:not a url' }),
      ),
    ).toBeUndefined();
    expect(resolveRepositoryLocation(entity({}))).toBeUndefined();
  });
});
