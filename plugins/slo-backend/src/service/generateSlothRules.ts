import { InputError } from '@backstage/errors';
import {
  formatDuration,
  ResolvedSlo,
  SliQuery,
} from '@gatekeeper/plugin-slo-common';
import { BurnRateRule, scaleBurnRateRules } from '@gatekeeper/plugin-slo-node';
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

function errorRatioExpression(slo: ResolvedSlo, window: string): string {
  const { indicator } = slo;
  const total = rateExpression(indicator.total, indicator.counter, window);
  const errors = indicator.bad
    ? rateExpression(indicator.bad, indicator.counter, window)
    : `${total} - ${rateExpression(
        indicator.good!,
        indicator.counter,
        window,
      )}`;
  return `(${errors})\n/\n(${total})\n`;
}

function number(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/**
 * Prometheus recording and multiwindow multi-burn-rate alert rules for one
 * SLO, compatible with Sloth's output (`slo:sli_error:ratio_rate<window>`,
 * `slo:error_budget:ratio`, `slo:period_error_budget_remaining:ratio`, ...), so
 * Sloth/Pyrra-style dashboards work. Windows are the SRE workbook ones scaled
 * to the SLO window. Alerts carry `backstage_entity` so Alertmanager
 * notifications map back to the entity.
 */
export function generateSlothRules(options: {
  slo: ResolvedSlo;
  entityRef: string;
  rules?: readonly BurnRateRule[];
}): { yaml: string; groups: unknown[] } {
  const { slo, entityRef } = options;
  if (slo.budgetingMethod !== 'Occurrences') {
    throw new InputError(
      `rules can only be generated for Occurrences SLOs, '${slo.name}' uses ${slo.budgetingMethod}`,
    );
  }
  const windowSeconds = slo.timeWindow.durationSeconds;
  const scaled = scaleBurnRateRules(windowSeconds, options.rules);
  const sloId = `${slo.service}-${slo.name}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  const sloLabel = slo.name.replace(/[^a-zA-Z0-9_-]/g, '-');
  const ids = {
    sloth_id: sloId,
    sloth_service: slo.service,
    sloth_slo: sloLabel,
  };
  const selector = `{sloth_id="${sloId}", sloth_service="${slo.service}", sloth_slo="${sloLabel}"}`;
  const budget = 1 - slo.target;
  const period = formatDuration(windowSeconds);

  const windows = Array.from(
    new Set(scaled.flatMap(r => [r.shortWindowSeconds, r.longWindowSeconds])),
  ).sort((a, b) => a - b);
  const smallest = formatDuration(windows[0]);

  const sliRules: unknown[] = windows.map(seconds => {
    const window = formatDuration(seconds);
    return {
      record: `slo:sli_error:ratio_rate${window}`,
      expr: errorRatioExpression(slo, window),
      labels: { ...ids, sloth_window: window },
    };
  });
  sliRules.push({
    record: `slo:sli_error:ratio_rate${period}`,
    expr:
      `sum_over_time(slo:sli_error:ratio_rate${smallest}${selector}[${period}])\n` +
      `/ ignoring (sloth_window)\n` +
      `count_over_time(slo:sli_error:ratio_rate${smallest}${selector}[${period}])\n`,
    labels: { ...ids, sloth_window: period },
  });

  const on = 'on(sloth_id, sloth_slo, sloth_service) group_left';
  const metaRules = [
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
      expr: `vector(${number(windowSeconds / 86400)})`,
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
      record: 'sloth_slo:info',
      expr: 'vector(1)',
      labels: {
        ...ids,
        sloth_mode: 'gatekeeper',
        sloth_spec: 'openslo/v1',
        sloth_objective: number(slo.target * 100),
        backstage_entity: entityRef,
      },
    },
  ];

  const alertRules = (['page', 'ticket'] as const)
    .map(severity => {
      const rules = scaled.filter(r => r.severity === severity);
      if (!rules.length) {
        return undefined;
      }
      const clause = (r: BurnRateRule) => {
        const threshold = `(${number(r.burnRate)} * ${number(budget)})`;
        const short = formatDuration(r.shortWindowSeconds);
        const long = formatDuration(r.longWindowSeconds);
        return (
          `(\n  max(slo:sli_error:ratio_rate${short}${selector} > ${threshold}) without (sloth_window)\n` +
          `  and\n  max(slo:sli_error:ratio_rate${long}${selector} > ${threshold}) without (sloth_window)\n)`
        );
      };
      return {
        alert:
          severity === 'page'
            ? 'SloErrorBudgetBurnPage'
            : 'SloErrorBudgetBurnTicket',
        expr: `${rules.map(clause).join('\nor\n')}\n`,
        labels: {
          sloth_severity: severity,
          severity,
          backstage_entity: entityRef,
        },
        annotations: {
          summary: `${slo.displayName ?? slo.name} of ${
            slo.service
          } is burning its error budget too fast`,
          title: `(${severity}) ${slo.service} ${slo.name} SLO error budget burn rate is too high`,
        },
      };
    })
    .filter(Boolean);

  const groups = [
    { name: `sloth-slo-sli-recordings-${sloId}`, rules: sliRules },
    { name: `sloth-slo-meta-recordings-${sloId}`, rules: metaRules },
    { name: `sloth-slo-alerts-${sloId}`, rules: alertRules },
  ];
  const header = `# Generated by Gatekeeper for ${entityRef} SLO ${slo.name} (Sloth-compatible).\n`;
  return {
    yaml:
      header +
      stringify({ groups }, { lineWidth: 0, aliasDuplicateObjects: false }),
    groups,
  };
}
