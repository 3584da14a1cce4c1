import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  IdempotencyStore,
  IdempotencyTiming,
  IdempotentResult,
  principalScope,
  runIdempotent,
} from '@gatekeeper/gatekeeper-node';
import {
  Campaign,
  CampaignDetails,
  CampaignSummary,
  CreateCampaignRequest,
  EntityCampaignList,
  GatePolicy,
  ScorecardSummary,
  UpdateCampaignRequest,
} from '@gatekeeper/plugin-scorecards-common';
import { CatalogLookup } from '../service/CatalogLookup';
import { entityMeta } from '../service/catalogContext';
import {
  CampaignCandidate,
  CampaignEntityProgress,
  countProgress,
  entityProgress,
  normalizeSelectorRef,
  remainingEntities,
  selectorMatches,
  targetedGates,
  teamProgress,
} from './campaignProgress';
import { CampaignStore } from './CampaignStore';

/** The operation recorded with Idempotency-Keys of POST /campaigns. */
export const CREATE_CAMPAIGN_OPERATION = 'create-campaign';

/** Options of {@link CampaignService}. */
export interface CampaignServiceOptions {
  store: CampaignStore;
  policy: GatePolicy;
  catalog: CatalogLookup;
  /** Every stored scorecard summary (the stored verdicts). */
  listSummaries: () => Promise<ScorecardSummary[]>;
  idempotency: IdempotencyStore;
  idempotencyTiming?: IdempotencyTiming;
  logger: LoggerService;
  now: () => number;
}

/** What the progress of campaigns is computed over. */
interface ProgressContext {
  candidates: CampaignCandidate[];
  summaries: Map<string, ScorecardSummary>;
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Campaigns: UI ones created and changed by platform members, code ones
 * synced from the policy; progress computed from the stored verdicts of the
 * entities the campaign selects (as the caller sees the catalog).
 */
export class CampaignService {
  constructor(private readonly options: CampaignServiceOptions) {}

  /** Syncs the policy's campaigns into the store. */
  async syncCode(): Promise<void> {
    const result = await this.options.store.syncCode(
      this.options.policy.campaigns ?? [],
      this.options.now(),
    );
    if (result.created + result.updated + result.archived > 0) {
      this.options.logger.info(
        `Campaigns as code: ${result.created} created, ${result.updated} updated, ${result.archived} archived`,
      );
    }
  }

  /** Campaigns, optionally of an owner's entities and due by a date. */
  async list(
    query: { owner?: string; due?: number; includeArchived?: boolean },
    credentials: BackstageCredentials,
  ): Promise<CampaignSummary[]> {
    const campaigns = (
      await this.options.store.list({ includeArchived: query.includeArchived })
    ).filter(
      c => query.due === undefined || Date.parse(c.deadline) <= query.due,
    );
    if (campaigns.length === 0) return [];
    const context = await this.context(credentials);
    const owners = query.owner
      ? new Set(
          (
            await this.options.catalog.ownerAndDescendants(
              normalizeSelectorRef(query.owner, 'group'),
            )
          ).map(lower),
        )
      : undefined;
    const items: CampaignSummary[] = [];
    for (const campaign of campaigns) {
      let entities = await this.progress(campaign, context);
      if (owners) {
        entities = entities.filter(e => e.owner && owners.has(lower(e.owner)));
        if (entities.length === 0) continue;
      }
      items.push({ ...campaign, progress: countProgress(entities) });
    }
    return items;
  }

  /** A campaign with its progress per team, remaining entities and history. */
  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignDetails> {
    const campaign = await this.find(id);
    const entities = await this.progress(
      campaign,
      await this.context(credentials),
    );
    return {
      ...campaign,
      progress: countProgress(entities),
      teams: teamProgress(entities),
      remainingEntities: remainingEntities(entities),
      history: await this.options.store.history(id),
    };
  }

  /** Creates a UI campaign (idempotent per caller and Idempotency-Key). */
  async create(
    input: CreateCampaignRequest,
    credentials: BackstageCredentials,
    idempotencyKey?: string,
  ): Promise<IdempotentResult<Campaign>> {
    this.assertTarget(input.target);
    const deadline = this.futureDate(input.deadline);
    return runIdempotent({
      ...this.options.idempotencyTiming,
      store: this.options.idempotency,
      scope: principalScope(credentials),
      key: idempotencyKey,
      operation: CREATE_CAMPAIGN_OPERATION,
      requestBody: input,
      handler: async () => ({
        statusCode: 201,
        body: await this.options.store.create({
          ...input,
          owner: normalizeSelectorRef(input.owner, 'group'),
          deadline,
          createdBy: principalScope(credentials),
          now: this.options.now(),
        }),
      }),
    });
  }

  /** Changes a UI campaign; code campaigns are a 409 (edit the policy). */
  async update(
    id: string,
    changes: UpdateCampaignRequest,
    credentials: BackstageCredentials,
  ): Promise<Campaign> {
    const campaign = await this.find(id);
    if (campaign.source === 'code') {
      throw new ConflictError(
        `Campaign ${id} is defined in the gate policy; change it there`,
      );
    }
    const updated = await this.options.store.update({
      id,
      changes: {
        ...changes,
        deadline:
          changes.deadline === undefined
            ? undefined
            : this.futureDate(changes.deadline),
      },
      actor: principalScope(credentials),
      now: this.options.now(),
    });
    if (!updated) throw new NotFoundError(`No campaign ${id}`);
    return updated;
  }

  /**
   * Active campaigns that select the entity, with its status in each. The
   * caller's view of the entity was checked by the route (404 otherwise).
   */
  async forEntity(entityRef: string): Promise<EntityCampaignList> {
    const campaigns = await this.options.store.list();
    const { catalog } = this.options;
    const [entity, systems, summaries] = await Promise.all([
      catalog.getEntity(entityRef),
      catalog.getSystems(),
      this.options.listSummaries(),
    ]);
    const ref = stringifyEntityRef(entity);
    const context: ProgressContext = {
      candidates: [
        { entityRef: ref, entity, meta: entityMeta(entity, systems) },
      ],
      summaries: new Map(
        summaries.filter(s => s.entityRef === ref).map(s => [ref, s]),
      ),
    };
    const items = [];
    for (const campaign of campaigns) {
      const [progress] = await this.progress(campaign, context);
      if (progress) {
        items.push({
          campaign,
          status: progress.status,
          gates: progress.gates,
        });
      }
    }
    return { entityRef: ref, items };
  }

  /** Records today's counts of every active campaign (once a day each). */
  async recordSnapshots(): Promise<number> {
    const campaigns = await this.options.store.list();
    if (campaigns.length === 0) return 0;
    const context = await this.context(undefined);
    const now = this.options.now();
    let recorded = 0;
    for (const campaign of campaigns) {
      const counts = countProgress(await this.progress(campaign, context));
      if (
        await this.options.store.recordSnapshot({
          id: campaign.id,
          day: utcDay(now),
          counts,
          now,
        })
      ) {
        recorded++;
      }
    }
    return recorded;
  }

  private async find(id: string): Promise<Campaign> {
    const campaign = await this.options.store.get(id);
    if (!campaign) throw new NotFoundError(`No campaign ${id}`);
    return campaign;
  }

  /** The scored entities the credentials see (own ones when undefined), and stored verdicts. */
  private async context(
    credentials: BackstageCredentials | undefined,
  ): Promise<ProgressContext> {
    const { catalog } = this.options;
    const [entities, systems, summaries] = await Promise.all([
      catalog.scoredEntities(credentials),
      catalog.getSystems(),
      this.options.listSummaries(),
    ]);
    return {
      candidates: entities.map(entity => ({
        entityRef: stringifyEntityRef(entity),
        entity,
        meta: entityMeta(entity, systems),
      })),
      summaries: new Map(summaries.map(s => [s.entityRef, s])),
    };
  }

  private async progress(
    campaign: Campaign,
    context: ProgressContext,
  ): Promise<CampaignEntityProgress[]> {
    const owners = campaign.selector.owners?.length
      ? new Set(
          (
            await Promise.all(
              campaign.selector.owners.map(o =>
                this.options.catalog.ownerAndDescendants(
                  normalizeSelectorRef(o, 'group'),
                ),
              ),
            )
          )
            .flat()
            .map(lower),
        )
      : undefined;
    const gates = targetedGates(campaign, this.options.policy);
    const deadline = Date.parse(campaign.deadline);
    const now = this.options.now();
    return context.candidates
      .filter(c => selectorMatches(campaign.selector, c, owners))
      .map(candidate =>
        entityProgress({
          candidate,
          summary: context.summaries.get(candidate.entityRef),
          gates,
          deadline,
          now,
        }),
      );
  }

  private assertTarget(target: CreateCampaignRequest['target']): void {
    const { policy } = this.options;
    for (const gate of target.gates ?? []) {
      if (!policy.gates.some(g => g.id === gate)) {
        throw new InputError(`Unknown gate "${gate}"`);
      }
    }
    if (target.level !== undefined && !policy.levels.includes(target.level)) {
      throw new InputError(`Unknown level "${target.level}"`);
    }
  }

  private futureDate(value: string): number {
    const at = Date.parse(value);
    if (Number.isNaN(at)) {
      throw new InputError('deadline must be an ISO date or date-time');
    }
    if (at <= this.options.now()) {
      throw new InputError('deadline must be in the future');
    }
    return at;
  }
}
