import { formatDuration, isDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h', 3600],
    ['28d', 2_419_200],
    ['1w', 604_800],
    ['1M', 2_592_000],
    ['1Q', 7_776_000],
    ['1Y', 31_536_000],
    ['1.5h', 5400],
  ])('%s = %d seconds', (value, seconds) => {
    expect(parseDuration(value)).toBe(seconds);
    expect(isDuration(value)).toBe(true);
  });

  it.each(['', '5', 'm5', '5x', '-1h', '0m'])('rejects %p', value => {
    expect(() => parseDuration(value)).toThrow();
  });
});

describe('formatDuration', () => {
  it.each([
    [300, '5m'],
    [3600, '1h'],
    [5400, '90m'],
    [86400, '1d'],
    [604800, '1w'],
    [280, '280s'],
    [0, '0s'],
  ])('%d -> %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
