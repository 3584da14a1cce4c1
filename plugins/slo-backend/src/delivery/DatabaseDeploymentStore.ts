import { DeploymentEvent, RollbackEvent } from '@gatekeeper/plugin-slo-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migrateSloDatabase } from '../database/migrateSloDatabase';
import {
  DeliveryEventBatch,
  DeliveryQuery,
  DeploymentStore,
  Stored,
} from './DeploymentStore';

type DeploymentRow = {
  entity_ref: string;
  id: string;
  environment: string;
  commit_sha: string;
  commit_at: string | null;
  started_at: string;
  finished_at: string;
  status: string;
  run_url: string | null;
  version: string | null;
  source: string;
  demo: boolean | number;
  created_at: string;
};

type RollbackRow = {
  entity_ref: string;
  id: string;
  environment: string;
  from_version: string | null;
  to_version: string | null;
  started_at: string;
  finished_at: string;
  run_url: string | null;
  demo: boolean | number;
  created_at: string;
};

/** Rows per INSERT: well below SQLite's bound-parameter limit. */
const CHUNK = 50;

const iso = (value: string) => new Date(value).toISOString();

function toDeploymentRow(
  e: DeploymentEvent,
  demo: boolean,
  now: string,
): DeploymentRow {
  return {
    entity_ref: e.entityRef,
    id: e.id,
    environment: e.environment,
    commit_sha: e.commit,
    commit_at: e.commitAt ? iso(e.commitAt) : null,
    started_at: iso(e.startedAt),
    finished_at: iso(e.finishedAt),
    status: e.status,
    run_url: e.runUrl ?? null,
    version: e.version ?? null,
    source: e.source,
    demo,
    created_at: now,
  };
}

function toRollbackRow(
  e: RollbackEvent,
  demo: boolean,
  now: string,
): RollbackRow {
  return {
    entity_ref: e.entityRef,
    id: e.id,
    environment: e.environment,
    from_version: e.fromVersion ?? null,
    to_version: e.toVersion ?? null,
    started_at: iso(e.startedAt),
    finished_at: iso(e.finishedAt),
    run_url: e.runUrl ?? null,
    demo,
    created_at: now,
  };
}

function toDeployment(row: DeploymentRow): Stored<DeploymentEvent> {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    commit: row.commit_sha,
    ...(row.commit_at ? { commitAt: row.commit_at } : {}),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status as DeploymentEvent['status'],
    ...(row.run_url ? { runUrl: row.run_url } : {}),
    ...(row.version ? { version: row.version } : {}),
    source: row.source as DeploymentEvent['source'],
    ...(row.demo ? { demo: true as const } : {}),
  };
}

function toRollback(row: RollbackRow): Stored<RollbackEvent> {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    ...(row.from_version ? { fromVersion: row.from_version } : {}),
    ...(row.to_version ? { toVersion: row.to_version } : {}),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ...(row.run_url ? { runUrl: row.run_url } : {}),
    ...(row.demo ? { demo: true as const } : {}),
  };
}

/** Inserts rows, skipping (entity, id) pairs already stored; returns how many were new. */
async function insertIgnoring(
  trx: Knex.Transaction,
  table: string,
  rows: object[],
): Promise<number> {
  let stored = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await trx(table)
      .insert(rows.slice(i, i + CHUNK))
      .onConflict(['entity_ref', 'id'])
      .ignore()
      .returning('id');
    stored += inserted.length;
  }
  return stored;
}

/** Knex implementation of {@link DeploymentStore} (SQLite and PostgreSQL). */
export class DatabaseDeploymentStore implements DeploymentStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseDeploymentStore> {
    return new DatabaseDeploymentStore(await migrateSloDatabase(options));
  }

  /** A store on an existing client, whose migrations have already run (see createSloStores). */
  static fromClient(db: Knex): DatabaseDeploymentStore {
    return new DatabaseDeploymentStore(db);
  }

  async recordEvents(batch: DeliveryEventBatch) {
    const now = new Date().toISOString();
    const demo = Boolean(batch.demo);
    const total = batch.deployments.length + batch.rollbacks.length;
    const stored = await this.db.transaction(async trx => {
      const deployments = await insertIgnoring(
        trx,
        'slo_deployments',
        batch.deployments.map(e => toDeploymentRow(e, demo, now)),
      );
      const rollbacks = await insertIgnoring(
        trx,
        'slo_rollbacks',
        batch.rollbacks.map(e => toRollbackRow(e, demo, now)),
      );
      return deployments + rollbacks;
    });
    return { stored, duplicates: total - stored };
  }

  async listDeployments(query: DeliveryQuery) {
    let q = this.db<DeploymentRow>('slo_deployments')
      .whereIn('entity_ref', query.entityRefs)
      .where('finished_at', '>=', query.since)
      .orderBy([
        { column: 'finished_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    if (query.until) q = q.where('finished_at', '<', query.until);
    if (query.environment) q = q.where('environment', query.environment);
    return (await q).map(toDeployment);
  }

  async listRollbacks(query: DeliveryQuery) {
    let q = this.db<RollbackRow>('slo_rollbacks')
      .whereIn('entity_ref', query.entityRefs)
      .where('started_at', '>=', query.since)
      .orderBy([
        { column: 'started_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    if (query.until) q = q.where('started_at', '<', query.until);
    if (query.environment) q = q.where('environment', query.environment);
    return (await q).map(toRollback);
  }

  async listEntityRefs(options: { since: string }) {
    const rows = await this.db('slo_deployments')
      .distinct('entity_ref')
      .where('finished_at', '>=', options.since)
      .orderBy('entity_ref');
    return rows.map((r: { entity_ref: string }) => r.entity_ref);
  }

  async latestDeploymentBefore(options: {
    entityRef: string;
    at: string;
    environment?: string;
  }) {
    let q = this.db<DeploymentRow>('slo_deployments')
      .where({ entity_ref: options.entityRef })
      .where('finished_at', '<=', iso(options.at))
      .orderBy([
        { column: 'finished_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    if (options.environment) q = q.where('environment', options.environment);
    const row = await q;
    return row ? toDeployment(row) : undefined;
  }

  async hasDemoEvents() {
    const row = await this.db('slo_deployments')
      .where({ demo: true })
      .first('id');
    return Boolean(row);
  }

  async deleteOlderThan(before: string) {
    const cutoff = iso(before);
    return this.db.transaction(async trx => {
      const deployments = await trx('slo_deployments')
        .where('finished_at', '<', cutoff)
        .delete();
      const rollbacks = await trx('slo_rollbacks')
        .where('started_at', '<', cutoff)
        .delete();
      return deployments + rollbacks;
    });
  }
}
