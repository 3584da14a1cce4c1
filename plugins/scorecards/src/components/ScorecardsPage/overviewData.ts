import type { ScorecardSummary } from '@gatekeeper/plugin-scorecards-common';
import type { ScorecardOverviewQuery, ScorecardsApi } from '../../api';

/** Filters of the overview page. */
export interface OverviewFilters {
  owner?: string;
  system?: string;
  domain?: string;
  verdict?: string;
  level?: string;
  /** Gate id; only sent together with `status`. */
  gate?: string;
  status?: string;
  /** Free text, matched client-side against ref, title, owner and system. */
  text?: string;
}

const VERDICT_VALUES = ['ready', 'at-risk', 'blocked'];
const STATUS_VALUES = ['pass', 'fail', 'unknown', 'stale', 'waived'];

const FILTER_KEYS: (keyof OverviewFilters)[] = [
  'owner',
  'system',
  'domain',
  'verdict',
  'level',
  'gate',
  'status',
  'text',
];

/** Reads filters from URL search params (`?owner=…&verdict=…&text=…`). */
export function filtersFromSearchParams(
  params: URLSearchParams,
): OverviewFilters {
  const filters: OverviewFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) {
      filters[key] = value;
    }
  }
  if (filters.verdict && !VERDICT_VALUES.includes(filters.verdict)) {
    delete filters.verdict;
  }
  if (filters.status && !STATUS_VALUES.includes(filters.status)) {
    delete filters.status;
  }
  return filters;
}

/** Writes the set filters as URL search params. */
export function filtersToSearchParams(
  filters: OverviewFilters,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) {
      params.set(key, value);
    }
  }
  return params;
}

const FETCH_ALL_PAGE_SIZE = 500;
/** Upper bound of rows loaded for free-text filtering and CSV export. */
export const MAX_EXPORT_ROWS = 10000;

export function serverQuery(filters: OverviewFilters): ScorecardOverviewQuery {
  const withGate = Boolean(filters.gate && filters.status);
  return {
    owner: filters.owner || undefined,
    system: filters.system || undefined,
    domain: filters.domain || undefined,
    verdict: filters.verdict || undefined,
    level: filters.level || undefined,
    gate: withGate ? filters.gate : undefined,
    status: withGate ? filters.status : undefined,
  };
}

/** Case-insensitive match of every whitespace-separated term. */
export function matchesText(row: ScorecardSummary, text?: string): boolean {
  const terms = (text ?? '')
    .toLocaleLowerCase('en-US')
    .split(/\s+/)
    .filter(Boolean);
  if (terms.length === 0) {
    return true;
  }
  const haystack = [row.entityRef, row.title, row.owner, row.system, row.domain]
    .filter(Boolean)
    .join(' ')
    .toLocaleLowerCase('en-US');
  return terms.every(term => haystack.includes(term));
}

/** Loads every row matching the server-side filters, page by page. */
export async function fetchAllRows(
  api: ScorecardsApi,
  filters: OverviewFilters,
): Promise<{ items: ScorecardSummary[]; truncated: boolean }> {
  const items: ScorecardSummary[] = [];
  let offset = 0;
  for (;;) {
    const page = await api.getOverview({
      ...serverQuery(filters),
      limit: FETCH_ALL_PAGE_SIZE,
      offset,
    });
    items.push(...page.items);
    if (items.length >= MAX_EXPORT_ROWS) {
      return {
        items: items.slice(0, MAX_EXPORT_ROWS),
        truncated: page.totalItems > MAX_EXPORT_ROWS,
      };
    }
    if (
      page.nextOffset === undefined ||
      page.items.length === 0 ||
      items.length >= page.totalItems
    ) {
      return { items, truncated: false };
    }
    offset = page.nextOffset;
  }
}

/**
 * Remembers the rows of the last server-side filter set for a short time, so
 * that typing in the free-text filter does not reload every page.
 */
export class AllRowsCache {
  private entry?: {
    key: string;
    at: number;
    rows: Promise<{ items: ScorecardSummary[]; truncated: boolean }>;
  };

  constructor(
    private readonly ttlMs: number = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(
    api: ScorecardsApi,
    filters: OverviewFilters,
  ): Promise<{ items: ScorecardSummary[]; truncated: boolean }> {
    const key = JSON.stringify(serverQuery(filters));
    const entry = this.entry;
    if (entry && entry.key === key && this.now() - entry.at < this.ttlMs) {
      return entry.rows;
    }
    const rows = fetchAllRows(api, filters);
    this.entry = { key, at: this.now(), rows };
    rows.catch(() => {
      if (this.entry?.rows === rows) {
        this.entry = undefined;
      }
    });
    return rows;
  }
}

/** Rows of one page of the table, with all filters applied. */
export async function fetchPage(
  api: ScorecardsApi,
  filters: OverviewFilters,
  page: number,
  pageSize: number,
  cache?: AllRowsCache,
): Promise<{ items: ScorecardSummary[]; totalItems: number }> {
  if (!filters.text?.trim()) {
    const result = await api.getOverview({
      ...serverQuery(filters),
      limit: pageSize,
      offset: page * pageSize,
    });
    return { items: result.items, totalItems: result.totalItems };
  }
  const { items } = await (cache
    ? cache.get(api, filters)
    : fetchAllRows(api, filters));
  const matching = items.filter(row => matchesText(row, filters.text));
  return {
    items: matching.slice(page * pageSize, (page + 1) * pageSize),
    totalItems: matching.length,
  };
}

/** Every row matching all filters (for the CSV export). */
export async function fetchFilteredRows(
  api: ScorecardsApi,
  filters: OverviewFilters,
): Promise<ScorecardSummary[]> {
  const { items } = await fetchAllRows(api, filters);
  return items.filter(row => matchesText(row, filters.text));
}
