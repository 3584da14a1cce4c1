import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getContrastRatio } from '@material-ui/core/styles';
import type { ScorecardSummary } from '@gatekeeper/plugin-scorecards-common';
import { mockScorecardsApi, summaries } from '../../testUtils/fixtures';
import {
  heatmapRefs,
  overviewOver,
  renderPage,
} from '../../__testUtils__/scorecardsPage';

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
    // every status its own fill, with the glyph readable on it (WCAG AA)
    const fail = within(payments).getAllByTestId('heatmap-cell')[1];
    const fills = [ledgerCells[0], fail, ledgerCells[1]].map(
      c => getComputedStyle(c).backgroundColor,
    );
    expect(new Set(fills).size).toBe(3);
    for (const cell of [ledgerCells[0], fail]) {
      const style = getComputedStyle(cell);
      expect(
        getContrastRatio(style.color, style.backgroundColor),
      ).toBeGreaterThanOrEqual(4.5);
    }
    expect(fail).toHaveTextContent('✗');
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
});

describe('ScorecardsPage, part 2', () => {
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
});

describe('ScorecardsPage, part 3', () => {
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
});

describe('ScorecardsPage, part 4', () => {
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
        name: 'no-critical-vulnerabilities: show entities failing No critical vulnerabilities',
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
