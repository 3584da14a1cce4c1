const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 7 * 86400,
  // Calendar units, approximated for rolling windows and forecasts.
  M: 30 * 86400,
  Q: 90 * 86400,
  Y: 365 * 86400,
};

const DURATION_RE = /^(\d+(?:\.\d+)?)([smhdwMQY])$/;

/**
 * True when `value` is a positive OpenSLO duration such as `5m`, `28d`, `1M`.
 *
 * @public
 */
export function isDuration(value: string): boolean {
  return tryParseDuration(value) !== undefined;
}

/**
 * Seconds of a positive duration string, or of a positive number (seconds,
 * the numeric form OpenSLO allows for `timeSliceWindow`); `undefined` for
 * anything else (never throws).
 *
 * @public
 */
export function tryParseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? value : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = DURATION_RE.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]];
  return seconds > 0 && Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * Parses an OpenSLO / Prometheus style duration (`30s`, `5m`, `1h`, `28d`,
 * `1w`, `1M`, `1Q`, `1Y`) into seconds. Months, quarters and years are
 * approximated as 30, 90 and 365 days.
 *
 * @public
 */
export function parseDuration(value: string): number {
  const match = DURATION_RE.exec(value.trim());
  if (!match) {
    throw new Error(`Invalid duration '${value}', expected e.g. 5m, 1h, 28d`);
  }
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]];
  if (!(seconds > 0)) {
    throw new Error(`Duration '${value}' must be positive`);
  }
  return seconds;
}

/**
 * Formats seconds as the shortest exact Prometheus duration (`1d`, `90m`,
 * `2h`), falling back to seconds. Used for burn-rate windows.
 *
 * @public
 */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds);
  if (seconds <= 0) {
    return '0s';
  }
  for (const [unit, size] of [
    ['w', 604800],
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}
