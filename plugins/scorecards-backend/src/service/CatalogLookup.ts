import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { groupDescendants } from './catalogContext';

const GROUP_CACHE_MS = 60 * 1000;

/**
 * The catalog reads of the plugin's own work (evaluation, refresh, roll-ups)
 * with the plugin's service credentials, unless a caller's are passed.
 */
export class CatalogLookup {
  private readonly kinds: Set<string>;
  private groupCache?: { at: number; descendants: Map<string, Set<string>> };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      /** The scored kinds. */
      kinds: string[];
      now?: () => number;
    },
  ) {
    this.kinds = new Set(options.kinds.map(k => k.toLocaleLowerCase('en-US')));
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  private async credentials(credentials?: BackstageCredentials) {
    return {
      credentials:
        credentials ?? (await this.options.auth.getOwnServiceCredentials()),
    };
  }

  /** A scored entity; NotFoundError when absent or of a kind not scored. */
  async getEntity(entityRef: string): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(
      entityRef,
      await this.credentials(),
    );
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} not found in the catalog`);
    }
    if (!this.kinds.has(entity.kind.toLocaleLowerCase('en-US'))) {
      // Only configured kinds are scored (and kept by the refresh's cleanup).
      throw new NotFoundError(
        `Entity ${entityRef} is a ${
          entity.kind
        }; scorecards cover ${this.options.kinds.join(', ')}`,
      );
    }
    return entity;
  }

  /** Every System by ref (their domains go into the stored metadata). */
  async getSystems(): Promise<Map<string, Entity>> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'System' } },
      await this.credentials(),
    );
    return new Map(items.map(e => [stringifyEntityRef(e), e]));
  }

  /** Every group with its descendants, cached for a minute. */
  async getGroupDescendants(): Promise<Map<string, Set<string>>> {
    const now = this.now();
    if (this.groupCache && now - this.groupCache.at < GROUP_CACHE_MS) {
      return this.groupCache.descendants;
    }
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'Group' } },
      await this.credentials(),
    );
    const descendants = groupDescendants(items);
    this.groupCache = { at: now, descendants };
    return descendants;
  }

  /** A group and its descendants (the group alone when unknown). */
  async ownerAndDescendants(owner: string): Promise<string[]> {
    const descendants = await this.getGroupDescendants();
    return [...(descendants.get(owner) ?? new Set([owner]))];
  }

  /** Every scored entity, seen with `credentials` or the plugin's own. */
  async scoredEntities(credentials?: BackstageCredentials): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: this.options.kinds } },
      await this.credentials(credentials),
    );
    return items;
  }
}
