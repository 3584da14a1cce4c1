import { mapSeverity, ownValue } from './alertmanagerWebhook';
import { isStrictIsoDate, withinFutureSkew } from './dates';

describe('strict ISO 8601 dates', () => {
  it.each([
    '2026-11-24T10:00:00Z',
    '2026-11-24T10:00Z',
    '2026-11-24T10:00:00.123+02:00',
    '2024-02-29T00:00:00Z',
  ])('accepts %s', v => expect(isStrictIsoDate(v)).toBe(true));

  it.each([
    '1',
    '2026',
    '2026-11-24',
    '2026-11-24 10:00:00Z',
    '2026-02-31T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-24T24:00:00Z',
    '2026-11-24T10:00:00',
    'Tue, 24 Nov 2026 10:00:00 GMT',
  ])('rejects %s', v => expect(isStrictIsoDate(v)).toBe(false));

  it('bounds the skew into the future to five minutes', () => {
    expect(withinFutureSkew(1_000 + 300_000, 1_000)).toBe(true);
    expect(withinFutureSkew(1_000 + 300_001, 1_000)).toBe(false);
  });
});

describe('own-property lookups', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'maps severity %s to the default, never to an inherited value',
    v => expect(mapSeverity(v)).toBe('P3'),
  );

  it('reads own values only', () => {
    const record = JSON.parse('{"__proto__":"x","a":"b"}');
    expect(ownValue(record, '__proto__')).toBe('x');
    expect(ownValue<string>({}, 'constructor')).toBeUndefined();
    expect(mapSeverity('Critical')).toBe('P1');
  });
});
