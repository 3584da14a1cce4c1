import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockScorecardsApi, rollups } from '../../testUtils/fixtures';
import { renderPage } from '../../__testUtils__/scorecardsPage';

// These tests drive MUI selects and autocompletes; give slow CI machines room.
jest.setTimeout(20000);

describe('ScorecardsPage', () => {
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
});
