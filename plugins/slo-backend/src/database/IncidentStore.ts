import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Incident,
  IncidentSeverity,
  IncidentSource,
  IncidentStatus,
} from '@gatekeeper/plugin-slo-common';
import {
  IdempotencyStore,
  KnexIdempotencyStore,
} from '@gatekeeper/gatekeeper-node';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@gatekeeper/plugin-slo-backend',
  'migrations',
);

export interface NewIncident {
  entityRef: string;
  title: string;
  severity: IncidentSeverity;
  source: IncidentSource;
  startedAt: string;
  status?: IncidentStatus;
  acknowledgedAt?: string;
  resolvedAt?: string;
  description?: string;
  labels?: Record<string, string>;
  /** Idempotency key of external sources (e.g. Alertmanager fingerprint + startsAt). */
  externalKey?: string;
}

export interface FreezeOverride {
  entityRef: string;
  by: string;
  reason: string;
  expiresAt: string;
  createdAt: string;
}

/** Persistence of incidents, idempotent responses and freeze overrides. */
export interface SloStore {
  createIncident(
    incident: NewIncident,
  ): Promise<{ incident: Incident; created: boolean }>;
  getIncident(id: string): Promise<Incident | undefined>;
  getIncidentByExternalKey(key: string): Promise<Incident | undefined>;
  listIncidents(options: {
    entityRef: string;
    since?: string;
    limit?: number;
  }): Promise<Incident[]>;
  acknowledgeIncident(id: string, at: string): Promise<Incident>;
  resolveIncident(id: string, at: string): Promise<Incident>;
  setPostmortem(id: string, url: string): Promise<Incident>;
  /** Idempotency-Key records of mutating requests, per caller. */
  readonly idempotency: IdempotencyStore;
  addFreezeOverride(override: FreezeOverride): Promise<void>;
  /** Runs `fn` in one database transaction: all of its writes or none. */
  transaction<T>(fn: (store: SloStore) => Promise<T>): Promise<T>;
  getActiveFreezeOverride(
    entityRef: string,
    now: string,
  ): Promise<FreezeOverride | undefined>;
}

type IncidentRow = {
  id: string;
  entity_ref: string;
  title: string;
  description: string | null;
  severity: string;
  status: string;
  source: string;
  started_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  postmortem_url: string | null;
  labels: string | null;
  external_key: string | null;
};

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    title: row.title,
    severity: row.severity as IncidentSeverity,
    status: row.status as IncidentStatus,
    source: row.source as IncidentSource,
    startedAt: row.started_at,
    ...(row.acknowledged_at ? { acknowledgedAt: row.acknowledged_at } : {}),
    ...(row.resolved_at ? { resolvedAt: row.resolved_at } : {}),
    ...(row.postmortem_url ? { postmortemUrl: row.postmortem_url } : {}),
    ...(row.labels ? { labels: JSON.parse(row.labels) } : {}),
    ...(row.description ? { description: row.description } : {}),
    ...(row.external_key ? { externalId: row.external_key } : {}),
  };
}

/** Knex implementation of {@link SloStore} (SQLite and PostgreSQL). */
export class DatabaseSloStore implements SloStore {
  readonly idempotency: IdempotencyStore;

  private constructor(private readonly db: Knex) {
    this.idempotency = new KnexIdempotencyStore({
      knex: db,
      table: 'slo_idempotency_keys',
    });
  }

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseSloStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseSloStore(client);
  }

  async createIncident(incident: NewIncident) {
    if (incident.externalKey) {
      const existing = await this.getIncidentByExternalKey(
        incident.externalKey,
      );
      if (existing) {
        return { incident: existing, created: false };
      }
    }
    const now = new Date().toISOString();
    const row: IncidentRow & { created_at: string; updated_at: string } = {
      id: randomUUID(),
      entity_ref: incident.entityRef,
      title: incident.title,
      description: incident.description ?? null,
      severity: incident.severity,
      status: incident.status ?? 'triggered',
      source: incident.source,
      started_at: incident.startedAt,
      acknowledged_at: incident.acknowledgedAt ?? null,
      resolved_at: incident.resolvedAt ?? null,
      postmortem_url: null,
      labels: incident.labels ? JSON.stringify(incident.labels) : null,
      external_key: incident.externalKey ?? null,
      created_at: now,
      updated_at: now,
    };
    if (incident.externalKey) {
      // ON CONFLICT DO NOTHING, not a caught unique violation: inside a
      // transaction (the Alertmanager webhook) a violation aborts it on
      // PostgreSQL, so a concurrent duplicate (another replica) would fail
      // instead of finding the winner's incident.
      const inserted = await this.db('slo_incidents')
        .insert(row)
        .onConflict('external_key')
        .ignore()
        .returning('id');
      if (inserted.length === 0) {
        const existing = await this.getIncidentByExternalKey(
          incident.externalKey,
        );
        if (existing) return { incident: existing, created: false };
        throw new ConflictError(
          `incident ${incident.externalKey} changed concurrently`,
        );
      }
      return { incident: toIncident(row), created: true };
    }
    await this.db('slo_incidents').insert(row);
    return { incident: toIncident(row), created: true };
  }

  async getIncident(id: string) {
    const row = await this.db<IncidentRow>('slo_incidents')
      .where({ id })
      .first();
    return row ? toIncident(row) : undefined;
  }

  async getIncidentByExternalKey(key: string) {
    const row = await this.db<IncidentRow>('slo_incidents')
      .where({ external_key: key })
      .first();
    return row ? toIncident(row) : undefined;
  }

  async listIncidents(options: {
    entityRef: string;
    since?: string;
    limit?: number;
  }) {
    let query = this.db<IncidentRow>('slo_incidents')
      .where({ entity_ref: options.entityRef })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(options.limit ?? 500);
    if (options.since) {
      const since = options.since;
      query = query.where(q =>
        q
          .where('started_at', '>=', since)
          .orWhereNull('resolved_at')
          .orWhere('resolved_at', '>=', since),
      );
    }
    return (await query).map(toIncident);
  }

  private async require(id: string): Promise<Incident> {
    const incident = await this.getIncident(id);
    if (!incident) {
      throw new NotFoundError(`incident ${id} not found`);
    }
    return incident;
  }

  async acknowledgeIncident(id: string, at: string) {
    const incident = await this.require(id);
    if (incident.status !== 'triggered') {
      throw new ConflictError(`incident ${id} is already ${incident.status}`);
    }
    const updated = await this.db('slo_incidents')
      .where({ id, status: 'triggered' })
      .update({
        status: 'acknowledged',
        acknowledged_at: at,
        updated_at: new Date().toISOString(),
      });
    if (!updated) {
      throw new ConflictError(`incident ${id} changed concurrently`);
    }
    return this.require(id);
  }

  async resolveIncident(id: string, at: string) {
    const incident = await this.require(id);
    if (incident.status === 'resolved') {
      throw new ConflictError(`incident ${id} is already resolved`);
    }
    await this.db('slo_incidents')
      .where({ id })
      .whereNot({ status: 'resolved' })
      .update({
        status: 'resolved',
        resolved_at: at,
        updated_at: new Date().toISOString(),
      });
    return this.require(id);
  }

  async setPostmortem(id: string, url: string) {
    await this.require(id);
    await this.db('slo_incidents')
      .where({ id })
      .update({ postmortem_url: url, updated_at: new Date().toISOString() });
    return this.require(id);
  }

  async transaction<T>(fn: (store: SloStore) => Promise<T>): Promise<T> {
    return this.db.transaction(trx => fn(new DatabaseSloStore(trx)));
  }

  async addFreezeOverride(override: FreezeOverride) {
    await this.db('slo_freeze_overrides').insert({
      entity_ref: override.entityRef,
      created_by: override.by,
      reason: override.reason,
      expires_at: override.expiresAt,
      created_at: override.createdAt,
    });
  }

  async getActiveFreezeOverride(entityRef: string, now: string) {
    const row = await this.db('slo_freeze_overrides')
      .where({ entity_ref: entityRef })
      .where('expires_at', '>', now)
      .orderBy('id', 'desc')
      .first();
    return row
      ? {
          entityRef: row.entity_ref,
          by: row.created_by,
          reason: row.reason,
          expiresAt: row.expires_at,
          createdAt: row.created_at,
        }
      : undefined;
  }
}
