import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ScorecardSummary } from '@gatekeeper/plugin-scorecards-common';
import { mockScorecardsApi, summaries } from '../../testUtils/fixtures';
import {
  heatmapRefs,
  overviewOver,
  readBlob,
  renderPage,
} from '../../__testUtils__/scorecardsPage';

// These tests drive MUI selects and autocompletes; give slow CI machines room.
jest.setTimeout(20000);

describe('ScorecardsPage', () => {
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
});

describe('ScorecardsPage, part 2', () => {
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
});
