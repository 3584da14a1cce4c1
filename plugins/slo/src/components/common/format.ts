const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * Formats a number of seconds as its two most significant units, e.g.
 * `45s`, `12m`, `1h 5m`, `3d 4h`. Used for MTTA, MTTR and time to exhaustion.
 */
export function formatDuration(totalSeconds: number | undefined): string {
  if (totalSeconds === undefined || !Number.isFinite(totalSeconds)) {
    return '—';
  }
  let remaining = Math.max(0, Math.round(totalSeconds));
  if (remaining === 0) {
    return '0s';
  }
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (parts.length === 2) {
      break;
    }
    const count = Math.floor(remaining / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      remaining -= count * size;
    } else if (parts.length > 0) {
      // Never skip a unit between two shown ones: `1d 5m` reads as `1d`.
      break;
    }
  }
  return parts.join(' ');
}

/** Formats a ratio (0-1) as a percentage with up to `digits` decimals, e.g. `99.95%`. */
export function formatRatio(ratio: number, digits = 3): string {
  return formatPercent(ratio * 100, digits);
}

/** Formats a percentage value, trimming trailing zeros: `42%`, `99.9%`, `-12.5%`. */
export function formatPercent(percent: number, digits = 1): string {
  if (!Number.isFinite(percent)) {
    return '—';
  }
  const fixed = percent.toFixed(digits);
  const trimmed = fixed.includes('.')
    ? fixed.replace(/0+$/, '').replace(/\.$/, '')
    : fixed;
  return `${trimmed === '-0' ? '0' : trimmed}%`;
}

/** Formats a burn rate factor: `14.4x`, `0.52x`. */
export function formatBurnRate(rate: number): string {
  if (!Number.isFinite(rate)) {
    return '—';
  }
  const digits = Math.abs(rate) >= 10 ? 1 : 2;
  const fixed = rate.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '');
  return `${fixed}x`;
}

/** Formats an absolute budget amount (events or slices) compactly. */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) {
    return '—';
  }
  const rounded =
    Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
  return rounded.toLocaleString('en-US');
}

/** Seconds between two ISO timestamps, or undefined when either is missing. */
export function secondsBetween(
  from: string | undefined,
  to: string | undefined,
): number | undefined {
  if (!from || !to) {
    return undefined;
  }
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/** Short, locale independent date-time label: `2026-11-24 20:15 UTC`. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const UUID_RE =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shortens UUID incident ids to their first 8 characters for display. */
export function shortId(id: string): string {
  return UUID_RE.test(id) ? id.slice(0, 8) : id;
}
