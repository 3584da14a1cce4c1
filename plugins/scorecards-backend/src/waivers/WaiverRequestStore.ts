import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  WaiverRequest,
  WaiverRequestEvent,
  WaiverRequestState,
} from '@gatekeeper/plugin-scorecards-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@gatekeeper/plugin-scorecards-backend',
  'migrations',
);

const REQUESTS = 'scorecards_waiver_requests';
const HISTORY = 'scorecards_waiver_request_history';

/** The states stored; `expired` is derived from the expiry when read. */
export type StoredWaiverRequestState = Exclude<WaiverRequestState, 'expired'>;

/** A decision moving an open request to its final state. */
export type WaiverRequestDecision = 'approved' | 'rejected' | 'withdrawn';

/** What a new waiver request holds. */
export interface NewWaiverRequest {
  entityRef: string;
  gateId: string;
  reason: string;
  /** Epoch ms. */
  expiresAt: number;
  requestedBy: string;
  /** Epoch ms. */
  now: number;
}

/** Filter of {@link WaiverRequestStore.list}. */
export interface WaiverRequestFilter {
  entityRef?: string;
  /** A stored state, or `expired` (approved or open, past the expiry). */
  state?: WaiverRequestState;
  /** Epoch ms the expiry is compared with. */
  now: number;
  limit?: number;
}

/** Persistence of waiver requests and their history. */
export interface WaiverRequestStore {
  create(request: NewWaiverRequest): Promise<WaiverRequest>;
  get(id: string, now: number): Promise<WaiverRequest | undefined>;
  list(filter: WaiverRequestFilter): Promise<WaiverRequest[]>;
  /**
   * Moves an open, unexpired request to `to`, together with its history row
   * in one transaction. Undefined when the request is no longer open (it was
   * decided meanwhile, or expired): exactly one of concurrent decisions wins.
   */
  decide(options: {
    id: string;
    to: WaiverRequestDecision;
    actor: string;
    comment?: string;
    now: number;
  }): Promise<WaiverRequest | undefined>;
  /** Approved requests of an entity that have not expired at `now`. */
  listActive(entityRef: string, now: number): Promise<WaiverRequest[]>;
}

interface RequestRow {
  id: string;
  entity_ref: string;
  gate_id: string;
  reason: string;
  expires_at: string | number;
  state: StoredWaiverRequestState;
  requested_by: string;
  requested_at: string | number;
  decided_by: string | null;
  decided_at: string | number | null;
  decision_comment: string | null;
}

interface HistoryRow {
  request_id: string;
  state: WaiverRequestState;
  actor: string;
  comment: string | null;
  at: string | number;
}

const iso = (ms: string | number) => new Date(Number(ms)).toISOString();

function toRequest(
  row: RequestRow,
  history: HistoryRow[],
  now: number,
): WaiverRequest {
  const expired =
    (row.state === 'approved' || row.state === 'requested') &&
    Number(row.expires_at) <= now;
  return {
    id: row.id,
    entityRef: row.entity_ref,
    gateId: row.gate_id,
    reason: row.reason,
    expiresAt: iso(row.expires_at),
    state: expired ? 'expired' : row.state,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at),
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at !== null ? { decidedAt: iso(row.decided_at) } : {}),
    ...(row.decision_comment ? { decisionComment: row.decision_comment } : {}),
    history: history.map(
      (h): WaiverRequestEvent => ({
        state: h.state,
        actor: h.actor,
        ...(h.comment ? { comment: h.comment } : {}),
        at: iso(h.at),
      }),
    ),
  };
}

/** Knex implementation (SQLite and PostgreSQL). */
export class DatabaseWaiverRequestStore implements WaiverRequestStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseWaiverRequestStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseWaiverRequestStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async create(request: NewWaiverRequest): Promise<WaiverRequest> {
    const id = randomUUID();
    await this.db.transaction(async tx => {
      await tx<RequestRow>(REQUESTS).insert({
        id,
        entity_ref: request.entityRef,
        gate_id: request.gateId,
        reason: request.reason,
        expires_at: request.expiresAt,
        state: 'requested',
        requested_by: request.requestedBy,
        requested_at: request.now,
        decided_by: null,
        decided_at: null,
        decision_comment: null,
      });
      await tx<HistoryRow>(HISTORY).insert({
        request_id: id,
        state: 'requested',
        actor: request.requestedBy,
        comment: null,
        at: request.now,
      });
    });
    return (await this.get(id, request.now))!;
  }

  async get(id: string, now: number): Promise<WaiverRequest | undefined> {
    const [found] = await this.withHistory(
      this.db<RequestRow>(REQUESTS).where({ id }),
      now,
    );
    return found;
  }

  async list(filter: WaiverRequestFilter): Promise<WaiverRequest[]> {
    const query = this.db<RequestRow>(REQUESTS)
      .orderBy('requested_at', 'desc')
      .orderBy('id')
      .limit(Math.min(filter.limit ?? 500, 500));
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    if (filter.state === 'expired') {
      query
        .whereIn('state', ['requested', 'approved'])
        .where('expires_at', '<=', filter.now);
    } else if (filter.state === 'requested' || filter.state === 'approved') {
      query.where('state', filter.state).where('expires_at', '>', filter.now);
    } else if (filter.state) {
      query.where('state', filter.state);
    }
    return this.withHistory(query, filter.now);
  }

  async listActive(entityRef: string, now: number): Promise<WaiverRequest[]> {
    return this.list({ entityRef, state: 'approved', now });
  }

  async decide(options: {
    id: string;
    to: WaiverRequestDecision;
    actor: string;
    comment?: string;
    now: number;
  }): Promise<WaiverRequest | undefined> {
    const { id, to, actor, now } = options;
    const comment = options.comment || null;
    const changed = await this.db.transaction(async tx => {
      const updated = await tx<RequestRow>(REQUESTS)
        .where({ id, state: 'requested' })
        .where('expires_at', '>', now)
        .update({
          state: to,
          decided_by: actor,
          decided_at: now,
          decision_comment: comment,
        });
      if (updated !== 1) return false;
      await tx<HistoryRow>(HISTORY).insert({
        request_id: id,
        state: to,
        actor,
        comment,
        at: now,
      });
      return true;
    });
    return changed ? this.get(id, now) : undefined;
  }

  private async withHistory(
    query: Knex.QueryBuilder<RequestRow, RequestRow[]>,
    now: number,
  ): Promise<WaiverRequest[]> {
    const rows = (await query.select('*')) as RequestRow[];
    if (rows.length === 0) return [];
    const history = (await this.db<HistoryRow>(HISTORY)
      .whereIn(
        'request_id',
        rows.map(r => r.id),
      )
      .orderBy('seq')
      .select('request_id', 'state', 'actor', 'comment', 'at')) as HistoryRow[];
    const byRequest = new Map<string, HistoryRow[]>();
    for (const h of history) {
      byRequest.set(h.request_id, [...(byRequest.get(h.request_id) ?? []), h]);
    }
    return rows.map(r => toRequest(r, byRequest.get(r.id) ?? [], now));
  }
}
