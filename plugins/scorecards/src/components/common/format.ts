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
