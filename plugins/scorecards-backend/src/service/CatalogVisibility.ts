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
  /** Loads under way, per caller (one catalog read for concurrent misses). */
  private readonly loading = new Map<string, Promise<Set<string>>>();

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

  private cached(scope: string): Set<string> | undefined {
    const cached = this.cache.get(scope);
    if (cached && this.now() - cached.at < (this.options.ttlMs ?? 10_000)) {
      return cached.refs;
    }
    return undefined;
  }

  /** Refs of the scored entities the caller may see. */
  async visibleRefs(credentials: BackstageCredentials): Promise<Set<string>> {
    const scope = principalScope(credentials);
    const cached = this.cached(scope);
    if (cached) return cached;
    let pending = this.loading.get(scope);
    if (!pending) {
      pending = this.load(scope, credentials).finally(() =>
        this.loading.delete(scope),
      );
      this.loading.set(scope, pending);
    }
    return pending;
  }

  private async load(
    scope: string,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const now = this.now();
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

  /**
   * Throws NotFoundError unless the catalog shows the entity to the caller.
   * A ref in the caller's cached view (see {@link visibleRefs}) needs no
   * catalog request; any other ref (an entity added since, a hidden one) is
   * asked of the catalog, and a caller without a cached view gets one
   * loaded for the next reads.
   */
  async assertVisible(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const scope = principalScope(credentials);
    const cached = this.cached(scope);
    if (cached?.has(entityRef)) return;
    if (!cached) {
      // Warms the cache for the caller's next reads; this read does not wait.
      this.visibleRefs(credentials).catch(() => undefined);
    }
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} not found in the catalog`);
    }
  }
}
