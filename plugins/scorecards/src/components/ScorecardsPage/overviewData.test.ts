import type { ScorecardSummary } from '@gatekeeper/plugin-scorecards-common';
import { mockScorecardsApi } from '../../testUtils/fixtures';
import {
  fetchAllRows,
  fetchPage,
  filtersFromSearchParams,
  filtersToSearchParams,
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
      q: 'x',
    });
    expect(serverQuery({ text: '   ' }).q).toBeUndefined();
    // gate and status only go together
    expect(serverQuery({ gate: 'lint-clean' })).toMatchObject({
      gate: undefined,
      status: undefined,
    });
    expect(
      serverQuery({ gate: 'lint-clean', status: 'fail', domain: 'd' }),
    ).toMatchObject({ gate: 'lint-clean', status: 'fail', domain: 'd' });
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

  it('caps the rows it loads and reports the full count', async () => {
    const api = pagedApi(rows(1200));
    const result = await fetchAllRows(api, {}, 700);
    expect(result).toMatchObject({ totalItems: 1200, truncated: true });
    expect(result.items).toHaveLength(700);
    // never asks for more rows than it keeps
    expect(api.getOverview.mock.calls.map(c => c[0]?.limit)).toEqual([
      500, 200,
    ]);
  });
});

describe('overviewData, part 2', () => {
  it('searches and pages on the server, sending the text as q', async () => {
    const all = rows(30);
    const api = mockScorecardsApi({
      getOverview: jest.fn(async query => {
        const matching = all.filter(r => r.entityRef.includes(query?.q ?? ''));
        const offset = query?.offset ?? 0;
        const limit = query?.limit ?? 50;
        return {
          items: matching.slice(offset, offset + limit),
          totalItems: matching.length,
        };
      }),
    });
    expect(await fetchPage(api, {}, 1, 20)).toEqual({
      items: all.slice(20),
      totalItems: 30,
    });
    // svc-1 and svc-10..svc-19
    const filtered = await fetchPage(api, { text: ' svc-1 ' }, 1, 5);
    expect(filtered.totalItems).toBe(11);
    expect(filtered.items.map(r => r.entityRef)).toEqual(
      all.slice(14, 19).map(r => r.entityRef),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ q: 'svc-1', limit: 5, offset: 5 }),
    );
    const exported = await fetchAllRows(api, { text: 'svc-2' });
    expect(exported).toMatchObject({ totalItems: 11, truncated: false });
    expect(exported.items).toHaveLength(11);
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
});
