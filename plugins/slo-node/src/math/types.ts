/**
 * Good/total events per evenly spaced bucket. Bucket `i` covers the interval
 * `(startMs + i * stepSeconds * 1000, startMs + (i + 1) * stepSeconds * 1000]`.
 *
 * @public
 */
export interface SliEventSeries {
  startMs: number;
  stepSeconds: number;
  good: Float64Array;
  total: Float64Array;
}

/**
 * A multi-window multi-burn-rate alert rule, expressed for a 30 day window.
 *
 * @public
 */
export interface BurnRateRule {
  severity: 'page' | 'ticket';
  longWindowSeconds: number;
  shortWindowSeconds: number;
  burnRate: number;
}

/**
 * SRE workbook chapter 5 recommendation for a 30 day SLO window.
 *
 * @public
 */
export const DEFAULT_BURN_RATE_RULES: readonly BurnRateRule[] = [
  {
    severity: 'page',
    longWindowSeconds: 3600,
    shortWindowSeconds: 300,
    burnRate: 14.4,
  },
  {
    severity: 'page',
    longWindowSeconds: 6 * 3600,
    shortWindowSeconds: 1800,
    burnRate: 6,
  },
  {
    severity: 'ticket',
    longWindowSeconds: 86400,
    shortWindowSeconds: 7200,
    burnRate: 3,
  },
  {
    severity: 'ticket',
    longWindowSeconds: 3 * 86400,
    shortWindowSeconds: 6 * 3600,
    burnRate: 1,
  },
];

/**
 * The window the default rules are written for.
 *
 * @public
 */
export const REFERENCE_WINDOW_SECONDS = 30 * 86400;
