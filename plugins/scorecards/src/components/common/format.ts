/** Formats an ISO timestamp as `YYYY-MM-DD HH:MM UTC` (stable across locales). */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) {
    return 'never';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/:\d\d\.\d+Z$/, ' UTC');
}

/** Renders a fact value for display. */
export function formatValue(value: unknown): string {
  if (value === undefined) {
    return 'missing';
  }
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : String(+value.toFixed(2));
  }
  return JSON.stringify(value);
}

const UNITS: [string, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** An ISO timestamp relative to `now`, e.g. `3 hours ago` or `in 2 days`. */
export function formatRelative(
  iso: string | undefined,
  now: number = Date.now(),
): string {
  const at = iso ? new Date(iso).getTime() : NaN;
  if (!Number.isFinite(at)) return iso ?? 'never';
  const delta = at - now;
  const abs = Math.abs(delta);
  const [unit, ms] = UNITS.find(([, size]) => abs >= size) ?? ['minute', 0];
  if (ms === 0) return 'just now';
  const count = Math.floor(abs / ms);
  const text = `${count} ${unit}${count === 1 ? '' : 's'}`;
  return delta < 0 ? `${text} ago` : `in ${text}`;
}
