import { DeploymentEvent, RollbackEvent } from '@gatekeeper/plugin-slo-common';

/** A batch of reported events; `demo` marks seeded demo data. */
export interface DeliveryEventBatch {
  deployments: DeploymentEvent[];
  rollbacks: RollbackEvent[];
  demo?: boolean;
}

/** A stored event; `demo` marks seeded demo data. */
export type Stored<T> = T & { demo?: true };

/** A time range of finished deployments / started rollbacks, ISO strings. */
export interface DeliveryQuery {
  entityRefs: string[];
  since: string;
  until?: string;
  environment?: string;
}

/** Persistence of deployment and rollback events (`slo_deployments`, `slo_rollbacks`). */
export interface DeploymentStore {
  /**
   * Stores the batch in one transaction; an event whose (entity, id) is
   * already stored is skipped, so replays and concurrent duplicates leave
   * one row.
   */
  recordEvents(
    batch: DeliveryEventBatch,
  ): Promise<{ stored: number; duplicates: number }>;
  listDeployments(query: DeliveryQuery): Promise<Stored<DeploymentEvent>[]>;
  listRollbacks(query: DeliveryQuery): Promise<Stored<RollbackEvent>[]>;
  /** Entities with a deployment finished since `since`. */
  listEntityRefs(options: { since: string }): Promise<string[]>;
  /** The latest deployment of the entity finished at or before `at`. */
  latestDeploymentBefore(options: {
    entityRef: string;
    at: string;
    environment?: string;
  }): Promise<DeploymentEvent | undefined>;
  /** Whether any stored event is seeded demo data. */
  hasDemoEvents(): Promise<boolean>;
  /** Removes events older than `before` (retention); returns the number removed. */
  deleteOlderThan(before: string): Promise<number>;
}
