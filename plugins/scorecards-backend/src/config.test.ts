import { ConfigReader } from '@backstage/config';
import { DEFAULT_SCORED_KINDS } from '@gatekeeper/plugin-scorecards-common';
import path from 'path';
import { DEFAULT_REFRESH_SCHEDULE, readScorecardsConfig } from './config';

describe('readScorecardsConfig', () => {
  it('applies the defaults to an empty configuration', () => {
    const config = readScorecardsConfig(new ConfigReader({}));
    expect(config).toEqual({
      schedule: DEFAULT_REFRESH_SCHEDULE,
      waiversFile: undefined,
      seedFactsFile: undefined,
      kinds: [...DEFAULT_SCORED_KINDS],
      concurrency: undefined,
      incremental: true,
      idempotencyTtlMs: 24 * 3_600_000,
      rateLimits: {
        writesPerMinute: 600,
        burst: undefined,
        failedAuthPerMinute: 60,
        failedAuthBurst: undefined,
      },
    });
  });

  it('reads every key and resolves file paths against the working directory', () => {
    const config = readScorecardsConfig(
      new ConfigReader({
        scorecards: {
          schedule: { frequency: { hours: 2 }, timeout: { minutes: 5 } },
          waiversFile: 'demo/waivers.yaml',
          seedFactsFile: '/abs/seed.yaml',
          kinds: ['Component', 'API'],
          concurrency: 8,
          incremental: false,
          idempotency: { ttlHours: 2 },
          rateLimit: { writesPerMinute: 10, burst: 3 },
        },
      }),
    );
    expect(config.schedule).toEqual({
      frequency: { hours: 2 },
      timeout: { minutes: 5 },
    });
    expect(config.waiversFile).toBe(path.resolve('demo/waivers.yaml'));
    expect(config.seedFactsFile).toBe('/abs/seed.yaml');
    expect(config.kinds).toEqual(['Component', 'API']);
    expect(config.concurrency).toBe(8);
    expect(config.incremental).toBe(false);
    expect(config.idempotencyTtlMs).toBe(2 * 3_600_000);
    expect(config.rateLimits).toMatchObject({ writesPerMinute: 10, burst: 3 });
  });

  it('does not share the default kinds array between readers', () => {
    const first = readScorecardsConfig(new ConfigReader({}));
    first.kinds.push('User');
    expect(readScorecardsConfig(new ConfigReader({})).kinds).toEqual([
      ...DEFAULT_SCORED_KINDS,
    ]);
  });

  it('rejects values of the wrong type', () => {
    expect(() =>
      readScorecardsConfig(
        new ConfigReader({ scorecards: { kinds: 'Component' } }),
      ),
    ).toThrow(/kinds/);
    expect(() =>
      readScorecardsConfig(
        new ConfigReader({ scorecards: { concurrency: 'many' } }),
      ),
    ).toThrow(/concurrency/);
    expect(() =>
      readScorecardsConfig(
        new ConfigReader({ scorecards: { schedule: { frequency: 'often' } } }),
      ),
    ).toThrow();
  });
});
