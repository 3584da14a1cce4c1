import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import type { ScorecardOverviewQuery } from '../../api';
import { scorecardsApiRef } from '../../api';
import {
  mockScorecardsApi,
  rollups,
  summaries,
} from '../../testUtils/fixtures';
import { ScorecardsPage } from './ScorecardsPage';
import type { ScorecardSummary } from '@gatekeeper/plugin-scorecards-common';

/** Every free-text term in ref, title, owner, system or domain (as `q`). */
function matchesQ(r: ScorecardSummary, q?: string) {
  const text = [r.entityRef, r.title, r.owner, r.system, r.domain]
    .join(' ')
    .toLocaleLowerCase('en-US');
  return (q ?? '')
    .toLocaleLowerCase('en-US')
    .split(/\s+/)
    .filter(Boolean)
    .every(term => text.includes(term));
}

/** Backend-like overview: server-side filters, search and paging over `rows`. */
function overviewOver(rows: ScorecardSummary[]) {
  return jest.fn(async (q: ScorecardOverviewQuery = {}) => {
    const matching = rows.filter(
      r =>
        matchesQ(r, q.q) &&
        (!q.verdict || r.verdict === q.verdict) &&
        (!q.owner ||
          r.owner ===
            (q.owner.includes(':') ? q.owner : `group:default/${q.owner}`)) &&
        (!q.system || r.system === q.system) &&
        (!q.level || r.level === q.level) &&
        (!q.gate || r.gates[q.gate] === q.status),
    );
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    const items = matching.slice(offset, offset + limit);
    return {
      items,
      totalItems: matching.length,
      nextOffset: offset + limit < matching.length ? offset + limit : undefined,
    };
  });
}

function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

async function renderPage(
  api = mockScorecardsApi(),
  pageSize?: number,
  routeEntries?: string[],
) {
  await renderInTestApp(
    <TestApiProvider apis={[[scorecardsApiRef, api]]}>
      <ScorecardsPage pageSize={pageSize} />
      <LocationProbe />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries,
    },
  );
  return api;
}

function heatmapRefs() {
  return screen
    .getAllByTestId('heatmap-row')
    .map(r => r.getAttribute('data-entity-ref'));
}

function readBlob(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') {
    return blob.text();
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

// These tests drive MUI selects and autocompletes; give slow CI machines room.
jest.setTimeout(20000);

describe('ScorecardsPage', () => {
  it('renders the entities x gates heatmap', async () => {
    const api = await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
    );
    const heatmap = await screen.findByTestId('scorecards-heatmap');
    expect(api.getOverview).toHaveBeenCalledWith({
      limit: 25,
      offset: 0,
      owner: undefined,
      system: undefined,
      domain: undefined,
      verdict: undefined,
      level: undefined,
      gate: undefined,
      status: undefined,
    });
    expect(
      within(heatmap)
        .getAllByTestId('heatmap-gate-header')
        .map(h => h.textContent),
    ).toEqual([
      'coverage-lines',
      'no-critical-vulnerabilities',
      'security-scans',
    ]);
    expect(heatmapRefs()).toEqual([
      'component:default/payments-api',
      'component:default/checkout-web',
      'component:default/ledger',
    ]);

    const payments = screen.getAllByTestId('heatmap-row')[0];
    expect(
      within(payments)
        .getAllByTestId('heatmap-cell')
        .map(c => c.dataset.status),
    ).toEqual(['pass', 'fail', 'stale']);
    expect(within(payments).getByText('Payments API')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    const ledgerCells = within(
      screen.getAllByTestId('heatmap-row')[2],
    ).getAllByTestId('heatmap-cell');
    expect(ledgerCells.map(c => c.dataset.status)).toEqual([
      'unknown',
      'n/a',
      'n/a',
    ]);
    expect(ledgerCells[0]).toHaveStyle({ backgroundColor: '#616161' });
    expect(within(payments).getAllByTestId('heatmap-cell')[1]).toHaveStyle({
      backgroundColor: '#c62828',
    });
  });

  it('shows a tooltip with entity, gate and status', async () => {
    await renderPage();
    await screen.findByTestId('scorecards-heatmap');
    const cell = within(screen.getAllByTestId('heatmap-row')[0]).getAllByTestId(
      'heatmap-cell',
    )[1];
    await userEvent.hover(cell);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Payments API · No critical vulnerabilities: Fail',
    );
  });

  it('narrows rows with the free-text filter', async () => {
    await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
    );
    await screen.findByTestId('scorecards-heatmap');
    await userEvent.type(screen.getByTestId('filter-text'), 'ledger');
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/ledger']),
    );
    await userEvent.clear(screen.getByTestId('filter-text'));
    await userEvent.type(screen.getByTestId('filter-text'), 'no such thing');
    expect(
      await screen.findByText('No scored entities match these filters.'),
    ).toBeInTheDocument();
  });

  it('sends verdict and owner filters to the backend', async () => {
    const api = await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
    );
    await screen.findByTestId('scorecards-heatmap');
    await userEvent.click(screen.getByTestId('filter-verdict'));
    await userEvent.click(await screen.findByRole('option', { name: 'Ready' }));
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/checkout-web']),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ verdict: 'ready', offset: 0 }),
    );

    await userEvent.click(screen.getByTestId('filter-verdict'));
    await userEvent.click(await screen.findByRole('option', { name: 'Any' }));
    await userEvent.type(
      screen.getByTestId('filter-owner'),
      'team-ledger{enter}',
    );
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/ledger']),
    );
  });

  it('pages through the overview', async () => {
    const many: ScorecardSummary[] = Array.from({ length: 30 }, (_, i) => ({
      entityRef: `component:default/svc-${String(i).padStart(2, '0')}`,
      verdict: 'ready',
      score: 90,
      evaluatedAt: '2026-11-20T10:00:00.000Z',
      gates: { 'coverage-lines': 'pass' },
    }));
    const api = await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(many) }),
      25,
    );
    await screen.findByTestId('scorecards-heatmap');
    expect(heatmapRefs()).toHaveLength(25);
    expect(screen.getByText('1-25 of 30')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() => expect(heatmapRefs()).toHaveLength(5));
    expect(heatmapRefs()[0]).toBe('component:default/svc-25');
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 25, offset: 25 }),
    );
  });

  it('exports the filtered rows of all pages as CSV', async () => {
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((b: Blob) => {
        blobs.push(b);
        return 'blob:csv';
      }),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    try {
      await renderPage(
        mockScorecardsApi({ getOverview: overviewOver(summaries) }),
        1,
      );
      await screen.findByTestId('scorecards-heatmap');
      expect(heatmapRefs()).toHaveLength(1);
      await userEvent.type(screen.getByTestId('filter-text'), 'payments');
      await waitFor(() =>
        expect(screen.getByText('1-1 of 2')).toBeInTheDocument(),
      );
      await userEvent.click(screen.getByTestId('scorecards-export-csv'));
      await waitFor(() => expect(blobs).toHaveLength(1));
      expect(click).toHaveBeenCalled();
      const csv = await readBlob(blobs[0]);
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'entityRef,title,owner,system,domain,verdict,score,level,evaluatedAt,coverage-lines,no-critical-vulnerabilities,security-scans',
      );
      expect(lines.slice(1).map(l => l.split(',')[0])).toEqual([
        'component:default/payments-api',
        'component:default/checkout-web',
      ]);
      expect(lines[2]).toContain('"Checkout, ""web"" frontend"');
      expect(lines[2]).toMatch(/,pass,pass,waived$/);
    } finally {
      click.mockRestore();
    }
  });

  it('says so when the export is cut at 10,000 rows', async () => {
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:csv'),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const many: ScorecardSummary[] = Array.from({ length: 10_250 }, (_, i) => ({
      entityRef: `component:default/svc-${i}`,
      verdict: 'ready',
      evaluatedAt: '2026-11-20T10:00:00.000Z',
      gates: {},
    }));
    try {
      const api = await renderPage(
        mockScorecardsApi({ getOverview: overviewOver(many) }),
      );
      await screen.findByTestId('scorecards-heatmap');
      await userEvent.type(screen.getByTestId('filter-text'), 'svc');
      await waitFor(() =>
        expect(api.getOverview).toHaveBeenLastCalledWith(
          expect.objectContaining({ q: 'svc', offset: 0 }),
        ),
      );
      await userEvent.click(screen.getByTestId('scorecards-export-csv'));
      expect(
        await screen.findByTestId('scorecards-export-truncated'),
      ).toHaveTextContent(
        'The export holds the first 10,000 of 10,250 matching entities',
      );
      expect(click).toHaveBeenCalledTimes(1);
    } finally {
      click.mockRestore();
    }
  });

  it('reports export failures', async () => {
    const getOverview = overviewOver(summaries);
    await renderPage(mockScorecardsApi({ getOverview }));
    await screen.findByTestId('scorecards-heatmap');
    getOverview.mockRejectedValueOnce(new Error('overview down'));
    await userEvent.click(screen.getByTestId('scorecards-export-csv'));
    expect(
      await screen.findByText('Export failed: overview down'),
    ).toBeInTheDocument();
  });

  it('shows roll-ups by group, system and domain', async () => {
    const api = await renderPage();
    await screen.findByTestId('scorecards-heatmap');
    await userEvent.click(screen.getByRole('tab', { name: 'Roll-ups' }));
    const rows = await screen.findAllByTestId('rollup-row');
    expect(api.getRollups).toHaveBeenCalledWith('group');
    // lowest average score first
    expect(rows.map(r => r.getAttribute('data-ref'))).toEqual([
      'group:default/team-payments',
      'group:default/team-checkout',
    ]);
    expect(rows[0]).toHaveTextContent('team-payments');
    expect(rows[0]).toHaveTextContent('72.4');
    expect(rows[0]).toHaveTextContent('Bronze 2');
    expect(rows[0]).toHaveTextContent('No level 1');
    expect(within(rows[0]).getAllByRole('cell')[3]).toHaveTextContent('1');
    expect(within(rows[0]).getAllByRole('cell')[4]).toHaveTextContent('2');
    const rates = within(rows[0]).getAllByTestId('rollup-pass-rate');
    expect(rates.map(r => r.getAttribute('aria-label'))).toEqual([
      'Line coverage at least 80%: 75% pass',
      'No critical vulnerabilities: 50% pass',
      'Security scans run in CI: n/a pass',
    ]);
    expect(
      within(rows[0]).getByTestId('rollup-weakest-gate'),
    ).toHaveTextContent('No critical vulnerabilities (50%)');
    expect(
      within(rows[1]).getByTestId('rollup-weakest-gate'),
    ).toHaveTextContent('—');

    api.getRollups.mockResolvedValueOnce({
      items: [
        { ...rollups[0], ref: 'system:default/payments', kind: 'system' },
      ],
    });
    await userEvent.click(screen.getByRole('tab', { name: 'By system' }));
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('rollup-row')
          .map(r => r.getAttribute('data-ref')),
      ).toEqual(['system:default/payments']),
    );
    expect(api.getRollups).toHaveBeenLastCalledWith('system');

    api.getRollups.mockResolvedValueOnce({ items: [] });
    await userEvent.click(screen.getByRole('tab', { name: 'By domain' }));
    expect(
      await screen.findByText('No domains with scored entities.'),
    ).toBeInTheDocument();
  });

  it('shows errors from the backend', async () => {
    await renderPage(
      mockScorecardsApi({
        getGates: jest.fn().mockRejectedValue(new Error('gates down')),
      }),
    );
    expect((await screen.findAllByText(/gates down/)).length).toBeGreaterThan(
      0,
    );
    expect(screen.queryByTestId('scorecards-heatmap')).not.toBeInTheDocument();
  });

  it('suggests owners from the group roll-ups', async () => {
    const api = await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
    );
    await screen.findByTestId('scorecards-heatmap');
    expect(api.getRollups).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('filter-owner'));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'group:default/team-checkout',
      }),
    );
    expect(api.getRollups).toHaveBeenCalledWith('group');
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/checkout-web']),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ owner: 'group:default/team-checkout' }),
    );
  });

  it('filters by gate status, defaulting to failing', async () => {
    const api = await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
    );
    await screen.findByTestId('scorecards-heatmap');
    await userEvent.click(screen.getByTestId('filter-gate'));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'No critical vulnerabilities',
      }),
    );
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/payments-api']),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({
        gate: 'no-critical-vulnerabilities',
        status: 'fail',
      }),
    );
    await userEvent.click(screen.getByTestId('filter-status'));
    await userEvent.click(await screen.findByRole('option', { name: 'Pass' }));
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/checkout-web']),
    );
  });

  it('reads filters from the URL and writes changes back', async () => {
    const api = await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
      undefined,
      ['/scorecards?system=system%3Adefault%2Fpayments&text=checkout'],
    );
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/checkout-web']),
    );
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ system: 'system:default/payments' }),
    );
    expect(screen.getByTestId('filter-text')).toHaveValue('checkout');
    expect(screen.getByTestId('filter-system')).toHaveValue(
      'system:default/payments',
    );

    await userEvent.click(screen.getByTestId('filter-verdict'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Blocked' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '?system=system%3Adefault%2Fpayments&verdict=blocked&text=checkout',
      ),
    );
    expect(
      await screen.findByText('No scored entities match these filters.'),
    ).toBeInTheDocument();
  });

  it('shows the entities failing a gate when its header is clicked', async () => {
    const api = await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
    );
    await screen.findByTestId('scorecards-heatmap');
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show entities failing No critical vulnerabilities',
      }),
    );
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/payments-api']),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({
        gate: 'no-critical-vulnerabilities',
        status: 'fail',
      }),
    );
    expect(screen.getByTestId('location')).toHaveTextContent(
      'gate=no-critical-vulnerabilities&status=fail',
    );
  });
});
