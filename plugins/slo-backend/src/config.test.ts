import { ConfigReader } from '@backstage/config';
import { readSloConfig } from './config';

describe('readSloConfig', () => {
  it('applies the documented defaults to an empty config', () => {
    expect(readSloConfig(new ConfigReader({}))).toEqual({
      datasource: 'demo',
      stepSeconds: undefined,
      forecastWindowSeconds: 3600,
      cacheTtlSeconds: undefined,
      policy: {
        postmortemThresholdPercent: 20,
        exceptions: ['P0', 'security'],
        postmortemBlocksChanges: false,
      },
      seedDemoIncidents: true,
      alertmanager: {
        webhookToken: undefined,
        entityLabels: ['backstage_entity', 'service'],
        severityLabel: 'severity',
        rateLimit: { burst: 30, perSecond: 5 },
      },
      idempotencyTtlMs: 24 * 3_600_000,
      writeRateLimits: {
        writesPerMinute: 600,
        failedAuthPerMinute: 60,
        burst: undefined,
        failedAuthBurst: undefined,
      },
      pagerDuty: undefined,
      refresh: {
        enabled: true,
        frequencySeconds: 60,
        maxAgeSeconds: 600,
        concurrency: 4,
        settleSeconds: 120,
      },
      delivery: {
        retentionDays: 400,
        environment: 'production',
        failureWindowMinutes: 1440,
        targets: {
          mttrMinutes: 60,
          rollbackMinutes: 10,
          deploymentsPerWeek: undefined,
          leadTimeMinutes: undefined,
          changeFailureRatePercent: undefined,
        },
      },
      seedDemoDeployments: true,
    });
  });
});

describe('readSloConfig, delivery', () => {
  it('reads the delivery settings and enforces a year of history', () => {
    const delivery = (values: object) =>
      readSloConfig(new ConfigReader({ slo: { delivery: values } })).delivery;
    expect(
      delivery({
        retentionDays: 730,
        environment: 'prod',
        failureWindowMinutes: 60,
        mttrTargetMinutes: 30,
        rollbackTargetMinutes: 5,
        deploymentsPerWeekTarget: 3,
        leadTimeTargetMinutes: 1440,
        changeFailureRateTargetPercent: 15,
      }),
    ).toEqual({
      retentionDays: 730,
      environment: 'prod',
      failureWindowMinutes: 60,
      targets: {
        mttrMinutes: 30,
        rollbackMinutes: 5,
        deploymentsPerWeek: 3,
        leadTimeMinutes: 1440,
        changeFailureRatePercent: 15,
      },
    });
    expect(delivery({ retentionDays: 365 }).retentionDays).toBe(365);
    expect(() => delivery({ retentionDays: 364 })).toThrow(
      /retentionDays must be a whole number of at least 365/,
    );
    expect(() => delivery({ retentionDays: 400.5 })).toThrow(/retentionDays/);
    expect(() => delivery({ mttrTargetMinutes: 0 })).toThrow(
      /mttrTargetMinutes must be a positive number/,
    );
    expect(() => delivery({ rollbackTargetMinutes: 'soon' })).toThrow(
      /rollbackTargetMinutes/,
    );
  });
});

describe('readSloConfig, part 2', () => {
  it('reads every setting', () => {
    const config = readSloConfig(
      new ConfigReader({
        slo: {
          datasource: 'prometheus',
          stepSeconds: 120,
          forecastWindow: '30m',
          cacheTtlSeconds: 0,
          policy: {
            postmortemThresholdPercent: 5,
            exceptions: ['security'],
            postmortemBlocksChanges: true,
          },
          demo: { seedIncidents: false },
          alertmanager: {
            webhookToken: 'secret',
            entityLabels: ['app'],
            severityLabel: 'prio',
            rateLimit: { burst: 2, perSecond: 1 },
          },
          idempotency: { ttlHours: 1 },
          rateLimit: { writesPerMinute: 10, burst: 3 },
          pagerduty: {
            baseUrl: 'https://api.pagerduty.com',
            apiToken: 'pd',
            lookbackDays: 7,
            syncIntervalMinutes: 15,
          },
        },
      }),
    );
    expect(config).toMatchObject({
      datasource: 'prometheus',
      stepSeconds: 120,
      forecastWindowSeconds: 1800,
      cacheTtlSeconds: 0,
      policy: {
        postmortemThresholdPercent: 5,
        exceptions: ['security'],
        postmortemBlocksChanges: true,
      },
      seedDemoIncidents: false,
      alertmanager: {
        webhookToken: 'secret',
        entityLabels: ['app'],
        severityLabel: 'prio',
        rateLimit: { burst: 2, perSecond: 1 },
      },
      idempotencyTtlMs: 3_600_000,
      writeRateLimits: { writesPerMinute: 10, burst: 3 },
      pagerDuty: {
        baseUrl: 'https://api.pagerduty.com',
        token: 'pd',
        lookbackDays: 7,
        syncIntervalMinutes: 15,
      },
    });
  });
});

describe('readSloConfig, part 3', () => {
  it('rejects values of the wrong type, a bad duration and incomplete PagerDuty settings', () => {
    expect(() =>
      readSloConfig(new ConfigReader({ slo: { stepSeconds: 'often' } })),
    ).toThrow(/stepSeconds/);
    expect(() =>
      readSloConfig(new ConfigReader({ slo: { forecastWindow: 'soon' } })),
    ).toThrow();
    expect(() =>
      readSloConfig(
        new ConfigReader({ slo: { pagerduty: { baseUrl: 'https://pd' } } }),
      ),
    ).toThrow(/apiToken/);
    expect(() =>
      readSloConfig(
        new ConfigReader({ slo: { alertmanager: { entityLabels: 'app' } } }),
      ),
    ).toThrow(/entityLabels/);
  });
});
