import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import {
  autoStepSeconds,
  calendarPeriod,
  evaluationWindow,
} from './evaluationWindow';

const slo = (
  timeWindow: ResolvedSlo['timeWindow'],
  extra: Partial<ResolvedSlo> = {},
): ResolvedSlo => ({
  name: 'a',
  sloName: 'a',
  service: 's',
  target: 0.99,
  timeWindow,
  budgetingMethod: 'Occurrences',
  indicator: { counter: true, total: { sourceType: 'Prometheus', query: 't' } },
  ...extra,
});
const iso = (ms: number) => new Date(ms).toISOString();
const cal = (duration: string, startTime: string, timeZone: string) =>
  slo({
    duration,
    durationSeconds: 1,
    rolling: false,
    calendar: { startTime, timeZone },
  });

describe('autoStepSeconds', () => {
  it('keeps at most ~10,000 buckets, in whole minutes dividing the window', () => {
    expect(autoStepSeconds(86400)).toBe(60);
    expect(autoStepSeconds(28 * 86400)).toBe(300);
    expect(autoStepSeconds(30 * 86400)).toBe(300);
    // 777.6s needed; 780 and 840 do not divide 90d, 900 does (8,640 buckets)
    expect(autoStepSeconds(90 * 86400)).toBe(900);
  });
});

describe('calendarPeriod', () => {
  const at = Date.parse('2026-11-24T12:34:56Z');

  it('28d periods count from startTime, not from the current day', () => {
    // 2026-01-01 + 11 x 28d = 2026-11-05 (308 days later)
    const p = calendarPeriod(
      { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' },
      '28d',
      at,
    );
    expect(iso(p.startMs)).toBe('2026-11-05T00:00:00.000Z');
    expect(iso(p.endMs)).toBe('2026-12-03T00:00:00.000Z');
  });

  it('1w periods start on the weekday of startTime in its time zone', () => {
    // 2026-01-01 is a Thursday; 2026-11-19 is 46 weeks later, 00:00 EST = 05:00Z
    const p = calendarPeriod(
      { startTime: '2026-01-01 00:00:00', timeZone: 'America/New_York' },
      '1w',
      at,
    );
    expect(iso(p.startMs)).toBe('2026-11-19T05:00:00.000Z');
    expect(iso(p.endMs)).toBe('2026-11-26T05:00:00.000Z');
  });

  it('1M is a calendar month from the start day and hour, DST aware', () => {
    const p = calendarPeriod(
      { startTime: '2026-01-15 06:00:00', timeZone: 'Europe/Berlin' },
      '1M',
      at,
    );
    // Nov 15 06:00 CET (UTC+1) to Dec 15 06:00 CET
    expect(iso(p.startMs)).toBe('2026-11-15T05:00:00.000Z');
    expect(iso(p.endMs)).toBe('2026-12-15T05:00:00.000Z');
    // across the spring DST change: Mar 15 06:00 CET -> Apr 15 06:00 CEST
    const spring = calendarPeriod(
      { startTime: '2026-01-15 06:00:00', timeZone: 'Europe/Berlin' },
      '1M',
      Date.parse('2026-04-01T00:00:00Z'),
    );
    expect(iso(spring.startMs)).toBe('2026-03-15T05:00:00.000Z');
    expect(iso(spring.endMs)).toBe('2026-04-15T04:00:00.000Z');
  });

  it('quarters and years; at before startTime goes backwards', () => {
    const q = calendarPeriod(
      { startTime: '2026-02-01', timeZone: 'UTC' },
      '1Q',
      at,
    );
    expect(iso(q.startMs)).toBe('2026-11-01T00:00:00.000Z');
    expect(iso(q.endMs)).toBe('2027-02-01T00:00:00.000Z');
    const y = calendarPeriod(
      { startTime: '2030-07-01 00:00:00', timeZone: 'Asia/Kolkata' },
      '1Y',
      at,
    );
    // 2026-07-01 00:00 IST = 2026-06-30T18:30Z
    expect(iso(y.startMs)).toBe('2026-06-30T18:30:00.000Z');
  });

  it('rejects bad durations and time zones', () => {
    const c = { startTime: '2026-01-01', timeZone: 'UTC' };
    expect(() => calendarPeriod(c, '0d', 0)).toThrow(/whole number/);
    expect(() => calendarPeriod(c, '1.5d', 0)).toThrow(/whole number/);
    expect(() =>
      calendarPeriod({ ...c, timeZone: 'Mars/Olympus' }, '1d', 0),
    ).toThrow(/invalid calendar/);
  });
});

describe('evaluationWindow', () => {
  const at = Date.parse('2026-11-24T12:34:56Z');

  it('rolling: the last window ending at the step-aligned evaluation time', () => {
    const w = evaluationWindow(
      slo({ duration: '1d', durationSeconds: 86400, rolling: true }),
      at,
    );
    expect(w.stepSeconds).toBe(60);
    expect(iso(w.endMs)).toBe('2026-11-24T12:34:00.000Z');
    expect(iso(w.startMs)).toBe('2026-11-23T12:34:00.000Z');
    expect(w.windowSeconds).toBe(86400);
  });

  it('calendar: from the period start to now, windowSeconds = real period length', () => {
    const w = evaluationWindow(cal('1M', '2026-01-01 00:00:00', 'UTC'), at, {
      stepSeconds: 300,
    });
    expect(iso(w.startMs)).toBe('2026-11-01T00:00:00.000Z');
    expect(iso(w.endMs)).toBe('2026-11-24T12:30:00.000Z');
    expect(w.windowSeconds).toBe(30 * 86400); // November
    const w28 = evaluationWindow(cal('28d', '2026-01-01 00:00:00', 'UTC'), at);
    expect(iso(w28.startMs)).toBe('2026-11-05T00:00:00.000Z');
    expect(w28.windowSeconds).toBe(28 * 86400);
  });

  it('time slices that do not divide the step: exact step and whole slices', () => {
    const w = evaluationWindow(
      slo(
        { duration: '30d', durationSeconds: 30 * 86400, rolling: true },
        {
          budgetingMethod: 'Timeslices',
          timeSliceWindowSeconds: 420,
          timeSliceTarget: 0.95,
        },
      ),
      at,
    );
    expect(w.stepSeconds).toBe(210); // largest divisor of 7m below the 5m step
    expect(w.endMs % 420_000).toBe(0);
    // floor(2,592,000 / 420) = 6,171 complete slices
    expect((w.endMs - w.startMs) / 420_000).toBe(6171);
  });

  it('calendar time slices: the complete slices since the period start', () => {
    const w = evaluationWindow(
      {
        ...cal('1d', '2026-01-01 00:00:00', 'UTC'),
        budgetingMethod: 'RatioTimeslices',
        timeSliceWindowSeconds: 420,
      },
      at,
    );
    // 12:34:56 = 45,296 s since midnight: 107 complete 7m slices
    expect(iso(w.startMs)).toBe('2026-11-24T00:00:00.000Z');
    expect((w.endMs - w.startMs) / 420_000).toBe(107);
  });
});
