import { entityRefFromLabels, mapSeverity } from './alertmanagerWebhook';
import { TokenBucketLimiter } from '@gatekeeper/gatekeeper-node';

describe('entityRefFromLabels', () => {
  const labels = ['backstage_entity', 'service'];
  it('accepts full refs and component names, first configured label wins', () => {
    expect(
      entityRefFromLabels(
        { backstage_entity: 'Component:default/Search' },
        labels,
      ),
    ).toBe('component:default/search');
    expect(entityRefFromLabels({ service: 'search-service' }, labels)).toBe(
      'component:default/search-service',
    );
    expect(
      entityRefFromLabels(
        { backstage_entity: 'system:ops/x', service: 'y' },
        labels,
      ),
    ).toBe('system:ops/x');
    expect(
      entityRefFromLabels({ backstage_entity: ' ', service: 'y' }, labels),
    ).toBe('component:default/y');
    expect(
      entityRefFromLabels({ backstage_entity: 'x:' }, labels),
    ).toBeUndefined();
    expect(entityRefFromLabels({ team: 'x' }, labels)).toBeUndefined();
  });
});

describe('mapSeverity', () => {
  it.each([
    ['P0', 'P0'],
    ['p2', 'P2'],
    ['critical', 'P1'],
    ['page', 'P1'],
    ['error', 'P2'],
    ['warning', 'P3'],
    ['ticket', 'P3'],
    ['info', 'P4'],
    [undefined, 'P3'],
    ['weird', 'P3'],
  ])('%p -> %s', (value, expected) => {
    expect(mapSeverity(value)).toBe(expected);
  });
});

describe('TokenBucketLimiter', () => {
  it('allows a burst, then refills at the configured rate, per key', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({
      burst: 2,
      perSecond: 1,
      now: () => now,
    });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(limiter.retryAfterSeconds('a')).toBe(1);
    expect(limiter.take('b')).toBe(true);
    now = 500;
    expect(limiter.take('a')).toBe(false);
    now = 1000;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.retryAfterSeconds('unknown')).toBe(0);
  });
});
