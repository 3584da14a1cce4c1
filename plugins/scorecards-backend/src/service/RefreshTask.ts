import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ScorecardsStore } from '../database/ScorecardsStore';
import { EntityEvaluator } from '../evaluation/EntityEvaluator';
import { CatalogLookup } from './CatalogLookup';

/** Id of the scheduled task. */
export const REFRESH_TASK_ID = 'scorecards-refresh';

/**
 * The scheduled refresh: collects facts and re-evaluates every scored entity
 * with a pool of workers, then removes facts and results of entities no
 * longer in the catalog.
 */
export class RefreshTask {
  constructor(
    private readonly options: {
      catalog: CatalogLookup;
      evaluator: EntityEvaluator;
      store: ScorecardsStore;
      logger: LoggerService;
      /** Entities evaluated at once (default 4). */
      concurrency?: number;
    },
  ) {}

  /** Registers the refresh with the scheduler. */
  async schedule(options: {
    scheduler: SchedulerService;
    schedule: SchedulerServiceTaskScheduleDefinition;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: REFRESH_TASK_ID,
      ...options.schedule,
      fn: async signal => {
        await this.run({ signal });
      },
    });
  }

  /** One refresh of every scored entity. */
  async run(
    options: { signal?: AbortSignal } = {},
  ): Promise<{ evaluated: number; removed: number }> {
    const { logger, store, catalog } = this.options;
    const entities = await catalog.scoredEntities();
    const evaluated = await this.evaluateAll(entities, options.signal);
    if (options.signal?.aborted) {
      throw new Error(
        `Scorecards refresh aborted after ${evaluated} of ${entities.length} entities`,
      );
    }
    const known = new Set(entities.map(e => stringifyEntityRef(e)));
    const removed = (await store.listEntityRefs()).filter(r => !known.has(r));
    await store.deleteEntities(removed);
    logger.info(
      `Scorecards refreshed: ${evaluated} entities evaluated, ${removed.length} removed`,
    );
    return { evaluated, removed: removed.length };
  }

  private async evaluateAll(
    entities: Entity[],
    signal?: AbortSignal,
  ): Promise<number> {
    const { logger, evaluator, catalog } = this.options;
    const systems = await catalog.getSystems();
    const queue = [...entities];
    let evaluated = 0;
    const worker = async () => {
      for (let entity = queue.shift(); entity; entity = queue.shift()) {
        // The scheduler's lock timed out or was lost: another replica may
        // take the run over, so stop instead of running alongside it.
        if (signal?.aborted) return;
        try {
          await evaluator.evaluate(entity, {
            collect: true,
            trigger: 'schedule',
            systems,
          });
          evaluated++;
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          logger.warn(
            `Evaluation of ${stringifyEntityRef(entity)} failed: ${message}`,
          );
        }
      }
    };
    await Promise.all(
      Array.from({ length: this.options.concurrency ?? 4 }, worker),
    );
    return evaluated;
  }
}
