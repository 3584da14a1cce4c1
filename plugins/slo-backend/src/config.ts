import { Config } from '@backstage/config';
import {
  readWriteRateLimits,
  WriteRateLimits,
} from '@gatekeeper/gatekeeper-node';
import { parseDuration } from '@gatekeeper/plugin-slo-common';
import { DeliveryTargets } from './delivery/computeDeliveryMetrics';
import { DEFAULT_POLICY, ErrorBudgetPolicy } from './policy/errorBudgetPolicy';

/** `slo.alertmanager`: the webhook that turns alerts into incidents. */
export interface AlertmanagerConfig {
  webhookToken?: string;
  entityLabels: string[];
  severityLabel: string;
  rateLimit: { burst: number; perSecond: number };
}

/** `slo.pagerduty`: the optional PagerDuty incident mirror. */
export interface PagerDutyConfig {
  baseUrl: string;
  token: string;
  lookbackDays: number;
  syncIntervalMinutes: number;
}

/** `slo.delivery`: delivery metrics from deployment and rollback events. */
export interface DeliveryConfig {
  /** Days events are kept (default 400, at least 365). */
  retentionDays: number;
  /** The environment the metrics describe (default `production`). */
  environment: string;
  /** An incident or rollback this long after a deployment makes it a change failure (default 1440). */
  failureWindowMinutes: number;
  targets: DeliveryTargets;
}

const MIN_RETENTION_DAYS = 365;

function optionalPositive(config: Config | undefined, key: string) {
  const value = config?.getOptionalNumber(key);
  if (value !== undefined && !(value > 0)) {
    throw new Error(`slo.delivery.${key} must be a positive number`);
  }
  return value;
}

function readDelivery(config?: Config): DeliveryConfig {
  const retentionDays = config?.getOptionalNumber('retentionDays') ?? 400;
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_RETENTION_DAYS) {
    throw new Error(
      `slo.delivery.retentionDays must be a whole number of at least ${MIN_RETENTION_DAYS} (history is kept for a year), got ${retentionDays}`,
    );
  }
  return {
    retentionDays,
    environment: config?.getOptionalString('environment') ?? 'production',
    failureWindowMinutes:
      optionalPositive(config, 'failureWindowMinutes') ?? 1440,
    targets: {
      mttrMinutes: optionalPositive(config, 'mttrTargetMinutes') ?? 60,
      rollbackMinutes: optionalPositive(config, 'rollbackTargetMinutes') ?? 10,
      deploymentsPerWeek: optionalPositive(config, 'deploymentsPerWeekTarget'),
      leadTimeMinutes: optionalPositive(config, 'leadTimeTargetMinutes'),
      changeFailureRatePercent: optionalPositive(
        config,
        'changeFailureRateTargetPercent',
      ),
    },
  };
}

/** The `slo.delivery` defaults. */
export function defaultDeliveryConfig(): DeliveryConfig {
  return readDelivery(undefined);
}

/** The `slo.*` settings of the backend with their defaults applied (see config.d.ts). */
export interface SloConfig {
  /** `demo`, `prometheus` or the name of an added datasource. */
  datasource: string;
  stepSeconds?: number;
  forecastWindowSeconds: number;
  cacheTtlSeconds?: number;
  policy: ErrorBudgetPolicy;
  /** Seed demo incidents when the datasource is a demo one. */
  seedDemoIncidents: boolean;
  alertmanager: AlertmanagerConfig;
  idempotencyTtlMs: number;
  writeRateLimits: WriteRateLimits;
  pagerDuty?: PagerDutyConfig;
  refresh: SloRefreshConfig;
  delivery: DeliveryConfig;
  /** Seed demo deployment events when the datasource is a demo one. */
  seedDemoDeployments: boolean;
}

/** `slo.refresh`: the scheduled computation of stored reports and the bucket cache. */
export interface SloRefreshConfig {
  enabled: boolean;
  frequencySeconds: number;
  /** A stored report older than this (not confirmed by a refresh) is recomputed on read. */
  maxAgeSeconds: number;
  /** Entities refreshed at once. */
  concurrency: number;
  /** Buckets ending less than this before now are refetched (late data). */
  settleSeconds: number;
}

function readRefresh(config?: Config): SloRefreshConfig {
  const frequencySeconds = config?.getOptionalNumber('frequencySeconds') ?? 60;
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    frequencySeconds,
    maxAgeSeconds:
      config?.getOptionalNumber('maxAgeSeconds') ??
      Math.max(600, 5 * frequencySeconds),
    concurrency: config?.getOptionalNumber('concurrency') ?? 4,
    settleSeconds: config?.getOptionalNumber('settleSeconds') ?? 120,
  };
}

function readPolicy(config?: Config): ErrorBudgetPolicy {
  return {
    postmortemThresholdPercent:
      config?.getOptionalNumber('postmortemThresholdPercent') ??
      DEFAULT_POLICY.postmortemThresholdPercent,
    exceptions:
      config?.getOptionalStringArray('exceptions') ?? DEFAULT_POLICY.exceptions,
    postmortemBlocksChanges:
      config?.getOptionalBoolean('postmortemBlocksChanges') ??
      DEFAULT_POLICY.postmortemBlocksChanges,
  };
}

function readAlertmanager(config?: Config): AlertmanagerConfig {
  return {
    webhookToken: config?.getOptionalString('webhookToken'),
    entityLabels: config?.getOptionalStringArray('entityLabels') ?? [
      'backstage_entity',
      'service',
    ],
    severityLabel: config?.getOptionalString('severityLabel') ?? 'severity',
    rateLimit: {
      burst: config?.getOptionalNumber('rateLimit.burst') ?? 30,
      perSecond: config?.getOptionalNumber('rateLimit.perSecond') ?? 5,
    },
  };
}

function readPagerDuty(config?: Config): PagerDutyConfig | undefined {
  if (!config) {
    return undefined;
  }
  return {
    baseUrl: config.getString('baseUrl'),
    token: config.getString('apiToken'),
    lookbackDays: config.getOptionalNumber('lookbackDays') ?? 30,
    syncIntervalMinutes: config.getOptionalNumber('syncIntervalMinutes') ?? 5,
  };
}

/** Reads `slo.*`; throws on values of the wrong type or a bad duration. */
export function readSloConfig(config: Config): SloConfig {
  const slo = config.getOptionalConfig('slo');
  return {
    datasource: slo?.getOptionalString('datasource') ?? 'demo',
    stepSeconds: slo?.getOptionalNumber('stepSeconds'),
    forecastWindowSeconds: parseDuration(
      slo?.getOptionalString('forecastWindow') ?? '1h',
    ),
    cacheTtlSeconds: slo?.getOptionalNumber('cacheTtlSeconds'),
    policy: readPolicy(slo?.getOptionalConfig('policy')),
    seedDemoIncidents: slo?.getOptionalBoolean('demo.seedIncidents') ?? true,
    alertmanager: readAlertmanager(slo?.getOptionalConfig('alertmanager')),
    idempotencyTtlMs:
      (slo?.getOptionalNumber('idempotency.ttlHours') ?? 24) * 3_600_000,
    writeRateLimits: readWriteRateLimits(config, 'slo'),
    pagerDuty: readPagerDuty(slo?.getOptionalConfig('pagerduty')),
    refresh: readRefresh(slo?.getOptionalConfig('refresh')),
    delivery: readDelivery(slo?.getOptionalConfig('delivery')),
    seedDemoDeployments:
      slo?.getOptionalBoolean('demo.seedDeployments') ?? true,
  };
}
