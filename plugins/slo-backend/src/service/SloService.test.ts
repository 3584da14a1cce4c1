import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { autoStepSeconds, evaluationRange } from './SloService';

const slo = (timeWindow: ResolvedSlo['timeWindow']): ResolvedSlo => ({
  name: 'a',
  sloName: 'a',
  service: 's',
  target: 0.99,
  timeWindow,
  budgetingMethod: 'Occurrences',
  indicator: { counter: true, total: { sourceType: 'Prometheus', query: 't' } },
});

describe('autoStepSeconds', () => {
  it('keeps at most ~10,000 buckets per window, in whole minutes', () => {
    expect(autoStepSeconds(86400)).toBe(60);
    expect(autoStepSeconds(28 * 86400)).toBe(300);
    expect(autoStepSeconds(30 * 86400)).toBe(300);
    expect(autoStepSeconds(90 * 86400)).toBe(780);
  });
});

describe('evaluationRange', () => {
  const at = Date.parse('2026-11-24T12:34:56Z');

  it('rolling: the last window ending at the step-aligned evaluation time', () => {
    const range = evaluationRange(
      slo({ duration: '1d', durationSeconds: 86400, rolling: true }),
      at,
      60,
    );
    expect(new Date(range.endMs).toISOString()).toBe(
      '2026-11-24T12:34:00.000Z',
    );
    expect(new Date(range.startMs).toISOString()).toBe(
      '2026-11-23T12:34:00.000Z',
    );
  });

  it('calendar: from the start of the current period in its time zone', () => {
    const month = evaluationRange(
      slo({
        duration: '1M',
        durationSeconds: 30 * 86400,
        rolling: false,
        calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' },
      }),
      at,
      300,
    );
    expect(new Date(month.startMs).toISOString()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    expect(new Date(month.endMs).toISOString()).toBe(
      '2026-11-24T12:30:00.000Z',
    );
    const week = evaluationRange(
      slo({
        duration: '1w',
        durationSeconds: 7 * 86400,
        rolling: false,
        calendar: {
          startTime: '2026-01-01 00:00:00',
          timeZone: 'America/New_York',
        },
      }),
      at,
      60,
    );
    // Monday 2026-11-23 00:00 in New York = 05:00 UTC
    expect(new Date(week.startMs).toISOString()).toBe(
      '2026-11-23T05:00:00.000Z',
    );
  });

  it('rejects unknown calendar units and time zones', () => {
    const calendar = (duration: string, timeZone: string) =>
      slo({
        duration,
        durationSeconds: 3600,
        rolling: false,
        calendar: { startTime: 'x', timeZone },
      });
    expect(() => evaluationRange(calendar('1h', 'UTC'), at, 60)).toThrow(
      /must be in d, w, M, Q or Y/,
    );
    expect(() =>
      evaluationRange(calendar('1d', 'Mars/Olympus'), at, 60),
    ).toThrow(/invalid calendar time zone/);
  });
});
