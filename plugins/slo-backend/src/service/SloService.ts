import {
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { assertError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ChangeKind,
  EntityIncidentsResponse,
  EntitySloReport,
  GateDecision,
  Incident,
  SloStatus,
} from '@gatekeeper/plugin-slo-common';
import { SloDatasource } from '@gatekeeper/plugin-slo-node';
import {
  EntityEvaluation,
  evaluateSlo,
  SloEvaluation,
} from '../budgets/evaluateSlo';
import { incidentBudgets, windowStart } from '../budgets/incidentBudgets';
import { loadEntitySlos } from '../definitions/loadEntitySlos';
import { IncidentStore } from '../incidents/IncidentStore';
import { incidentStats } from '../incidents/incidentStats';
import {
  decideGate,
  ErrorBudgetPolicy,
  evaluateFreeze,
} from '../policy/errorBudgetPolicy';
import { FreezeOverrideStore } from '../policy/FreezeOverrideStore';
import { SloReportStore } from '../reports/SloReportStore';
import {
  reportFingerprint,
  sameStoredReport,
  storedIncidentPercents,
  toStoredReport,
} from '../reports/storedReports';

export type { EntityEvaluation, SloEvaluation } from '../budgets/evaluateSlo';
export { autoStepSeconds } from '../budgets/evaluationWindow';

export interface SloServiceOptions {
  catalog: CatalogService;
  urlReader: UrlReaderService;
  datasource: SloDatasource;
  incidents: Pick<IncidentStore, 'listIncidents'>;
  freezeOverrides: Pick<FreezeOverrideStore, 'getActiveFreezeOverride'>;
  logger: LoggerService;
  policy: ErrorBudgetPolicy;
  stepSeconds?: number;
  forecastWindowSeconds?: number;
  cacheTtlSeconds?: number;
  /** Reports computed by the scheduled refresh; without it every read computes. */
  reports?: SloReportStore;
  /** A stored report not confirmed by a refresh for this long is recomputed (default 600). */
  storedMaxAgeSeconds?: number;
  now?: () => number;
}

/** Loads SLOs of entities, evaluates them against the datasource and applies the error budget policy. */
export class SloService {
  private readonly cache = new Map<
    string,
    { expires: number; value: Promise<EntityEvaluation> }
  >();
  private readonly now: () => number;

  constructor(private readonly options: SloServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  get datasourceInfo() {
    return {
      name: this.options.datasource.name,
      demo: this.options.datasource.demo,
    };
  }

  async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`entity ${entityRef} not found`);
    }
    return entity;
  }

  /** The entities of `entityRefs` the caller may see (others are left out). */
  async getEntitiesByRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    if (entityRefs.length === 0) return [];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials },
    );
    return items.filter((e): e is Entity => Boolean(e));
  }

  /** The entity's SLO definitions without evaluating them. */
  async loadSlos(entity: Entity) {
    return loadEntitySlos(entity, { urlReader: this.options.urlReader });
  }

  async evaluate(
    entity: Entity,
    options: { at?: number } = {},
  ): Promise<EntityEvaluation> {
    const entityRef = stringifyEntityRef(entity);
    const ttl = (this.options.cacheTtlSeconds ?? 30) * 1000;
    if (options.at !== undefined || ttl <= 0) {
      return this.evaluateUncached(entity, entityRef, options.at ?? this.now());
    }
    const key = `${entityRef}|${entity.metadata.etag ?? ''}`;
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) {
      return hit.value;
    }
    const value = this.evaluateUncached(entity, entityRef, now);
    this.cache.set(key, { expires: now + ttl, value });
    value.catch(() => this.cache.delete(key));
    if (this.cache.size > 1000) {
      for (const [k, v] of this.cache) {
        if (v.expires <= now) this.cache.delete(k);
      }
    }
    return value;
  }

  private async evaluateUncached(
    entity: Entity,
    entityRef: string,
    atMs: number,
  ): Promise<EntityEvaluation> {
    const { slos, errors } = await loadEntitySlos(entity, {
      urlReader: this.options.urlReader,
    });
    const results = await Promise.all(
      slos.map(async slo => {
        try {
          return await evaluateSlo({
            slo,
            entityRef,
            atMs,
            datasource: this.options.datasource,
            stepSeconds: this.options.stepSeconds,
            forecastWindowSeconds: this.options.forecastWindowSeconds,
          });
        } catch (e) {
          this.options.logger.warn(`SLO ${slo.name} of ${entityRef} failed`, {
            entityRef,
            slo: slo.name,
            error: e instanceof Error ? e.message : String(e),
          });
          errors.push({
            slo: slo.name,
            message: e instanceof Error ? e.message : String(e),
          });
          return undefined;
        }
      }),
    );
    return {
      entityRef,
      evaluatedAt: new Date(atMs),
      slos: results.filter((r): r is SloEvaluation => !!r),
      errors,
    };
  }

  /**
   * The entity's SLO report: the stored one the refresh computed when it is
   * current (same definitions, confirmed recently, no incident changed since),
   * else computed now. `at` always computes.
   */
  async report(
    entity: Entity,
    options: { at?: number } = {},
  ): Promise<EntitySloReport> {
    if (options.at === undefined) {
      const stored = await this.storedReport(entity);
      if (stored) return stored;
    }
    const evaluation = await this.evaluate(entity, options);
    const freeze = await this.freeze(evaluation);
    return {
      entityRef: evaluation.entityRef,
      slos: evaluation.slos.map(s => s.status),
      freeze,
      errors: evaluation.errors,
      datasource: this.datasourceInfo,
      computedAt: evaluation.evaluatedAt.toISOString(),
      stored: false,
    };
  }

  private async storedReport(
    entity: Entity,
  ): Promise<EntitySloReport | undefined> {
    const { reports } = this.options;
    const entityRef = stringifyEntityRef(entity);
    const stored = await reports?.get(entityRef);
    const maxAgeMs = (this.options.storedMaxAgeSeconds ?? 600) * 1000;
    if (
      !stored ||
      stored.fingerprint !== reportFingerprint(entity) ||
      this.now() - stored.checkedAt > maxAgeMs
    ) {
      return undefined;
    }
    const incidents = stored.slos.length
      ? await this.options.incidents.listIncidents({
          entityRef,
          since: stored.windowStart,
        })
      : [];
    const percents = storedIncidentPercents(stored, incidents);
    if (!percents) return undefined;
    return {
      entityRef,
      slos: stored.slos,
      freeze: await this.freezeOf(entityRef, stored.slos, incidents, percents),
      errors: stored.errors,
      datasource: this.datasourceInfo,
      computedAt: new Date(stored.computedAt).toISOString(),
      stored: true,
    };
  }

  /**
   * Recomputes and stores the entity's report (what the scheduled refresh
   * runs); 'unchanged' when nothing new arrived, so nothing was written.
   */
  async refreshStoredReport(entity: Entity): Promise<'stored' | 'unchanged'> {
    const { reports } = this.options;
    if (!reports) throw new Error('no SLO report store configured');
    const entityRef = stringifyEntityRef(entity);
    const now = this.now();
    const evaluation = await this.evaluateUncached(entity, entityRef, now);
    const since = windowStart(evaluation);
    const incidents = evaluation.slos.length
      ? await this.options.incidents.listIncidents({ entityRef, since })
      : [];
    const next = toStoredReport({
      evaluation,
      fingerprint: reportFingerprint(entity),
      windowStart: since,
      incidents,
      budgets: incidentBudgets(evaluation, incidents),
      now,
    });
    const previous = await reports.get(entityRef);
    if (previous && sameStoredReport(previous, next)) return 'unchanged';
    await reports.put(next);
    return 'stored';
  }

  private async freeze(evaluation: EntityEvaluation) {
    const incidents = evaluation.slos.length
      ? await this.options.incidents.listIncidents({
          entityRef: evaluation.entityRef,
          since: windowStart(evaluation),
        })
      : [];
    return this.freezeOf(
      evaluation.entityRef,
      evaluation.slos.map(s => s.status),
      incidents,
      incidentBudgets(evaluation, incidents),
    );
  }

  private async freezeOf(
    entityRef: string,
    slos: SloStatus[],
    incidents: Incident[],
    budgets: Map<string, number>,
  ) {
    const override = await this.options.freezeOverrides.getActiveFreezeOverride(
      entityRef,
      new Date(this.now()).toISOString(),
    );
    return evaluateFreeze({
      slos,
      incidents: incidents.map(i => ({
        id: i.id,
        percent: budgets.get(i.id),
        postmortemUrl: i.postmortemUrl,
      })),
      override: override && {
        by: override.by,
        reason: override.reason,
        expiresAt: override.expiresAt,
      },
      policy: this.options.policy,
    });
  }

  async gate(entity: Entity, change: ChangeKind): Promise<GateDecision> {
    const evaluation = await this.evaluate(entity);
    const freeze = await this.freeze(evaluation);
    return decideGate({
      entityRef: evaluation.entityRef,
      change,
      slos: evaluation.slos.length,
      freeze,
      policy: this.options.policy,
      errors: evaluation.errors,
      now: new Date(this.now()),
    });
  }

  async incidents(
    entity: Entity,
    options: { at?: number } = {},
  ): Promise<EntityIncidentsResponse> {
    const entityRef = stringifyEntityRef(entity);
    const items = await this.options.incidents.listIncidents({ entityRef });
    let budgets = new Map<string, number>();
    try {
      budgets = incidentBudgets(await this.evaluate(entity, options), items);
    } catch (e) {
      assertError(e);
      this.options.logger.warn(`could not evaluate SLOs of ${entityRef}`, {
        error: e.message,
      });
    }
    return incidentStats(items, budgets);
  }
}
