import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { principalScope } from '@gatekeeper/gatekeeper-node';

const MAX_CACHED_PRINCIPALS = 1000;

/**
 * What the catalog lets a caller see: every scorecard read is filtered by
 * the refs visible with the caller's own credentials (cached per caller for
 * a few seconds), and reading a hidden entity is a 404 like in the catalog.
 */
export class CatalogVisibility {
  private readonly cache = new Map<string, { at: number; refs: Set<string> }>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      kinds: string[];
      ttlMs?: number;
      now?: () => number;
    },
  ) {}

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /** Refs of the scored entities the caller may see. */
  async visibleRefs(credentials: BackstageCredentials): Promise<Set<string>> {
    const scope = principalScope(credentials);
    const now = this.now();
    const cached = this.cache.get(scope);
    if (cached && now - cached.at < (this.options.ttlMs ?? 10_000)) {
      return cached.refs;
    }
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: this.options.kinds },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    const refs = new Set(items.map(e => stringifyEntityRef(e)));
    if (this.cache.size >= MAX_CACHED_PRINCIPALS) this.cache.clear();
    this.cache.set(scope, { at: now, refs });
    return refs;
  }

  /** Throws NotFoundError unless the catalog shows the entity to the caller. */
  async assertVisible(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} not found in the catalog`);
    }
  }
}
