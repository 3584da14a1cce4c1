import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  readWriteRateLimits,
  WriteRateLimits,
} from '@gatekeeper/gatekeeper-node';
import { DEFAULT_SCORED_KINDS } from '@gatekeeper/plugin-scorecards-common';
import path from 'path';

/** The refresh schedule when `scorecards.schedule` is not set. */
export const DEFAULT_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 10 },
  };

/** Hours an Idempotency-Key's response is replayed by default. */
export const DEFAULT_IDEMPOTENCY_TTL_HOURS = 24;

/** The `scorecards` configuration with its defaults applied (see config.d.ts). */
export interface ScorecardsConfig {
  /** When facts are re-collected and every entity re-evaluated. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Absolute path of the waivers file, if any. */
  waiversFile?: string;
  /** Absolute path of the seed facts file, if any. */
  seedFactsFile?: string;
  /** Entity kinds that get a scorecard. */
  kinds: string[];
  /** Entities evaluated in parallel by the refresh (undefined: the task's default). */
  concurrency?: number;
  /** false: the refresh re-reads and re-evaluates every entity. */
  incremental: boolean;
  /** Milliseconds an Idempotency-Key's response is replayed. */
  idempotencyTtlMs: number;
  /** Per-caller limits of the POST routes. */
  rateLimits: WriteRateLimits;
}

/** Reads `scorecards.*`; file paths resolve against the working directory. */
export function readScorecardsConfig(
  config: RootConfigService,
): ScorecardsConfig {
  const waiversFile = config.getOptionalString('scorecards.waiversFile');
  const seedFactsFile = config.getOptionalString('scorecards.seedFactsFile');
  const ttlHours =
    config.getOptionalNumber('scorecards.idempotency.ttlHours') ??
    DEFAULT_IDEMPOTENCY_TTL_HOURS;
  return {
    schedule: config.has('scorecards.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('scorecards.schedule'),
        )
      : DEFAULT_REFRESH_SCHEDULE,
    waiversFile: waiversFile ? path.resolve(waiversFile) : undefined,
    seedFactsFile: seedFactsFile ? path.resolve(seedFactsFile) : undefined,
    kinds: config.getOptionalStringArray('scorecards.kinds') ?? [
      ...DEFAULT_SCORED_KINDS,
    ],
    concurrency: config.getOptionalNumber('scorecards.concurrency'),
    incremental: config.getOptionalBoolean('scorecards.incremental') ?? true,
    idempotencyTtlMs: ttlHours * 3_600_000,
    rateLimits: readWriteRateLimits(config, 'scorecards'),
  };
}
