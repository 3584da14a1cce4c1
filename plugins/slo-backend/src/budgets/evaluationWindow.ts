import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { timesliceStepSeconds } from './sloMath';
import { DateTime, DurationLikeObject } from 'luxon';

const CALENDAR_UNITS: Record<string, keyof DurationLikeObject> = {
  s: 'seconds',
  m: 'minutes',
  h: 'hours',
  d: 'days',
  w: 'weeks',
  M: 'months',
  Q: 'quarters',
  Y: 'years',
};

/**
 * Step (seconds) for a window: the smallest whole-minute divisor of the
 * window giving at most ~10,000 buckets (so the window is a whole number of
 * buckets), one minute at least.
 */
export function autoStepSeconds(windowSeconds: number): number {
  const seconds = Math.round(windowSeconds);
  const min = Math.max(60, Math.ceil(seconds / 10_000 / 60) * 60);
  for (let step = min; step <= seconds; step += 60) {
    if (seconds % step === 0) return step;
  }
  return min;
}

/** Start of the calendar period (ms) containing `atMs`, and its end. */
export function calendarPeriod(
  calendar: { startTime: string; timeZone: string },
  duration: string,
  atMs: number,
): { startMs: number; endMs: number } {
  const match = /^(\d+)([smhdwMQY])$/.exec(duration.trim());
  const count = match ? Number(match[1]) : NaN;
  if (!match || !(count > 0)) {
    throw new Error(
      `calendar window '${duration}' needs a whole number of s, m, h, d, w, M, Q or Y`,
    );
  }
  const unit = CALENDAR_UNITS[match[2]];
  const text = calendar.startTime.trim().replace(' ', 'T');
  const start = DateTime.fromISO(text, {
    zone: calendar.timeZone,
    setZone: false,
  });
  if (!start.isValid) {
    throw new Error(
      `invalid calendar startTime '${calendar.startTime}' or time zone '${calendar.timeZone}'`,
    );
  }
  const at = DateTime.fromMillis(atMs, { zone: calendar.timeZone });
  const nth = (k: number) => start.plus({ [unit]: k * count });
  // Estimate the period index from an average period length, then correct.
  const approxMs = Math.max(1, nth(1).toMillis() - start.toMillis());
  let k = Math.floor((at.toMillis() - start.toMillis()) / approxMs);
  while (nth(k).toMillis() > atMs) k--;
  while (nth(k + 1).toMillis() <= atMs) k++;
  return { startMs: nth(k).toMillis(), endMs: nth(k + 1).toMillis() };
}

export interface EvaluationWindow {
  /** Start of the first bucket (ms). */
  startMs: number;
  /** End of the last bucket (ms). */
  endMs: number;
  stepSeconds: number;
  /** Length of the SLO window (the calendar period's real length for calendar windows). */
  windowSeconds: number;
}

/**
 * The buckets an SLO is computed over at `atMs`.
 * - Rolling: the last `duration`, on a grid aligned to the step (epoch).
 * - Calendar: from the start of the current period (`startTime` + k periods
 *   in `timeZone`, DST aware: a `1M` period is a calendar month, `28d` is 28
 *   local days) up to `atMs`, on a grid aligned to the period start.
 * - Timeslices/RatioTimeslices: the step divides the slice and the range is
 *   a whole number of complete slices (rolling: the `floor(duration / slice)`
 *   newest complete slices; calendar: the complete slices since the period
 *   start), so slices are exact.
 */
export function evaluationWindow(
  slo: ResolvedSlo,
  atMs: number,
  options: { stepSeconds?: number } = {},
): EvaluationWindow {
  const sliced =
    slo.budgetingMethod !== 'Occurrences'
      ? slo.timeSliceWindowSeconds
      : undefined;
  const calendar = slo.timeWindow.rolling ? undefined : slo.timeWindow.calendar;
  const period = calendar
    ? calendarPeriod(calendar, slo.timeWindow.duration, atMs)
    : undefined;
  const windowSeconds = period
    ? (period.endMs - period.startMs) / 1000
    : slo.timeWindow.durationSeconds;
  let stepSeconds = options.stepSeconds ?? autoStepSeconds(windowSeconds);
  if (sliced !== undefined) {
    stepSeconds = timesliceStepSeconds(sliced, stepSeconds);
  }
  const unitMs = (sliced ?? stepSeconds) * 1000;
  if (period) {
    const units = Math.floor((atMs - period.startMs) / unitMs);
    const endMs = period.startMs + Math.max(sliced ? 0 : 1, units) * unitMs;
    return { startMs: period.startMs, endMs, stepSeconds, windowSeconds };
  }
  const endMs = Math.floor(atMs / unitMs) * unitMs;
  const units = Math.max(1, Math.floor((windowSeconds * 1000) / unitMs));
  return { startMs: endMs - units * unitMs, endMs, stepSeconds, windowSeconds };
}
