import {
  formatAmount,
  formatBurnRate,
  formatDuration,
  formatPercent,
  formatRatio,
  formatTimestamp,
  secondsBetween,
  shortId,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [59.6, '1m'],
    [90, '1m 30s'],
    [720, '12m'],
    [3600, '1h'],
    [3900, '1h 5m'],
    [3905, '1h 5m'],
    [86400 + 300, '1d'],
    [90000, '1d 1h'],
    [3 * 86400 + 4 * 3600 + 59, '3d 4h'],
    [-5, '0s'],
  ])('formats %p seconds as %p', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it('shows a dash for missing or infinite values', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Infinity)).toBe('—');
  });
});

describe('percent and rate formatting', () => {
  it('trims trailing zeros', () => {
    expect(formatPercent(42)).toBe('42%');
    expect(formatPercent(62.5)).toBe('62.5%');
    expect(formatPercent(12.34)).toBe('12.3%');
    expect(formatPercent(-12.5)).toBe('-12.5%');
    expect(formatPercent(-0.01)).toBe('0%');
    expect(formatPercent(NaN)).toBe('—');
  });

  it('formats ratios as percentages', () => {
    expect(formatRatio(0.999)).toBe('99.9%');
    expect(formatRatio(0.99962)).toBe('99.962%');
    expect(formatRatio(1)).toBe('100%');
  });

  it('formats burn rates', () => {
    expect(formatBurnRate(14.4)).toBe('14.4x');
    expect(formatBurnRate(6)).toBe('6x');
    expect(formatBurnRate(0.525)).toBe('0.53x');
    expect(formatBurnRate(21.66)).toBe('21.7x');
    expect(formatBurnRate(NaN)).toBe('—');
  });

  it('formats amounts', () => {
    expect(formatAmount(1234.4)).toBe('1,234');
    expect(formatAmount(2.345)).toBe('2.35');
    expect(formatAmount(-3)).toBe('-3');
    expect(formatAmount(Infinity)).toBe('—');
  });
});

describe('time helpers', () => {
  it('computes seconds between timestamps', () => {
    expect(secondsBetween('2026-11-21T10:00:00Z', '2026-11-21T10:12:00Z')).toBe(
      720,
    );
    expect(secondsBetween('2026-11-21T10:00:00Z', undefined)).toBeUndefined();
    expect(secondsBetween('garbage', '2026-11-21T10:12:00Z')).toBeUndefined();
  });

  it('formats timestamps in UTC', () => {
    expect(formatTimestamp('2026-11-21T10:12:34Z')).toBe(
      '2026-11-21 10:12 UTC',
    );
    expect(formatTimestamp(undefined)).toBe('—');
    expect(formatTimestamp('not a date')).toBe('not a date');
  });
});

describe('shortId', () => {
  it('shortens UUIDs only', () => {
    expect(shortId('ff811044-dd2f-492d-9f4e-75b629ffd330')).toBe('ff811044');
    expect(shortId('inc-1')).toBe('inc-1');
    expect(shortId('PD-12345678-abc')).toBe('PD-12345678-abc');
  });
});
