import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Campaign,
  CampaignCounts,
  CampaignDefinition,
  CampaignHistoryEvent,
  CampaignSelector,
  CampaignTarget,
} from '@gatekeeper/plugin-scorecards-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@gatekeeper/plugin-scorecards-backend',
  'migrations',
);

const CAMPAIGNS = 'scorecards_campaigns';
const HISTORY = 'scorecards_campaign_history';
const HISTORY_LIMIT = 400;

/** What a new UI campaign holds. */
export interface NewCampaign {
  title: string;
  description?: string;
  owner: string;
  target: CampaignTarget;
  selector: CampaignSelector;
  /** Epoch ms. */
  deadline: number;
  createdBy: string;
  /** Epoch ms. */
  now: number;
}

/** The fields PATCH /campaigns/:id may change. */
export interface CampaignChanges {
  title?: string;
  description?: string;
  /** Epoch ms. */
  deadline?: number;
  archived?: boolean;
}

/** Persistence of campaigns and their history (changes and daily snapshots). */
export interface CampaignStore {
  create(campaign: NewCampaign): Promise<Campaign>;
  get(id: string): Promise<Campaign | undefined>;
  list(options?: { includeArchived?: boolean }): Promise<Campaign[]>;
  /**
   * Changes a UI campaign with its history row in one transaction; undefined
   * when there is no such UI campaign.
   */
  update(options: {
    id: string;
    changes: CampaignChanges;
    actor: string;
    now: number;
  }): Promise<Campaign | undefined>;
  /**
   * Makes the code campaigns those of the policy: new ones created, changed
   * ones updated, ones no longer in the policy archived; one transaction.
   */
  syncCode(
    definitions: CampaignDefinition[],
    now: number,
  ): Promise<{ created: number; updated: number; archived: number }>;
  /** Records the day's counts once per campaign and day; false when already recorded. */
  recordSnapshot(options: {
    id: string;
    day: string;
    counts: CampaignCounts;
    now: number;
  }): Promise<boolean>;
  /** Changes and snapshots, oldest first (the latest few hundred). */
  history(id: string): Promise<CampaignHistoryEvent[]>;
}

interface CampaignRow {
  id: string;
  code_id: string | null;
  title: string;
  description: string | null;
  owner: string;
  target: string;
  selector: string;
  deadline: string | number;
  source: 'code' | 'ui';
  created_by: string;
  created_at: string | number;
  updated_at: string | number;
  archived: boolean | number;
}

interface HistoryRow {
  campaign_id: string;
  kind: CampaignHistoryEvent['kind'];
  at: string | number;
  actor: string | null;
  changes: string | null;
  day: string | null;
  total: number | null;
  done: number | null;
  remaining: number | null;
  overdue: number | null;
}

const iso = (ms: string | number) => new Date(Number(ms)).toISOString();

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    owner: row.owner,
    target: JSON.parse(row.target),
    selector: JSON.parse(row.selector),
    deadline: iso(row.deadline),
    source: row.source,
    ...(row.code_id ? { codeId: row.code_id } : {}),
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    archived: Boolean(row.archived),
  };
}

function toEvent(row: HistoryRow): CampaignHistoryEvent {
  return {
    kind: row.kind,
    at: iso(row.at),
    ...(row.actor ? { actor: row.actor } : {}),
    ...(row.changes ? { changes: JSON.parse(row.changes) } : {}),
    ...(row.kind === 'snapshot'
      ? {
          progress: {
            total: Number(row.total),
            done: Number(row.done),
            remaining: Number(row.remaining),
            overdue: Number(row.overdue),
          },
        }
      : {}),
  };
}

const changeRow = (
  campaignId: string,
  kind: HistoryRow['kind'],
  actor: string,
  changes: object,
  at: number,
): HistoryRow => ({
  campaign_id: campaignId,
  kind,
  at,
  actor,
  changes: JSON.stringify(changes),
  day: null,
  total: null,
  done: null,
  remaining: null,
  overdue: null,
});

/** The stored columns of a policy campaign. */
function codeColumns(d: CampaignDefinition) {
  return {
    title: d.title,
    description: d.description ?? null,
    owner: d.owner,
    target: JSON.stringify(d.target),
    selector: JSON.stringify(d.selector),
    deadline: Date.parse(d.deadline),
  };
}

/** Knex implementation (SQLite and PostgreSQL). */
export class DatabaseCampaignStore implements CampaignStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseCampaignStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseCampaignStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async create(campaign: NewCampaign): Promise<Campaign> {
    const id = randomUUID();
    const { now, createdBy } = campaign;
    await this.db.transaction(async tx => {
      await tx<CampaignRow>(CAMPAIGNS).insert({
        id,
        code_id: null,
        title: campaign.title,
        description: campaign.description ?? null,
        owner: campaign.owner,
        target: JSON.stringify(campaign.target),
        selector: JSON.stringify(campaign.selector),
        deadline: campaign.deadline,
        source: 'ui',
        created_by: createdBy,
        created_at: now,
        updated_at: now,
        archived: false,
      });
      await tx<HistoryRow>(HISTORY).insert(
        changeRow(id, 'created', createdBy, {}, now),
      );
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Campaign | undefined> {
    const row = await this.db<CampaignRow>(CAMPAIGNS).where({ id }).first();
    return row ? toCampaign(row) : undefined;
  }

  async list(options: { includeArchived?: boolean } = {}): Promise<Campaign[]> {
    const query = this.db<CampaignRow>(CAMPAIGNS)
      .orderBy('deadline')
      .orderBy('id');
    if (!options.includeArchived) query.where('archived', false);
    return (await query.select('*')).map(toCampaign);
  }

  async update(options: {
    id: string;
    changes: CampaignChanges;
    actor: string;
    now: number;
  }): Promise<Campaign | undefined> {
    const { id, changes, actor, now } = options;
    const columns: Partial<CampaignRow> = { updated_at: now };
    if (changes.title !== undefined) columns.title = changes.title;
    if (changes.description !== undefined) {
      columns.description = changes.description || null;
    }
    if (changes.deadline !== undefined) columns.deadline = changes.deadline;
    if (changes.archived !== undefined) columns.archived = changes.archived;
    const recorded = {
      ...changes,
      ...(changes.deadline !== undefined
        ? { deadline: iso(changes.deadline) }
        : {}),
    };
    const updated = await this.db.transaction(async tx => {
      const count = await tx<CampaignRow>(CAMPAIGNS)
        .where({ id, source: 'ui' })
        .update(columns);
      if (count !== 1) return false;
      await tx<HistoryRow>(HISTORY).insert(
        changeRow(id, 'updated', actor, recorded, now),
      );
      return true;
    });
    return updated ? this.get(id) : undefined;
  }

  async syncCode(
    definitions: CampaignDefinition[],
    now: number,
  ): Promise<{ created: number; updated: number; archived: number }> {
    return this.db.transaction(async tx => {
      const existing = (await tx<CampaignRow>(CAMPAIGNS)
        .where({ source: 'code' })
        .select('*')) as CampaignRow[];
      const byCodeId = new Map(existing.map(r => [r.code_id, r]));
      const result = { created: 0, updated: 0, archived: 0 };
      for (const definition of definitions) {
        const columns = codeColumns(definition);
        const row = byCodeId.get(definition.id);
        byCodeId.delete(definition.id);
        if (!row) {
          const id = randomUUID();
          await tx<CampaignRow>(CAMPAIGNS).insert({
            id,
            code_id: definition.id,
            ...columns,
            source: 'code',
            created_by: 'policy',
            created_at: now,
            updated_at: now,
            archived: false,
          });
          await tx<HistoryRow>(HISTORY).insert(
            changeRow(id, 'created', 'policy', {}, now),
          );
          result.created++;
          continue;
        }
        const changed = Object.entries(columns).filter(
          ([key, value]) =>
            String(row[key as keyof CampaignRow] ?? '') !== String(value ?? ''),
        );
        if (changed.length === 0 && !row.archived) continue;
        await tx<CampaignRow>(CAMPAIGNS)
          .where({ id: row.id })
          .update({ ...columns, archived: false, updated_at: now });
        await tx<HistoryRow>(HISTORY).insert(
          changeRow(
            row.id,
            'synced',
            'policy',
            Object.fromEntries(changed),
            now,
          ),
        );
        result.updated++;
      }
      for (const row of byCodeId.values()) {
        if (row.archived) continue;
        await tx<CampaignRow>(CAMPAIGNS)
          .where({ id: row.id })
          .update({ archived: true, updated_at: now });
        await tx<HistoryRow>(HISTORY).insert(
          changeRow(row.id, 'synced', 'policy', { archived: true }, now),
        );
        result.archived++;
      }
      return result;
    });
  }

  async recordSnapshot(options: {
    id: string;
    day: string;
    counts: CampaignCounts;
    now: number;
  }): Promise<boolean> {
    const { id, day, counts, now } = options;
    const inserted = await this.db<HistoryRow>(HISTORY)
      .insert({
        campaign_id: id,
        kind: 'snapshot',
        at: now,
        actor: null,
        changes: null,
        day,
        total: counts.total,
        done: counts.done,
        remaining: counts.remaining,
        overdue: counts.overdue,
      })
      .onConflict(['campaign_id', 'day'])
      .ignore()
      .returning('seq');
    return inserted.length > 0;
  }

  async history(id: string): Promise<CampaignHistoryEvent[]> {
    const rows = (await this.db<HistoryRow>(HISTORY)
      .where({ campaign_id: id })
      .orderBy('seq', 'desc')
      .limit(HISTORY_LIMIT)
      .select('*')) as HistoryRow[];
    return rows.reverse().map(toEvent);
  }
}
