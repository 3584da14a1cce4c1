import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DryRunResult,
  EntityScorecard,
  EntityVerdict,
  GatePolicy,
  GatesResponse,
  GateStatus,
  PushFactsRequest,
  PushFactsResponse,
  ScorecardHistory,
  ScorecardOverview,
  ScorecardRollup,
  ScorecardSummary,
  StoredFact,
} from '@gatekeeper/plugin-scorecards-common';
import {
  IdempotencyTiming,
  IdempotentResult,
} from '@gatekeeper/gatekeeper-node';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import { compilePolicy, CompiledPolicy } from '../engine/compilePolicy';
import { factExpectations } from '../engine/factTypes';
import { FactRecord } from '../engine/types';
import { readAnnotationWaivers, resolveWaivers } from '../engine/waivers';
import { OverviewFilter, ScorecardsStore } from '../database/ScorecardsStore';
import { CatalogVisibility } from './CatalogVisibility';
import { entityMeta, groupDescendants } from './catalogContext';
import { rollup } from './rollup';
import { collectFacts } from './factCollector';
import { pushFacts } from './pushFacts';
import { readSeedFacts } from './seedFacts';
import { WaiversFile } from './WaiversFile';

const GROUP_CACHE_MS = 60 * 1000;

/** Query of the overview. */
export interface OverviewQuery {
  owner?: string;
  system?: string;
  domain?: string;
  kind?: string;
  verdict?: EntityVerdict;
  level?: string;
  gate?: string;
  status?: GateStatus;
  /** Free-text search (see `applyTextSearch`). */
  q?: string;
  limit: number;
  offset: number;
}

/** What started an evaluation (recorded in audit events). */
export type EvaluationTrigger = 'schedule' | 'push' | 'request' | 'first-read';

/** Collects facts, evaluates, stores and aggregates scorecards. */
export class ScorecardsService {
  private readonly compiled: CompiledPolicy;
  private readonly gateIds: Set<string>;
  private readonly kinds: Set<string>;
  private groupCache?: { at: number; descendants: Map<string, Set<string>> };
  /** What each caller may see of the catalog. */
  readonly visibility: CatalogVisibility;
  /** Fact types the policy's rules need, checked on push. */
  readonly factExpectations: ReturnType<typeof factExpectations>;

  constructor(
    private readonly options: {
      policy: GatePolicy;
      store: ScorecardsStore;
      catalog: CatalogService;
      auth: AuthService;
      reader: UrlReaderService;
      logger: LoggerService;
      auditor: AuditorService;
      providers: ScorecardFactProvider[];
      waiversFile: WaiversFile;
      kinds: string[];
      concurrency?: number;
      /** TTL, lease and wait of Idempotency-Keys of the push API. */
      idempotency?: IdempotencyTiming;
      now?: () => number;
    },
  ) {
    this.compiled = compilePolicy(options.policy);
    this.gateIds = new Set(options.policy.gates.map(g => g.id));
    this.kinds = new Set(options.kinds.map(k => k.toLocaleLowerCase('en-US')));
    this.factExpectations = factExpectations(options.policy);
    this.visibility = new CatalogVisibility({
      catalog: options.catalog,
      kinds: options.kinds,
      now: options.now,
    });
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  private async credentials() {
    return { credentials: await this.options.auth.getOwnServiceCredentials() };
  }

  getGates(): GatesResponse {
    const { policy } = this.options;
    return {
      levels: policy.levels,
      gates: policy.gates.map(g => ({
        id: g.id,
        title: g.title,
        severity: g.severity,
        category: g.category,
        level: g.level,
        rationale: g.rationale,
        remediation: g.remediation,
      })),
    };
  }

  private async getEntity(entityRef: string): Promise<Entity> {
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

  private async getSystems(): Promise<Map<string, Entity>> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'System' } },
      await this.credentials(),
    );
    return new Map(items.map(e => [stringifyEntityRef(e), e]));
  }

  private async getGroupDescendants(): Promise<Map<string, Set<string>>> {
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

  private async waiversFor(entity: Entity, entityRef: string, now: number) {
    const annotation = readAnnotationWaivers(entity);
    const fromFile = await this.options.waiversFile.get(entityRef);
    return resolveWaivers({
      raw: [...annotation.raw, ...fromFile],
      warnings: annotation.warnings,
      gateIds: this.gateIds,
      now,
    });
  }

  /**
   * Evaluates one entity: optionally runs the fact providers first, then
   * evaluates stored facts, stores the result and audits waiver use.
   */
  async evaluateEntity(
    entityOrRef: Entity | string,
    options: {
      collect: boolean;
      trigger: EvaluationTrigger;
      systems?: Map<string, Entity>;
    },
  ): Promise<EntityScorecard> {
    const entity =
      typeof entityOrRef === 'string'
        ? await this.getEntity(entityOrRef)
        : entityOrRef;
    const entityRef = stringifyEntityRef(entity);
    const now = this.now();
    const { store, logger } = this.options;
    if (options.collect) {
      const facts = await collectFacts({
        entity,
        providers: this.options.providers,
        reader: this.options.reader,
        logger,
        now,
      });
      await store.upsertFacts(entityRef, facts);
    }
    const facts = await store.getFacts(entityRef);
    const waivers = await this.waiversFor(entity, entityRef, now);
    for (const warning of waivers.warnings) {
      logger.warn(`Waiver problem for ${entityRef}: ${warning}`, { entityRef });
    }
    const output = this.compiled.evaluate({
      entityRef,
      entity,
      facts,
      waivers,
      now,
    });
    const systems = options.systems ?? (await this.getSystems());
    const { changed } = await store.saveScorecard({
      scorecard: output.scorecard,
      signature: output.signature,
      meta: entityMeta(entity, systems),
    });
    for (const waiver of output.appliedWaivers) {
      const event = await this.options.auditor.createEvent({
        eventId: 'waiver-use',
        severityLevel: 'medium',
        meta: {
          entityRef,
          gateId: waiver.gateId,
          approver: waiver.approver,
          reason: waiver.reason,
          expiresAt: waiver.expiresAt,
          waiverSource: waiver.source,
          trigger: options.trigger,
        },
      });
      await event.success();
    }
    if (changed) {
      logger.info(
        `Scorecard of ${entityRef} changed: ${
          output.scorecard.verdict
        }, score ${output.scorecard.score ?? 'n/a'}, level ${
          output.scorecard.level ?? 'none'
        }`,
        { entityRef, trigger: options.trigger },
      );
    }
    return output.scorecard;
  }

  /** Stored scorecard; evaluated once (and stored) when never evaluated. */
  async getScorecard(entityRef: string): Promise<EntityScorecard> {
    const stored = await this.options.store.getScorecard(entityRef);
    if (stored) return stored;
    return this.evaluateEntity(entityRef, {
      collect: true,
      trigger: 'first-read',
    });
  }

  /**
   * Like getScorecard, as JSON text: the stored document is served as is, so
   * reads do no parsing or re-encoding.
   */
  async getScorecardJson(entityRef: string): Promise<string> {
    const stored = await this.options.store.getScorecardJson(entityRef);
    if (stored) return stored;
    return JSON.stringify(await this.getScorecard(entityRef));
  }

  async getHistory(entityRef: string): Promise<ScorecardHistory> {
    const points = await this.options.store.getHistory(entityRef);
    if (
      points.length === 0 &&
      !(await this.options.store.getScorecard(entityRef))
    ) {
      throw new NotFoundError(`No scorecard for ${entityRef}`);
    }
    return { entityRef, points };
  }

  async getFacts(entityRef: string): Promise<StoredFact[]> {
    const facts = await this.options.store.getFacts(entityRef);
    return [...facts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([fact, record]) => ({
        fact,
        value: record.value,
        observedAt: new Date(record.observedAt).toISOString(),
        source: record.source,
        ...(record.provenance ? { provenance: record.provenance } : {}),
      }));
  }

  private async catalogEntities(
    credentials?: BackstageCredentials,
  ): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: this.options.kinds } },
      credentials ? { credentials } : await this.credentials(),
    );
    return items;
  }

  /**
   * Scheduled run: collects facts and re-evaluates every entity, then removes
   * facts and results of entities no longer in the catalog.
   */
  async refreshAll(): Promise<{ evaluated: number; removed: number }> {
    const { logger, store } = this.options;
    const entities = await this.catalogEntities();
    const systems = await this.getSystems();
    const queue = [...entities];
    let evaluated = 0;
    const worker = async () => {
      for (let entity = queue.shift(); entity; entity = queue.shift()) {
        try {
          await this.evaluateEntity(entity, {
            collect: true,
            trigger: 'schedule',
            systems,
          });
          evaluated++;
        } catch (error) {
          logger.warn(
            `Evaluation of ${stringifyEntityRef(entity)} failed: ${
              (error as Error).message
            }`,
          );
        }
      }
    };
    await Promise.all(
      Array.from({ length: this.options.concurrency ?? 4 }, worker),
    );
    const known = new Set(entities.map(e => stringifyEntityRef(e)));
    const removed = (await store.listEntityRefs()).filter(r => !known.has(r));
    await store.deleteEntities(removed);
    logger.info(
      `Scorecards refreshed: ${evaluated} entities evaluated, ${removed.length} removed`,
    );
    return { evaluated, removed: removed.length };
  }

  /** Stores pushed facts and re-evaluates the entity, see {@link pushFacts}. */
  async pushFacts(
    request: PushFactsRequest,
    options: { idempotencyKey?: string; scope?: string } = {},
  ): Promise<IdempotentResult<PushFactsResponse>> {
    return pushFacts(
      {
        store: this.options.store,
        now: () => this.now(),
        getEntity: ref => this.getEntity(ref),
        evaluate: entity =>
          this.evaluateEntity(entity, { collect: false, trigger: 'push' }),
        idempotency: this.options.idempotency,
      },
      request,
      options,
    );
  }

  /** Loads seed facts; only facts absent or previously seeded are written. */
  async loadSeedFacts(file: string): Promise<number> {
    const { store, logger } = this.options;
    const entries = await readSeedFacts(file, this.now());
    let count = 0;
    for (const entry of entries) {
      const existing = await store.getFacts(entry.entityRef);
      const source = entry.source.startsWith('seed')
        ? entry.source
        : `seed:${entry.source}`;
      const facts = Object.entries(entry.facts)
        .filter(([id]) => {
          const current = existing.get(id);
          return !current || current.source.startsWith('seed');
        })
        .map(([factId, value]) => ({
          factId,
          value,
          observedAt: entry.observedAt,
          source,
        }));
      await store.upsertFacts(entry.entityRef, facts);
      count += facts.length;
    }
    logger.info(`Loaded ${count} seed facts from ${file}`);
    return count;
  }

  private async ownerFilter(owner: string): Promise<string[]> {
    const descendants = await this.getGroupDescendants();
    return [...(descendants.get(owner) ?? new Set([owner]))];
  }

  /** The overview of the entities in `visible` (the caller's catalog view). */
  async getOverview(
    query: OverviewQuery,
    visible: ReadonlySet<string>,
  ): Promise<ScorecardOverview> {
    if ((query.gate === undefined) !== (query.status === undefined)) {
      throw new InputError('gate and status must be given together');
    }
    const filter: OverviewFilter = {
      entityRefs: [...visible],
      owners: query.owner ? await this.ownerFilter(query.owner) : undefined,
      system: query.system,
      domain: query.domain,
      kind: query.kind,
      verdict: query.verdict,
      level: query.level,
      gate:
        query.gate && query.status
          ? { gateId: query.gate, status: query.status }
          : undefined,
      q: query.q,
    };
    const { items, totalItems } = await this.options.store.listScorecards(
      filter,
      { limit: query.limit, offset: query.offset },
    );
    const next = query.offset + items.length;
    return {
      items,
      totalItems,
      nextOffset: next < totalItems ? next : undefined,
    };
  }

  /** Roll-ups over the entities in `visible` (the caller's catalog view). */
  async getRollups(
    by: 'group' | 'system' | 'domain',
    visible: ReadonlySet<string>,
  ): Promise<ScorecardRollup[]> {
    const summaries = (await this.options.store.listAllSummaries()).filter(s =>
      visible.has(s.entityRef),
    );
    const buckets = new Map<string, ScorecardSummary[]>();
    const add = (ref: string, summary: ScorecardSummary) => {
      const list = buckets.get(ref) ?? [];
      list.push(summary);
      buckets.set(ref, list);
    };
    if (by === 'group') {
      const descendants = await this.getGroupDescendants();
      for (const [group, members] of descendants) {
        for (const summary of summaries) {
          if (summary.owner && members.has(summary.owner)) add(group, summary);
        }
      }
    } else {
      for (const summary of summaries) {
        const ref = by === 'system' ? summary.system : summary.domain;
        if (ref) add(ref, summary);
      }
    }
    return [...buckets.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ref, items]) => rollup(ref, by, items, this.options.policy));
  }

  /**
   * Evaluates a candidate policy against every stored entity's facts without
   * storing anything, and reports verdict changes.
   */
  async dryRun(
    policy: GatePolicy,
    credentials: BackstageCredentials,
  ): Promise<DryRunResult> {
    const candidate = compilePolicy(policy);
    const gateIds = new Set(policy.gates.map(g => g.id));
    const [summaries, allFacts, entities] = await Promise.all([
      this.options.store.listAllSummaries(),
      this.options.store.getAllFacts(),
      this.catalogEntities(credentials),
    ]);
    const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    const now = this.now();
    const changes: DryRunResult['changes'] = [];
    const empty = new Map<string, FactRecord>();
    for (const summary of summaries) {
      const entity = byRef.get(summary.entityRef);
      if (!entity) continue;
      const annotation = readAnnotationWaivers(entity);
      const waivers = resolveWaivers({
        raw: [
          ...annotation.raw,
          ...(await this.options.waiversFile.get(summary.entityRef)),
        ],
        gateIds,
        now,
      });
      const { scorecard } = candidate.evaluate({
        entityRef: summary.entityRef,
        entity,
        facts: allFacts.get(summary.entityRef) ?? empty,
        waivers,
        now,
      });
      if (scorecard.verdict !== summary.verdict) {
        changes.push({
          entityRef: summary.entityRef,
          from: summary.verdict,
          to: scorecard.verdict,
          fromScore: summary.score,
          toScore: scorecard.score,
        });
      }
    }
    return {
      entityCount: summaries.filter(s => byRef.has(s.entityRef)).length,
      changedVerdicts: changes.length,
      changes,
    };
  }
}
