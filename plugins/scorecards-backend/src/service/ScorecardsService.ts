import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UrlReaderService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  DryRunResult,
  EntityScorecard,
  GatePolicy,
  GatesResponse,
  MyScorecardsSummary,
  PushFactsRequest,
  PushFactsResponse,
  ScorecardHistory,
  ScorecardOverview,
  ScorecardRollup,
  StoredFact,
} from '@gatekeeper/plugin-scorecards-common';
import {
  IdempotencyTiming,
  IdempotentResult,
} from '@gatekeeper/gatekeeper-node';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import { ScorecardsStore } from '../database/ScorecardsStore';
import { compilePolicy } from '../engine/compilePolicy';
import { factExpectations } from '../engine/factTypes';
import {
  EntityEvaluator,
  EvaluationTrigger,
} from '../evaluation/EntityEvaluator';
import { pushFacts } from '../evaluation/pushFacts';
import { loadSeedFacts } from '../evaluation/seedFacts';
import { WaiversFile } from '../evaluation/WaiversFile';
import { CatalogLookup } from './CatalogLookup';
import { CatalogVisibility } from './CatalogVisibility';
import { dryRun } from './dryRun';
import { EntityRefresher } from './EntityRefresher';
import { getMySummary } from './mySummary';
import { getOverview, OverviewQuery } from './overview';
import { RefreshTask } from './RefreshTask';
import { getRollups } from './rollup';
import { WaiverRequestService } from '../waivers/WaiverRequestService';
import { WaiverRequestStore } from '../waivers/WaiverRequestStore';
import { CampaignService } from '../campaigns/CampaignService';
import { CampaignStore } from '../campaigns/CampaignStore';

export type { OverviewQuery } from './overview';
export type { EvaluationTrigger } from '../evaluation/EntityEvaluator';

/** Options of {@link ScorecardsService}. */
export interface ScorecardsServiceOptions {
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
  /** false: the refresh re-reads and re-evaluates every entity. */
  incremental?: boolean;
  /** TTL, lease and wait of Idempotency-Keys of the push API. */
  idempotency?: IdempotencyTiming;
  /** Waiver requests (with permissions to decide them); off without. */
  waiverRequestStore?: WaiverRequestStore;
  permissions?: PermissionsService;
  userInfo?: UserInfoService;
  now?: () => number;
  /** Signals of changed scorecards to open pages (absent: none). */
  signals?: SignalsService;
  /** Campaigns; off without. */
  campaignStore?: CampaignStore;
}

/**
 * What the router serves: stored reads, overview and roll-ups, dry-run, and
 * the entry points into evaluation (push, on-demand evaluation). Wires the
 * evaluation path and the refresh task together.
 */
export class ScorecardsService {
  private readonly catalog: CatalogLookup;
  private readonly evaluator: EntityEvaluator;
  /** The scheduled refresh of every scored entity. */
  readonly refresh: RefreshTask;
  /** What each caller may see of the catalog. */
  readonly visibility: CatalogVisibility;
  /** Fact types the policy's rules need, checked on push. */
  readonly factExpectations: ReturnType<typeof factExpectations>;
  /** Waiver requests; undefined when not configured. */
  readonly waiverRequests?: WaiverRequestService;
  /** Campaigns; undefined when not configured. */
  readonly campaigns?: CampaignService;

  constructor(private readonly options: ScorecardsServiceOptions) {
    const now = () => this.now();
    this.factExpectations = factExpectations(options.policy);
    this.visibility = new CatalogVisibility({
      catalog: options.catalog,
      kinds: options.kinds,
      now: options.now,
    });
    this.catalog = new CatalogLookup({
      catalog: options.catalog,
      auth: options.auth,
      kinds: options.kinds,
      now,
    });
    this.waiverRequests = this.createWaiverRequests(now);
    this.campaigns =
      options.campaignStore &&
      new CampaignService({
        store: options.campaignStore,
        policy: options.policy,
        catalog: this.catalog,
        listSummaries: () => options.store.listAllSummaries(),
        idempotency: options.store.idempotency,
        idempotencyTiming: options.idempotency,
        logger: options.logger,
        now,
      });
    const requests = this.waiverRequests;
    this.evaluator = new EntityEvaluator({
      ...options,
      compiled: compilePolicy(options.policy),
      catalog: this.catalog,
      requestedWaivers: requests
        ? (entityRef, at) => requests.activeWaivers(entityRef, at)
        : undefined,
      now,
    });
    this.refresh = new RefreshTask({
      catalog: this.catalog,
      refresher: new EntityRefresher({
        ...options,
        evaluator: this.evaluator,
        now,
      }),
      store: options.store,
      logger: options.logger,
      concurrency: options.concurrency,
    });
  }

  private createWaiverRequests(now: () => number) {
    const { waiverRequestStore, permissions } = this.options;
    if (!waiverRequestStore || !permissions) return undefined;
    return new WaiverRequestService({
      store: waiverRequestStore,
      policy: this.options.policy,
      permissions,
      userInfo: this.options.userInfo,
      idempotency: this.options.store.idempotency,
      idempotencyTiming: this.options.idempotency,
      getScorecard: ref => this.getScorecard(ref),
      evaluate: ref =>
        this.evaluateEntity(ref, { collect: false, trigger: 'waiver' }),
      now,
    });
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
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

  /** Evaluates one entity, see {@link EntityEvaluator.evaluate}. */
  async evaluateEntity(
    entityOrRef: Entity | string,
    options: {
      collect: boolean;
      trigger: EvaluationTrigger;
      systems?: Map<string, Entity>;
    },
  ): Promise<EntityScorecard> {
    return this.evaluator.evaluate(entityOrRef, options);
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
        evidence: record.evidence ?? 'observed',
      }));
  }

  /** One refresh of every scored entity, see {@link RefreshTask.run}. */
  async refreshAll(
    options: { signal?: AbortSignal } = {},
  ): Promise<{ evaluated: number; unchanged: number; removed: number }> {
    return this.refresh.run(options);
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
        getEntity: ref => this.catalog.getEntity(ref),
        evaluate: entity =>
          this.evaluator.evaluate(entity, { collect: false, trigger: 'push' }),
        idempotency: this.options.idempotency,
      },
      request,
      options,
    );
  }

  /** Loads seed facts, see {@link loadSeedFacts}. */
  async loadSeedFacts(file: string): Promise<number> {
    return loadSeedFacts({
      store: this.options.store,
      logger: this.options.logger,
      file,
      now: this.now(),
    });
  }

  /** The overview of the entities in `visible` (the caller's catalog view). */
  async getOverview(
    query: OverviewQuery,
    visible: ReadonlySet<string>,
  ): Promise<ScorecardOverview> {
    const { store } = this.options;
    return getOverview({ store, catalog: this.catalog, query, visible });
  }

  /** What needs attention among the caller's entities, see {@link getMySummary}. */
  async getMySummary(
    ownershipRefs: readonly string[],
    visible: ReadonlySet<string>,
  ): Promise<MyScorecardsSummary> {
    const { store } = this.options;
    return getMySummary({
      store,
      catalog: this.catalog,
      ownershipRefs,
      visible,
      now: this.now(),
    });
  }

  /** Roll-ups over the entities in `visible` (the caller's catalog view). */
  async getRollups(
    by: 'group' | 'system' | 'domain',
    visible: ReadonlySet<string>,
  ): Promise<ScorecardRollup[]> {
    const { store, policy } = this.options;
    return getRollups({ store, catalog: this.catalog, policy, by, visible });
  }

  /** Evaluates a candidate policy without storing, see {@link dryRun}. */
  async dryRun(
    policy: GatePolicy,
    credentials: BackstageCredentials,
  ): Promise<DryRunResult> {
    return dryRun({
      policy,
      credentials,
      store: this.options.store,
      catalog: this.catalog,
      waiversFile: this.options.waiversFile,
      now: this.now(),
    });
  }
}
