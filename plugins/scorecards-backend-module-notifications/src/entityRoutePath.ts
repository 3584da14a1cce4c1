import { parseEntityRef } from '@backstage/catalog-model';

/**
 * `<namespace>/<kind>/<name>`, URL-encoded, of a full entity ref: the path
 * shape of both the scorecards API and the catalog's entity pages.
 * Undefined when the ref cannot be parsed.
 */
export function entityRoutePath(ref: string): string | undefined {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    return [namespace, kind, name].map(encodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}
