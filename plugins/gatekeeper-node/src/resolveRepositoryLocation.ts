import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import path from 'path';

/**
 * Where an entity's repository lives: a local directory (`file`) or a URL the
 * UrlReader can read (`url`).
 * @public
 */
export type RepositoryLocation =
  | { type: 'file'; target: string }
  | { type: 'url'; target: string };

function splitLocationRef(ref: string): { type: string; target: string } {
  const index = ref.indexOf(':');
  if (index <= 0) return { type: '', target: ref };
  return { type: ref.slice(0, index), target: ref.slice(index + 1) };
}

/**
 * Finds an entity's source repository: `backstage.io/source-location`
 * (`url:`, or `file:` absolute or relative to a `file:` managed-by
 * location), else the directory of `backstage.io/managed-by-location`
 * (`file:` or `url:`). Used by every Gatekeeper backend that reads files from
 * an entity's repository, so they all agree on where that is.
 * @public
 */
export function resolveRepositoryLocation(
  entity: Entity,
): RepositoryLocation | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const managedBy = annotations[ANNOTATION_LOCATION];
  const managed = managedBy ? splitLocationRef(managedBy) : undefined;
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  if (source) {
    const { type, target } = splitLocationRef(source);
    if (type === 'url') return { type: 'url', target };
    if (type === 'file') {
      if (path.isAbsolute(target)) return { type: 'file', target };
      if (managed?.type === 'file') {
        return {
          type: 'file',
          target: path.resolve(path.dirname(managed.target), target),
        };
      }
      return undefined;
    }
  }
  if (managed?.type === 'file' && path.isAbsolute(managed.target)) {
    return { type: 'file', target: path.dirname(managed.target) };
  }
  if (managed?.type === 'url') {
    try {
      return { type: 'url', target: new URL('.', managed.target).toString() };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
