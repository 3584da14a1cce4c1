import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { IdempotencyRecord, IdempotencyStore } from './idempotency';

/**
 * Creates the table of a {@link KnexIdempotencyStore} (for a plugin's
 * migration). Primary key (scope, idempotency_key).
 * @public
 */
export async function createIdempotencyTable(
  knex: Knex,
  table: string,
): Promise<void> {
  await knex.schema.createTable(table, t => {
    t.comment('Idempotency-Key reservations and responses, per caller');
    t.string('scope', 255).notNullable();
    t.string('idempotency_key', 255).notNullable();
    t.string('operation', 255).notNullable();
    t.string('request_hash', 64).notNullable();
    t.string('state', 16).notNullable().comment('in-progress | completed');
    t.string('token', 64).notNullable().comment('id of the reservation');
    t.integer('status_code').nullable();
    t.text('response_body').nullable().comment('JSON');
    t.bigInteger('created_at').notNullable().comment('epoch ms');
    t.bigInteger('expires_at').notNullable().comment('epoch ms');
    t.primary(['scope', 'idempotency_key']);
    t.index(['expires_at'], `${table}_expires_idx`);
  });
}

interface Row {
  operation: string;
  request_hash: string;
  state: string;
  token: string;
  status_code: number | string | null;
  response_body: string | null;
  expires_at: number | string;
}

/**
 * The {@link IdempotencyStore} on one knex table (SQLite, PostgreSQL,
 * MySQL): the reservation is an insert that a unique primary key lets only
 * one request win.
 * @public
 */
export class KnexIdempotencyStore implements IdempotencyStore {
  private readonly knex: Knex;
  private readonly table: string;
  private readonly now: () => number;

  constructor(options: { knex: Knex; table: string; now?: () => number }) {
    this.knex = options.knex;
    this.table = options.table;
    this.now = options.now ?? Date.now;
  }

  private static toRecord(row: Row): IdempotencyRecord {
    return {
      operation: row.operation,
      requestHash: row.request_hash,
      state: row.state === 'completed' ? 'completed' : 'in-progress',
      statusCode:
        row.status_code === null ? undefined : Number(row.status_code),
      body:
        row.response_body === null ? undefined : JSON.parse(row.response_body),
      expiresAt: Number(row.expires_at),
    };
  }

  private async row(scope: string, key: string): Promise<Row | undefined> {
    const row: Row | undefined = await this.knex(this.table)
      .where({ scope, idempotency_key: key })
      .first();
    return row;
  }

  async reserve(options: {
    scope: string;
    key: string;
    operation: string;
    requestHash: string;
    leaseMs: number;
  }): ReturnType<IdempotencyStore['reserve']> {
    const { scope, key } = options;
    for (let attempt = 0; ; attempt++) {
      const token = randomUUID();
      const now = this.now();
      await this.knex(this.table)
        .insert({
          scope,
          idempotency_key: key,
          operation: options.operation,
          request_hash: options.requestHash,
          state: 'in-progress',
          token,
          status_code: null,
          response_body: null,
          created_at: now,
          expires_at: now + options.leaseMs,
        })
        .onConflict(['scope', 'idempotency_key'])
        .ignore();
      const row = await this.row(scope, key);
      if (row?.token === token) return { reserved: true, token };
      if (row && (Number(row.expires_at) > now || attempt >= 3)) {
        return {
          reserved: false,
          existing: KnexIdempotencyStore.toRecord(row),
        };
      }
      if (row) {
        // Expired (a crashed request or an old response): only the one that
        // deletes this very row may retry the insert.
        await this.knex(this.table)
          .where({ scope, idempotency_key: key, token: row.token })
          .where('expires_at', '<=', now)
          .delete();
      }
    }
  }

  async complete(options: {
    scope: string;
    key: string;
    token: string;
    statusCode: number;
    body: unknown;
    ttlMs: number;
  }): Promise<void> {
    await this.knex(this.table)
      .where({
        scope: options.scope,
        idempotency_key: options.key,
        token: options.token,
      })
      .update({
        state: 'completed',
        status_code: options.statusCode,
        response_body: JSON.stringify(options.body ?? null),
        expires_at: this.now() + options.ttlMs,
      });
  }

  async release(options: {
    scope: string;
    key: string;
    token: string;
  }): Promise<void> {
    await this.knex(this.table)
      .where({
        scope: options.scope,
        idempotency_key: options.key,
        token: options.token,
      })
      .delete();
  }

  async get(options: {
    scope: string;
    key: string;
  }): Promise<IdempotencyRecord | undefined> {
    const row = await this.row(options.scope, options.key);
    if (!row || Number(row.expires_at) <= this.now()) return undefined;
    return KnexIdempotencyStore.toRecord(row);
  }

  async deleteExpired(): Promise<number> {
    return this.knex(this.table).where('expires_at', '<=', this.now()).delete();
  }
}
