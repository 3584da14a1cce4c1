import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ScorecardsStore } from '../database/ScorecardsStore';
import { RefreshState } from '../database/RefreshStateStore';
import { CatalogLookup } from './CatalogLookup';
import { EntityRefresher } from './EntityRefresher';

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
      refresher: EntityRefresher;
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

  /**
   * One refresh of every scored entity; entities whose inputs did not change
   * since the last refresh are counted `unchanged` and not re-evaluated.
   */
  async run(
    options: { signal?: AbortSignal } = {},
  ): Promise<{ evaluated: number; unchanged: number; removed: number }> {
    const { logger, store, catalog } = this.options;
    const entities = await catalog.scoredEntities();
    const { evaluated, unchanged } = await this.evaluateAll(
      entities,
      options.signal,
    );
    if (options.signal?.aborted) {
      throw new Error(
        `Scorecards refresh aborted after ${evaluated + unchanged} of ${
          entities.length
        } entities`,
      );
    }
    const known = new Set(entities.map(e => stringifyEntityRef(e)));
    const removed = (await store.listEntityRefs()).filter(r => !known.has(r));
    await store.deleteEntities(removed);
    logger.info(
      `Scorecards refreshed: ${evaluated} entities evaluated, ${unchanged} unchanged, ${removed.length} removed`,
    );
    return { evaluated, unchanged, removed: removed.length };
  }

  private async evaluateAll(
    entities: Entity[],
    signal?: AbortSignal,
  ): Promise<{ evaluated: number; unchanged: number }> {
    const { logger, refresher, catalog, store } = this.options;
    const systems = await catalog.getSystems();
    const states: Map<string, RefreshState> = await store.refreshState.getAll();
    const queue = [...entities];
    let evaluated = 0;
    let unchanged = 0;
    const worker = async () => {
      for (let entity = queue.shift(); entity; entity = queue.shift()) {
        // The scheduler's lock timed out or was lost: another replica may
        // take the run over, so stop instead of running alongside it.
        if (signal?.aborted) return;
        const entityRef = stringifyEntityRef(entity);
        try {
          const outcome = await refresher.refresh(entity, {
            state: states.get(entityRef),
            systems,
          });
          if (outcome === 'evaluated') evaluated++;
          else unchanged++;
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          logger.warn(`Evaluation of ${entityRef} failed: ${message}`);
        }
      }
    };
    await Promise.all(
      Array.from({ length: this.options.concurrency ?? 4 }, worker),
    );
    return { evaluated, unchanged };
  }
}
