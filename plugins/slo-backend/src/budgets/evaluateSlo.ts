import {
  ResolvedSlo,
  SloReportError,
  SloStatus,
} from '@gatekeeper/plugin-slo-common';
import { SliEventSeries, SloDatasource } from '@gatekeeper/plugin-slo-node';
import { computeSlo, toTimeslices } from './sloMath';
import { evaluationWindow } from './evaluationWindow';

/** One SLO evaluated at a point in time. */
export interface SloEvaluation {
  slo: ResolvedSlo;
  status: SloStatus;
  /** Events the budget is computed over (time slices for Timeslices SLOs). */
  events: SliEventSeries;
  budgetTotal: number;
}

/** Every SLO of one entity evaluated at a point in time. */
export interface EntityEvaluation {
  entityRef: string;
  evaluatedAt: Date;
  slos: SloEvaluation[];
  errors: SloReportError[];
}

type SloResult = ReturnType<typeof computeSlo>;

function toSloStatus(
  slo: ResolvedSlo,
  result: SloResult,
  endMs: number,
): SloStatus {
  return {
    name: slo.name,
    ...(slo.displayName ? { displayName: slo.displayName } : {}),
    ...(slo.description ? { description: slo.description } : {}),
    service: slo.service,
    objective: slo.target,
    timeWindow: {
      duration: slo.timeWindow.duration,
      rolling: slo.timeWindow.rolling,
      ...(slo.timeWindow.calendar ? { calendar: slo.timeWindow.calendar } : {}),
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
    evaluatedAt: new Date(endMs).toISOString(),
  };
}

/** Fetches the SLI events of one SLO's window and computes its error budget. */
export async function evaluateSlo(options: {
  slo: ResolvedSlo;
  entityRef: string;
  atMs: number;
  datasource: SloDatasource;
  stepSeconds?: number;
  forecastWindowSeconds?: number;
}): Promise<SloEvaluation> {
  const { slo, entityRef, atMs } = options;
  const { startMs, endMs, stepSeconds, windowSeconds } = evaluationWindow(
    slo,
    atMs,
    { stepSeconds: options.stepSeconds },
  );
  const raw = await options.datasource.fetchEvents({
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
    forecastWindowSeconds: options.forecastWindowSeconds,
  });
  const status = toSloStatus(slo, result, endMs);
  return { slo, status, events, budgetTotal: result.budgetTotal };
}
