import {
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ChangeKind,
  EntityIncidentsResponse,
  EntitySloReport,
  GateDecision,
  Incident,
  ResolvedSlo,
  SloReportError,
  SloStatus,
} from '@gatekeeper/plugin-slo-common';
import {
  badEventsBetween,
  computeSlo,
  SliEventSeries,
  SloDatasource,
  toTimeslices,
} from '@gatekeeper/plugin-slo-node';
import { SloStore } from '../database/IncidentStore';
import {
  decideGate,
  ErrorBudgetPolicy,
  evaluateFreeze,
} from './errorBudgetPolicy';
import { evaluationWindow } from './evaluationWindow';
import { loadEntitySlos } from './loadEntitySlos';

export interface SloEvaluation {
  slo: ResolvedSlo;
  status: SloStatus;
  /** Events the budget is computed over (time slices for Timeslices SLOs). */
  events: SliEventSeries;
  budgetTotal: number;
}

export interface EntityEvaluation {
  entityRef: string;
  evaluatedAt: Date;
  slos: SloEvaluation[];
  errors: SloReportError[];
}

export { autoStepSeconds } from './evaluationWindow';

export interface SloServiceOptions {
  catalog: CatalogService;
  urlReader: UrlReaderService;
  datasource: SloDatasource;
  store: SloStore;
  logger: LoggerService;
  policy: ErrorBudgetPolicy;
  stepSeconds?: number;
  forecastWindowSeconds?: number;
  cacheTtlSeconds?: number;
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
          return await this.evaluateSlo(slo, entityRef, atMs);
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

  private async evaluateSlo(
    slo: ResolvedSlo,
    entityRef: string,
    atMs: number,
  ): Promise<SloEvaluation> {
    const { startMs, endMs, stepSeconds, windowSeconds } = evaluationWindow(
      slo,
      atMs,
      { stepSeconds: this.options.stepSeconds },
    );
    const raw = await this.options.datasource.fetchEvents({
      slo,
      entityRef,
      startMs,
      endMs,
      stepSeconds,
    });
    const events =
      slo.budgetingMethod === 'Occurrences'
        ? raw
        : toTimeslices(raw, {
            sliceSeconds: slo.timeSliceWindowSeconds!,
            method: slo.budgetingMethod,
            sliceTarget: slo.timeSliceTarget,
          });
    const result = computeSlo({
      series: events,
      target: slo.target,
      windowSeconds,
      forecastWindowSeconds: this.options.forecastWindowSeconds,
    });
    const evaluatedAt = new Date(endMs);
    const status: SloStatus = {
      name: slo.name,
      ...(slo.displayName ? { displayName: slo.displayName } : {}),
      ...(slo.description ? { description: slo.description } : {}),
      service: slo.service,
      objective: slo.target,
      timeWindow: {
        duration: slo.timeWindow.duration,
        rolling: slo.timeWindow.rolling,
        ...(slo.timeWindow.calendar
          ? { calendar: slo.timeWindow.calendar }
          : {}),
      },
      budgetingMethod: slo.budgetingMethod,
      attainment: result.attainment,
      met: result.attainment >= slo.target,
      errorBudget: {
        total: result.budgetTotal,
        consumed: result.budgetConsumed,
        remaining: result.budgetRemaining,
        remainingPercent: result.remainingPercent,
        totalEvents: result.totalEvents,
        badEvents: result.badEvents,
      },
      burnRateAlerts: result.burnRateAlerts,
      exhaustion: {
        burnRate: result.currentBurnRate,
        forecastWindow: `${Math.round(result.forecastWindowSeconds / 60)}m`,
        ...(result.timeToExhaustionSeconds !== undefined
          ? {
              timeToExhaustionSeconds: result.timeToExhaustionSeconds,
              exhaustsAt: new Date(
                endMs + result.timeToExhaustionSeconds * 1000,
              ).toISOString(),
            }
          : {}),
      },
      series: Array.from(result.series.tMs, (t, i) => ({
        t: new Date(t).toISOString(),
        remainingPercent: result.series.remainingPercent[i],
        attainment: result.series.attainment[i],
        burnRate: result.series.burnRate[i],
      })),
      evaluatedAt: evaluatedAt.toISOString(),
    };
    return { slo, status, events, budgetTotal: result.budgetTotal };
  }

  /** Largest share (percent) of any SLO's window budget spent during each incident. */
  incidentBudgets(
    evaluation: EntityEvaluation,
    incidents: Incident[],
  ): Map<string, number> {
    const out = new Map<string, number>();
    const atMs = evaluation.evaluatedAt.getTime();
    for (const incident of incidents) {
      const from = Date.parse(incident.startedAt);
      const to = incident.resolvedAt ? Date.parse(incident.resolvedAt) : atMs;
      let best: number | undefined;
      for (const { events, budgetTotal } of evaluation.slos) {
        // Only incidents overlapping the SLO window consumed its budget.
        if (budgetTotal <= 0 || to <= events.startMs) continue;
        const percent =
          (badEventsBetween(events, from, to) / budgetTotal) * 100;
        best = best === undefined ? percent : Math.max(best, percent);
      }
      if (best !== undefined) {
        out.set(incident.id, best);
      }
    }
    return out;
  }

  private windowStart(evaluation: EntityEvaluation): string {
    const longest = Math.max(
      0,
      ...evaluation.slos.map(s => s.slo.timeWindow.durationSeconds),
    );
    return new Date(
      evaluation.evaluatedAt.getTime() - longest * 1000,
    ).toISOString();
  }

  async report(
    entity: Entity,
    options: { at?: number } = {},
  ): Promise<EntitySloReport> {
    const evaluation = await this.evaluate(entity, options);
    const freeze = await this.freeze(evaluation);
    return {
      entityRef: evaluation.entityRef,
      slos: evaluation.slos.map(s => s.status),
      freeze,
      errors: evaluation.errors,
      datasource: this.datasourceInfo,
    };
  }

  private async freeze(evaluation: EntityEvaluation) {
    const incidents = evaluation.slos.length
      ? await this.options.store.listIncidents({
          entityRef: evaluation.entityRef,
          since: this.windowStart(evaluation),
        })
      : [];
    const budgets = this.incidentBudgets(evaluation, incidents);
    const override = await this.options.store.getActiveFreezeOverride(
      evaluation.entityRef,
      new Date(this.now()).toISOString(),
    );
    return evaluateFreeze({
      slos: evaluation.slos.map(s => s.status),
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
    const items = await this.options.store.listIncidents({ entityRef });
    let budgets = new Map<string, number>();
    try {
      budgets = this.incidentBudgets(
        await this.evaluate(entity, options),
        items,
      );
    } catch (e) {
      this.options.logger.warn(`could not evaluate SLOs of ${entityRef}`, {
        error: (e as Error).message,
      });
    }
    const withBudget = items.map(i =>
      budgets.has(i.id)
        ? { ...i, budgetConsumedPercent: budgets.get(i.id) }
        : i,
    );
    const acked = items.filter(i => i.acknowledgedAt);
    const resolved = items.filter(i => i.resolvedAt);
    const mean = (values: number[]) =>
      values.length
        ? values.reduce((a, b) => a + b, 0) / values.length
        : undefined;
    const mtta = mean(
      acked.map(
        i => (Date.parse(i.acknowledgedAt!) - Date.parse(i.startedAt)) / 1000,
      ),
    );
    const mttr = mean(
      resolved.map(
        i => (Date.parse(i.resolvedAt!) - Date.parse(i.startedAt)) / 1000,
      ),
    );
    return {
      items: withBudget,
      stats: {
        count: items.length,
        open: items.filter(i => i.status !== 'resolved').length,
        ...(mtta !== undefined ? { mttaSeconds: mtta } : {}),
        ...(mttr !== undefined ? { mttrSeconds: mttr } : {}),
        budgetConsumedPercentByIncident: [...budgets].map(([id, percent]) => ({
          id,
          percent,
        })),
      },
    };
  }
}
