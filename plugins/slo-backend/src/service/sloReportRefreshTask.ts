import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { assertError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OPENSLO_ANNOTATION,
  SLO_FILE_ANNOTATION,
} from '../definitions/loadEntitySlos';
import { SloReportStore } from '../reports/SloReportStore';
import { SloService } from './SloService';

export interface SloRefreshSummary {
  entities: number;
  stored: number;
  unchanged: number;
  failed: number;
}

/** Every catalog entity with SLO definitions (both annotations). */
export async function listSloEntities(options: {
  catalog: CatalogService;
  auth: AuthService;
}): Promise<Entity[]> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const { items } = await options.catalog.getEntities(
    {
      filter: [
        {
          [`metadata.annotations.${SLO_FILE_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${OPENSLO_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
        },
      ],
    },
    { credentials },
  );
  return items;
}

/**
 * Refreshes the stored reports of `entities`, `concurrency` at a time:
 * recomputed from the bucket cache plus the new buckets, written only when
 * something changed; the unchanged ones are marked as confirmed.
 */
export async function refreshStoredReports(options: {
  entities: Entity[];
  service: Pick<SloService, 'refreshStoredReport'>;
  reports: Pick<SloReportStore, 'touch'>;
  logger: LoggerService;
  concurrency?: number;
  now?: () => number;
  signal?: AbortSignal;
}): Promise<SloRefreshSummary> {
  const summary = {
    entities: options.entities.length,
    stored: 0,
    unchanged: 0,
    failed: 0,
  };
  const unchanged: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.entities.length && !options.signal?.aborted) {
      const entity = options.entities[next++];
      try {
        const result = await options.service.refreshStoredReport(entity);
        summary[result]++;
        if (result === 'unchanged') unchanged.push(stringifyEntityRef(entity));
      } catch (e) {
        assertError(e);
        summary.failed++;
        options.logger.warn(
          `SLO report refresh of ${stringifyEntityRef(entity)} failed: ${
            e.message
          }`,
        );
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker),
  );
  await options.reports.touch(unchanged, (options.now ?? Date.now)());
  return summary;
}

/** The scheduled task computing and storing every entity's SLO report. */
export function createSloReportRefreshTask(options: {
  catalog: CatalogService;
  auth: AuthService;
  service: Pick<SloService, 'refreshStoredReport'>;
  reports: Pick<SloReportStore, 'touch'>;
  logger: LoggerService;
  concurrency?: number;
}): SchedulerServiceTaskFunction {
  return async signal => {
    const started = Date.now();
    const entities = await listSloEntities(options);
    const summary = await refreshStoredReports({
      ...options,
      entities,
      signal,
    });
    options.logger.info(
      `Refreshed SLO reports of ${summary.entities} entities in ${
        Date.now() - started
      } ms: ${summary.stored} stored, ${summary.unchanged} unchanged, ${
        summary.failed
      } failed`,
    );
  };
}
