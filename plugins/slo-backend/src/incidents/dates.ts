/** Strict ISO 8601 date-time: `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or an offset. */
const ISO_8601 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** How far into the future a client-supplied event time may lie. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** True when `value` is a strict ISO 8601 date-time that exists in the calendar. */
export function isStrictIsoDate(value: string): boolean {
  if (!ISO_8601.test(value)) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  // reject calendar overflow such as 2026-02-31 (Date.parse rolls it over)
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** Whether `ms` lies no further than {@link MAX_FUTURE_SKEW_MS} after `nowMs`. */
export function withinFutureSkew(ms: number, nowMs: number): boolean {
  return ms <= nowMs + MAX_FUTURE_SKEW_MS;
}
