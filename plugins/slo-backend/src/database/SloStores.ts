import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  IdempotencyStore,
  KnexIdempotencyStore,
} from '@gatekeeper/gatekeeper-node';
import { DatabaseDeploymentStore } from '../delivery/DatabaseDeploymentStore';
import { DeploymentStore } from '../delivery/DeploymentStore';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { IncidentStore } from '../incidents/IncidentStore';
import { DatabaseFreezeOverrideStore } from '../policy/DatabaseFreezeOverrideStore';
import { FreezeOverrideStore } from '../policy/FreezeOverrideStore';
import { DatabaseSloBucketStore } from '../cache/DatabaseSloBucketStore';
import { SloBucketStore } from '../cache/SloBucketStore';
import { DatabaseSloReportStore } from '../reports/DatabaseSloReportStore';
import { SloReportStore } from '../reports/SloReportStore';
import { migrateSloDatabase } from './migrateSloDatabase';

/** The stores of the SLO backend, one per table family. */
export interface SloStores {
  incidents: IncidentStore;
  freezeOverrides: FreezeOverrideStore;
  /** Idempotency-Key records of mutating requests, per caller. */
  idempotency: IdempotencyStore;
  /** Settled SLI buckets per SLO, shared by all replicas. */
  buckets: SloBucketStore;
  /** Entity SLO reports computed by the scheduled refresh. */
  reports: SloReportStore;
  /** Deployment and rollback events of the delivery metrics. */
  deployments: DeploymentStore;
}

/** Runs the migrations once and opens every store on the same client. */
export async function createSloStores(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<SloStores> {
  const knex = await migrateSloDatabase(options);
  return {
    incidents: DatabaseIncidentStore.fromClient(knex),
    freezeOverrides: DatabaseFreezeOverrideStore.fromClient(knex),
    idempotency: new KnexIdempotencyStore({
      knex,
      table: 'slo_idempotency_keys',
    }),
    buckets: DatabaseSloBucketStore.fromClient(knex),
    reports: DatabaseSloReportStore.fromClient(knex),
    deployments: DatabaseDeploymentStore.fromClient(knex),
  };
}
