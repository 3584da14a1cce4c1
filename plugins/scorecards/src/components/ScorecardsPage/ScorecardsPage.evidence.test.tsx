import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockScorecardsApi, summaries } from '../../testUtils/fixtures';
import {
  heatmapRefs,
  overviewOver,
  renderPage,
} from '../../__testUtils__/scorecardsPage';

jest.setTimeout(20000);

describe('ScorecardsPage evidence', () => {
  it('shows per entity the gates decided by stale / configuration-only evidence', async () => {
    await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
    );
    const heatmap = await screen.findByTestId('scorecards-heatmap');
    expect(within(heatmap).getByText('Evidence')).toBeInTheDocument();
    const badges = within(heatmap).getAllByTestId('evidence-badge');
    expect(badges.map(b => b.textContent)).toEqual([
      '⏱ 1 stale',
      '✓ All observed',
      '⚙ 2 configured only',
    ]);
  });

  it('filters on the server by stale and configured evidence', async () => {
    const api = await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
    );
    await screen.findByTestId('scorecards-heatmap');
    await userEvent.click(screen.getByTestId('filter-evidence'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Configuration only' }),
    );
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/ledger']),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ evidence: 'configured' }),
    );
    await userEvent.click(screen.getByTestId('filter-evidence'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Stale evidence' }),
    );
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/payments-api']),
    );
  });

  it('reads the evidence filter from the URL and ignores unknown values', async () => {
    const api = await renderPage(
      mockScorecardsApi({ getOverview: overviewOver(summaries) }),
      undefined,
      ['/?evidence=stale'],
    );
    await waitFor(() =>
      expect(heatmapRefs()).toEqual(['component:default/payments-api']),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ evidence: 'stale' }),
    );
  });
});
