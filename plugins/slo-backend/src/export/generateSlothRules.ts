import { InputError } from '@backstage/errors';
import {
  formatDuration,
  ResolvedSlo,
  SliQuery,
} from '@gatekeeper/plugin-slo-common';
import { BurnRateRule } from '@gatekeeper/plugin-slo-node';
import {
  DEFAULT_MIN_WINDOW_SECONDS,
  scaleBurnRateRules,
} from '../budgets/sloMath';
import { stringify } from 'yaml';

const WINDOW_TEMPLATE = /\{\{\s*\.window\s*\}\}/g;
const SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*\s*(\{[^{}]*\})?$|^\{[^{}]+\}$/;

/** A PromQL expression of the per-second event rate over `window`. */
export function rateExpression(
  query: SliQuery,
  counter: boolean,
  window: string,
): string {
  const q = query.query.trim();
  if (WINDOW_TEMPLATE.test(q)) {
    WINDOW_TEMPLATE.lastIndex = 0;
    return q.replace(WINDOW_TEMPLATE, window);
  }
  if (counter && SELECTOR.test(q)) {
    return `sum(rate(${q}[${window}]))`;
  }
  throw new InputError(
    `cannot derive a rate from query '${q}': use a plain counter selector or a query with {{.window}}`,
  );
}

/** A PromQL string literal: `"` and `\\` escaped, so any label value is safe. */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** A label matcher list `{a="x", b="y"}` with escaped values. */
export function promSelector(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${promString(v)}`)
    .join(', ')}}`;
}

/** Text for alert annotations: `{{` would be read as a Prometheus template. */
function templateSafe(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/** Resolution of subqueries over raw/threshold metrics (one point per minute). */
const SAMPLE_RESOLUTION = '1m';

const OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** Error ratio of events (Occurrences semantics) over `window`. */
function eventErrorExpression(slo: ResolvedSlo, window: string): string {
  const { indicator } = slo;
  if (indicator.kind === 'threshold') {
    const { op, value } = indicator.threshold!;
    return `1 - avg_over_time(((${indicator.total.query.trim()}) ${
      OPS[op]
    } bool ${number(value)})[${window}:${SAMPLE_RESOLUTION}])`;
  }
  if (indicator.kind === 'raw') {
    const avg = `avg_over_time((${indicator.total.query.trim()})[${window}:${SAMPLE_RESOLUTION}])`;
    return indicator.rawType === 'success' ? `1 - ${avg}` : avg;
  }
  const total = rateExpression(indicator.total, indicator.counter, window);
  const errors = indicator.bad
    ? rateExpression(indicator.bad, indicator.counter, window)
    : `${total} - ${rateExpression(
        indicator.good!,
        indicator.counter,
        window,
      )}`;
  return `(${errors})\n/\n(${total})`;
}

/**
 * Error ratio over `window` for the SLO's budgeting method: events for
 * Occurrences; the share of bad slices (Timeslices) or the mean slice error
 * ratio (RatioTimeslices) over the epoch-aligned slices in the window, as the
 * engine computes them. Slices without data are left out (`>= 0` drops NaN).
 */
export function sliErrorExpression(slo: ResolvedSlo, window: string): string {
  if (slo.budgetingMethod === 'Occurrences') {
    return `${eventErrorExpression(slo, window)}\n`;
  }
  const slice = formatDuration(slo.timeSliceWindowSeconds!);
  const sliceError = `(${eventErrorExpression(slo, slice)}) >= 0`;
  const inner =
    slo.budgetingMethod === 'Timeslices'
      ? `(${sliceError}) > bool ${number(1 - (slo.timeSliceTarget ?? 1))}`
      : sliceError;
  return `avg_over_time((${inner})[${window}:${slice}])\n`;
}

function number(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** Smallest burn-rate window: the resolution, rounded up to whole slices for time-slice SLOs. */
function windowUnit(slo: ResolvedSlo, minWindowSeconds: number): number {
  const slice =
    slo.budgetingMethod === 'Occurrences'
      ? undefined
      : slo.timeSliceWindowSeconds;
  return slice ? Math.ceil(minWindowSeconds / slice) * slice : minWindowSeconds;
}

/**
 * The range a rule reads for a window of `seconds`: the window itself for
 * Occurrences; for time slices the newest floor(window / slice) complete
 * slices, as the engine counts them, one second short so that a left-closed
 * range (Prometheus 2) never takes one slice more.
 */
function sliceRange(slo: ResolvedSlo, seconds: number): string {
  const slice = slo.timeSliceWindowSeconds;
  if (slo.budgetingMethod === 'Occurrences' || !slice) {
    return formatDuration(seconds);
  }
  return `${Math.max(1, Math.floor(seconds / slice)) * slice - 1}s`;
}

interface RuleContext {
  slo: ResolvedSlo;
  entityRef: string;
  ids: Record<string, string>;
  selector: string;
  period: string;
  windowSeconds: number;
  absentFor: string;
  alertFor: Partial<Record<'page' | 'ticket', string>>;
}

function sliRecordingRules(ctx: RuleContext, windows: number[]): unknown[] {
  const { slo, ids, period } = ctx;
  const rules: unknown[] = windows.map(seconds => {
    const window = formatDuration(seconds);
    return {
      record: `slo:sli_error:ratio_rate${window}`,
      expr: sliErrorExpression(slo, sliceRange(slo, seconds)),
      labels: { ...ids, sloth_window: window },
    };
  });
  // The period ratio straight from the SLI (Pyrra's way), not Sloth's mean
  // of the short-window ratios: that mean is only the event ratio when
  // traffic is flat, and lags at the window's edges.
  rules.push({
    record: `slo:sli_error:ratio_rate${period}`,
    expr: sliErrorExpression(slo, sliceRange(slo, ctx.windowSeconds)),
    labels: { ...ids, sloth_window: period },
  });
  return rules;
}

function metaRecordingRules(ctx: RuleContext, smallest: string): unknown[] {
  const { slo, ids, selector, period } = ctx;
  const on = 'on(sloth_id, sloth_slo, sloth_service) group_left';
  return [
    {
      record: 'slo:objective:ratio',
      expr: `vector(${number(slo.target)})`,
      labels: ids,
    },
    {
      record: 'slo:error_budget:ratio',
      expr: `vector(1-${number(slo.target)})`,
      labels: ids,
    },
    {
      record: 'slo:time_period:days',
      expr: `vector(${number(ctx.windowSeconds / 86400)})`,
      labels: ids,
    },
    {
      record: 'slo:current_burn_rate:ratio',
      expr: `slo:sli_error:ratio_rate${smallest}${selector}\n/ ${on}\nslo:error_budget:ratio${selector}\n`,
      labels: ids,
    },
    {
      record: 'slo:period_burn_rate:ratio',
      expr: `slo:sli_error:ratio_rate${period}${selector}\n/ ${on}\nslo:error_budget:ratio${selector}\n`,
      labels: ids,
    },
    {
      record: 'slo:period_error_budget_remaining:ratio',
      expr: `1 - slo:period_burn_rate:ratio${selector}`,
      labels: ids,
    },
    {
      record: 'sloth_slo_info',
      expr: 'vector(1)',
      labels: {
        ...ids,
        sloth_mode: 'gatekeeper',
        sloth_objective: number(slo.target * 100),
        sloth_spec: 'openslo/v1',
        sloth_version: 'gatekeeper',
        backstage_entity: ctx.entityRef,
      },
    },
  ];
}

/**
 * `for` of a burn-rate alert: half its smallest short window in whole
 * minutes, at least one (5m short windows give 2m, as Pyrra's do), so one
 * evaluation over the threshold does not page while a real burn still fires
 * well inside the short window.
 */
function defaultFor(rules: BurnRateRule[]): string {
  const short = Math.min(...rules.map(r => r.shortWindowSeconds));
  return formatDuration(Math.max(60, Math.floor(short / 120) * 60));
}

function alertRules(ctx: RuleContext, scaled: BurnRateRule[]): unknown[] {
  const { slo, selector, entityRef } = ctx;
  const budget = 1 - slo.target;
  const clause = (r: BurnRateRule) => {
    const threshold = `(${number(r.burnRate)} * ${number(budget)})`;
    const short = formatDuration(r.shortWindowSeconds);
    const long = formatDuration(r.longWindowSeconds);
    return (
      `(\n  max(slo:sli_error:ratio_rate${short}${selector} > ${threshold}) without (sloth_window)\n` +
      `  and\n  max(slo:sli_error:ratio_rate${long}${selector} > ${threshold}) without (sloth_window)\n)`
    );
  };
  const out: unknown[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    const rules = scaled.filter(r => r.severity === severity);
    if (!rules.length) continue;
    out.push({
      alert:
        severity === 'page'
          ? 'SloErrorBudgetBurnPage'
          : 'SloErrorBudgetBurnTicket',
      expr: `${rules.map(clause).join('\nor\n')}\n`,
      for: ctx.alertFor[severity] ?? defaultFor(rules),
      labels: {
        sloth_severity: severity,
        severity,
        backstage_entity: entityRef,
      },
      annotations: {
        summary: templateSafe(
          `${slo.displayName ?? slo.name} of ${
            slo.service
          } is burning its error budget too fast`,
        ),
        title: templateSafe(
          `(${severity}) ${slo.service} ${slo.name} SLO error budget burn rate is too high`,
        ),
      },
    });
  }
  const smallest = formatDuration(
    Math.min(...scaled.map(r => r.shortWindowSeconds)),
  );
  out.push({
    alert: 'SloSliDataAbsent',
    expr: `absent(slo:sli_error:ratio_rate${smallest}${selector})\n`,
    for: ctx.absentFor,
    labels: {
      sloth_severity: 'ticket',
      severity: 'ticket',
      backstage_entity: entityRef,
    },
    annotations: {
      summary: templateSafe(
        `${slo.displayName ?? slo.name} of ${
          slo.service
        } has no SLI data: its error budget cannot be computed`,
      ),
      title: templateSafe(
        `(ticket) ${slo.service} ${slo.name} SLO has no SLI data for ${ctx.absentFor}`,
      ),
    },
  });
  return out;
}

/**
 * Prometheus recording and multiwindow multi-burn-rate alert rules for one
 * SLO with Sloth's names and labels (`slo:sli_error:ratio_rate<window>`,
 * `slo:objective:ratio`, `slo:error_budget:ratio`, `slo:time_period:days`,
 * `slo:current_burn_rate:ratio`, `slo:period_burn_rate:ratio`,
 * `slo:period_error_budget_remaining:ratio`, `sloth_slo_info`), so
 * Sloth-compatible dashboards work, for every budgeting method and for
 * ratio, raw and threshold indicators. Windows are the SRE workbook ones
 * scaled to the SLO window and never shorter than `minWindowSeconds`
 * (default 5m; whole slices for time-slice SLOs). Label values are escaped.
 * Alerts carry `backstage_entity` so notifications map back to the entity;
 * `SloSliDataAbsent` (ticket) fires when the SLI series has been absent for
 * `absentFor`.
 */
export function generateSlothRules(options: {
  slo: ResolvedSlo;
  entityRef: string;
  rules?: readonly BurnRateRule[];
  minWindowSeconds?: number;
  /** `for` of the absent-SLI-data alert (default 10m). */
  absentFor?: string;
  /** `for` of the burn-rate alerts (default half the smallest short window). */
  alertFor?: Partial<Record<'page' | 'ticket', string>>;
}): { yaml: string; groups: unknown[] } {
  const { slo, entityRef } = options;
  if (slo.budgetingMethod !== 'Occurrences' && !slo.timeSliceWindowSeconds) {
    throw new InputError(
      `${slo.budgetingMethod} SLO '${slo.name}' needs timeSliceWindow`,
    );
  }
  const windowSeconds = slo.timeWindow.durationSeconds;
  const scaled = scaleBurnRateRules(
    windowSeconds,
    options.rules,
    windowUnit(slo, options.minWindowSeconds ?? DEFAULT_MIN_WINDOW_SECONDS),
  );
  const sloId = `${slo.service}-${slo.name}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  const ids = {
    sloth_id: sloId,
    sloth_service: slo.service,
    sloth_slo: slo.name.replace(/[^a-zA-Z0-9_-]/g, '-'),
  };
  const ctx: RuleContext = {
    slo,
    entityRef,
    ids,
    selector: promSelector(ids),
    period: formatDuration(windowSeconds),
    windowSeconds,
    absentFor: options.absentFor ?? '10m',
    alertFor: options.alertFor ?? {},
  };
  const windows = Array.from(
    new Set(scaled.flatMap(r => [r.shortWindowSeconds, r.longWindowSeconds])),
  ).sort((a, b) => a - b);
  const groups = [
    {
      name: `sloth-slo-sli-recordings-${sloId}`,
      rules: sliRecordingRules(ctx, windows),
    },
    {
      name: `sloth-slo-meta-recordings-${sloId}`,
      rules: metaRecordingRules(ctx, formatDuration(windows[0])),
    },
    { name: `sloth-slo-alerts-${sloId}`, rules: alertRules(ctx, scaled) },
  ];
  const header = `# Generated by Gatekeeper for ${entityRef.replace(
    /[\r\n]/g,
    ' ',
  )} SLO ${slo.name} (Sloth-compatible).\n`;
  return {
    yaml:
      header +
      stringify({ groups }, { lineWidth: 0, aliasDuplicateObjects: false }),
    groups,
  };
}
