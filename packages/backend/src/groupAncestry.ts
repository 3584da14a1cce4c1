import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Resolves the ancestor groups (via `spec.parent`) of a set of group refs. */
export type GroupAncestryResolver = (groupRefs: string[]) => Promise<string[]>;

/** Options of {@link createCatalogGroupAncestry}. */
export interface CatalogGroupAncestryOptions {
  catalog: CatalogService;
  auth: AuthService;
  /** How long the group tree read from the catalog is reused; default 30 s. */
  cacheTtlMs?: number;
  now?: () => number;
}

/**
 * Reads every Group entity's `spec.parent` from the catalog with the calling
 * plugin's own credentials (groups are not secret to the policy; the caller
 * may not be allowed to list them) and answers the transitive parents of the
 * given groups. The tree is cached for `cacheTtlMs`; cycles are tolerated.
 */
export function createCatalogGroupAncestry(
  options: CatalogGroupAncestryOptions,
): GroupAncestryResolver {
  const ttl = options.cacheTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; parents: Promise<Map<string, string>> } | undefined;

  const loadParents = async (): Promise<Map<string, string>> => {
    const { items } = await options.catalog.getEntities(
      {
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.parent'],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    const parents = new Map<string, string>();
    for (const group of items) {
      const parent = (group.spec as { parent?: unknown } | undefined)?.parent;
      if (typeof parent !== 'string' || !parent) continue;
      const namespace = group.metadata.namespace ?? 'default';
      try {
        const parentRef = stringifyEntityRef(
          parseEntityRef(parent, {
            defaultKind: 'group',
            defaultNamespace: namespace,
          }),
        );
        parents.set(
          stringifyEntityRef(group).toLocaleLowerCase('en-US'),
          parentRef.toLocaleLowerCase('en-US'),
        );
      } catch {
        // an unparsable parent contributes no ancestor
      }
    }
    return parents;
  };

  const parentsMap = (): Promise<Map<string, string>> => {
    if (!cached || now() - cached.at >= ttl) {
      const parents = loadParents();
      cached = { at: now(), parents };
      parents.catch(() => {
        cached = undefined;
      });
    }
    return cached.parents;
  };

  return async groupRefs => {
    const parents = await parentsMap();
    const ancestors = new Set<string>();
    for (const ref of groupRefs) {
      let current = parents.get(ref.toLocaleLowerCase('en-US'));
      while (current && !ancestors.has(current)) {
        ancestors.add(current);
        current = parents.get(current);
      }
    }
    return [...ancestors];
  };
}
