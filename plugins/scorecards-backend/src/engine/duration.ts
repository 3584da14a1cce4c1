import { Duration } from 'luxon';

/** Parses an ISO-8601 duration (e.g. `P7D`, `PT6H`) into milliseconds. */
export function durationToMillis(iso: string): number {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) {
    throw new Error(`Invalid ISO-8601 duration "${iso}"`);
  }
  return duration.toMillis();
}
