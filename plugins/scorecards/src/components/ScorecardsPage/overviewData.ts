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
  /** `stale` or `configured` (gates decided by stale / configuration-only evidence). */
  evidence?: string;
  /** Free text, searched on the server (`q`) in ref, title, owner, system and domain. */
  text?: string;
}

const VERDICT_VALUES = ['ready', 'at-risk', 'blocked'];
const STATUS_VALUES = ['pass', 'fail', 'unknown', 'stale', 'waived'];
const EVIDENCE_VALUES = ['stale', 'configured'];

const FILTER_KEYS: (keyof OverviewFilters)[] = [
  'owner',
  'system',
  'domain',
  'verdict',
  'level',
  'gate',
  'status',
  'evidence',
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
  if (filters.evidence && !EVIDENCE_VALUES.includes(filters.evidence)) {
    delete filters.evidence;
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
/** Upper bound of rows loaded for the CSV export. */
export const MAX_EXPORT_ROWS = 10000;

/** The backend query of a set of filters (the free text is `q`). */
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
    evidence: filters.evidence || undefined,
    q: filters.text?.trim() || undefined,
  };
}

/** Rows of the export: at most `MAX_EXPORT_ROWS`, with the full count. */
export interface ExportRows {
  items: ScorecardSummary[];
  /** Rows matching the filters on the server. */
  totalItems: number;
  /** True when `items` holds fewer rows than `totalItems`. */
  truncated: boolean;
}

/**
 * Loads the rows matching all filters (searched on the server), page by
 * page, up to `maxRows`.
 */
export async function fetchAllRows(
  api: ScorecardsApi,
  filters: OverviewFilters,
  maxRows: number = MAX_EXPORT_ROWS,
): Promise<ExportRows> {
  const items: ScorecardSummary[] = [];
  let totalItems = 0;
  let offset = 0;
  for (;;) {
    const page = await api.getOverview({
      ...serverQuery(filters),
      limit: Math.min(FETCH_ALL_PAGE_SIZE, maxRows - items.length),
      offset,
    });
    items.push(...page.items);
    totalItems = page.totalItems;
    if (
      items.length >= maxRows ||
      page.nextOffset === undefined ||
      page.items.length === 0 ||
      items.length >= page.totalItems
    ) {
      const kept = items.slice(0, maxRows);
      return {
        items: kept,
        totalItems: Math.max(totalItems, kept.length),
        truncated: totalItems > kept.length,
      };
    }
    offset = page.nextOffset;
  }
}

/** One page of the table: filtered, searched and paged on the server. */
export async function fetchPage(
  api: ScorecardsApi,
  filters: OverviewFilters,
  page: number,
  pageSize: number,
): Promise<{ items: ScorecardSummary[]; totalItems: number }> {
  const result = await api.getOverview({
    ...serverQuery(filters),
    limit: pageSize,
    offset: page * pageSize,
  });
  return { items: result.items, totalItems: result.totalItems };
}
