/** Order statistics and ISO-week helpers of the delivery metrics. */

const WEEK_MS = 7 * 86_400_000;

/** The median (mean of the two middle values for an even count). */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The nearest-rank percentile `p` (0 < p <= 100). */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Rounds to `digits` decimals; undefined stays undefined. */
export function round(
  value: number | undefined,
  digits = 1,
): number | undefined {
  if (value === undefined) return undefined;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Monday 00:00 UTC of the ISO week containing `ms`. */
export function weekStart(ms: number): number {
  const day = new Date(ms);
  const midnight = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate(),
  );
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return midnight - sinceMonday * 86_400_000;
}

/** The ISO weeks overlapping [startMs, endMs), each clipped to the range. */
export function weeksOf(
  startMs: number,
  endMs: number,
): { weekStart: number; startMs: number; endMs: number }[] {
  const weeks = [];
  for (let w = weekStart(startMs); w < endMs; w += WEEK_MS) {
    weeks.push({
      weekStart: w,
      startMs: Math.max(w, startMs),
      endMs: Math.min(w + WEEK_MS, endMs),
    });
  }
  return weeks;
}

export const MINUTE_MS = 60_000;
export { WEEK_MS };
