import type { ScorecardSummary } from '@gatekeeper/plugin-scorecards-common';
import { mockScorecardsApi, summaries } from '../../testUtils/fixtures';
import {
  AllRowsCache,
  fetchAllRows,
  fetchFilteredRows,
  fetchPage,
  filtersFromSearchParams,
  filtersToSearchParams,
  matchesText,
  MAX_EXPORT_ROWS,
  serverQuery,
} from './overviewData';

function rows(n: number): ScorecardSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    entityRef: `component:default/svc-${i}`,
    verdict: 'ready',
    evaluatedAt: '2026-11-20T00:00:00.000Z',
    gates: {},
  }));
}

function pagedApi(all: ScorecardSummary[]) {
  return mockScorecardsApi({
    getOverview: jest.fn(async q => {
      const offset = q?.offset ?? 0;
      const limit = q?.limit ?? 50;
      return {
        items: all.slice(offset, offset + limit),
        totalItems: all.length,
        nextOffset: offset + limit < all.length ? offset + limit : undefined,
      };
    }),
  });
}

describe('overviewData', () => {
  it('drops empty filters from the server query', () => {
    expect(
      serverQuery({ owner: '', system: 'system:default/a', text: 'x' }),
    ).toEqual({
      owner: undefined,
      system: 'system:default/a',
      domain: undefined,
      verdict: undefined,
      level: undefined,
      gate: undefined,
      status: undefined,
    });
    // gate and status only go together
    expect(serverQuery({ gate: 'lint-clean' })).toMatchObject({
      gate: undefined,
      status: undefined,
    });
    expect(
      serverQuery({ gate: 'lint-clean', status: 'fail', domain: 'd' }),
    ).toMatchObject({ gate: 'lint-clean', status: 'fail', domain: 'd' });
  });

  it('matches every free-text term case-insensitively', () => {
    expect(matchesText(summaries[0], 'PAYMENTS team')).toBe(true);
    expect(matchesText(summaries[0], 'payments ledger')).toBe(false);
    expect(matchesText(summaries[0], '  ')).toBe(true);
    expect(matchesText(summaries[0], undefined)).toBe(true);
    expect(matchesText(summaries[0], 'commerce')).toBe(true);
  });

  it('loads all pages following nextOffset', async () => {
    const api = pagedApi(rows(1200));
    const result = await fetchAllRows(api, { verdict: 'ready' });
    expect(result.items).toHaveLength(1200);
    expect(result.truncated).toBe(false);
    expect(api.getOverview.mock.calls.map(c => c[0]?.offset)).toEqual([
      0, 500, 1000,
    ]);
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ verdict: 'ready', limit: 500 }),
    );
  });

  it('stops when a page comes back empty', async () => {
    const api = mockScorecardsApi({
      getOverview: jest
        .fn()
        .mockResolvedValue({ items: [], totalItems: 10, nextOffset: 500 }),
    });
    expect((await fetchAllRows(api, {})).items).toEqual([]);
    expect(api.getOverview).toHaveBeenCalledTimes(1);
  });

  it('caps the rows it loads', async () => {
    const api = pagedApi(rows(MAX_EXPORT_ROWS + 700));
    const result = await fetchAllRows(api, {});
    expect(result.items).toHaveLength(MAX_EXPORT_ROWS);
    expect(result.truncated).toBe(true);
  });

  it('pages on the server without text and on the client with text', async () => {
    const api = pagedApi(rows(30));
    expect(await fetchPage(api, {}, 1, 20)).toEqual({
      items: rows(30).slice(20),
      totalItems: 30,
    });
    const filtered = await fetchPage(api, { text: 'svc-1' }, 0, 5);
    // svc-1 and svc-10..svc-19
    expect(filtered.totalItems).toBe(11);
    expect(filtered.items.map(r => r.entityRef)).toHaveLength(5);
    expect(await fetchFilteredRows(api, { text: 'svc-2' })).toHaveLength(11);
  });

  it('round-trips filters through URL search params', () => {
    const filters = {
      owner: 'group:default/team-a',
      verdict: 'blocked',
      gate: 'lint-clean',
      status: 'fail',
      text: 'pay ments',
    };
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe(
      'owner=group%3Adefault%2Fteam-a&verdict=blocked&gate=lint-clean&status=fail&text=pay+ments',
    );
    expect(filtersFromSearchParams(params)).toEqual(filters);
    expect(
      filtersFromSearchParams(
        new URLSearchParams('verdict=nope&status=bad&level=%20&system=s'),
      ),
    ).toEqual({ system: 's' });
  });

  it('reuses all rows for the same server filters while fresh', async () => {
    const api = pagedApi(rows(30));
    let now = 1000;
    const cache = new AllRowsCache(60_000, () => now);
    await fetchPage(api, { text: 'svc-1', verdict: 'ready' }, 0, 5, cache);
    await fetchPage(api, { text: 'svc-2', verdict: 'ready' }, 0, 5, cache);
    expect(api.getOverview).toHaveBeenCalledTimes(1);
    // other server filters -> reload
    await fetchPage(api, { text: 'svc-2', verdict: 'blocked' }, 0, 5, cache);
    expect(api.getOverview).toHaveBeenCalledTimes(2);
    // expired -> reload
    now += 60_000;
    await fetchPage(api, { text: 'svc-3', verdict: 'blocked' }, 0, 5, cache);
    expect(api.getOverview).toHaveBeenCalledTimes(3);
  });

  it('forgets failed loads', async () => {
    const api = pagedApi(rows(3));
    api.getOverview.mockRejectedValueOnce(new Error('down'));
    const cache = new AllRowsCache();
    await expect(fetchPage(api, { text: 'svc' }, 0, 5, cache)).rejects.toThrow(
      'down',
    );
    await expect(
      fetchPage(api, { text: 'svc' }, 0, 5, cache),
    ).resolves.toMatchObject({ totalItems: 3 });
  });
});
