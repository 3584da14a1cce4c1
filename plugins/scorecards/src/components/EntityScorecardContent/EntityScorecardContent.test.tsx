import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ENTITY_REF,
  makeScorecard,
  mockScorecardsApi,
  notFoundError,
} from '../../testUtils/fixtures';
import {
  gateRow,
  renderScorecardContent,
} from '../../__testUtils__/renderScorecardContent';

describe('EntityScorecardContent', () => {
  it('lists every gate, most urgent first, with status attributes', async () => {
    await renderScorecardContent();
    const rows = await screen.findAllByTestId('scorecard-gate-row');
    expect(
      rows.map(r => [r.getAttribute('data-gate-id'), r.dataset.status]),
    ).toEqual([
      ['no-critical-vulnerabilities', 'fail'],
      ['lint-clean', 'fail'],
      ['security-scans', 'stale'],
      ['slo-defined', 'unknown'],
      ['branch-protection', 'waived'],
      ['coverage-lines', 'pass'],
    ]);
    expect(screen.getByTestId('scorecard-content')).toBeInTheDocument();
    expect(screen.getByText('Gates (6)')).toBeInTheDocument();
    expect(screen.getByTestId('scorecard-verdict-reason')).toHaveTextContent(
      'Blocked by 1 failing critical gate',
    );
  });

  it('shows evidence, severity, category and level of a gate', async () => {
    await renderScorecardContent();
    await screen.findAllByTestId('scorecard-gate-row');
    const vulns = gateRow('no-critical-vulnerabilities');
    expect(vulns).toHaveTextContent('No critical vulnerabilities');
    expect(vulns).toHaveTextContent('Critical');
    expect(vulns).toHaveTextContent('Security');
    expect(vulns).toHaveTextContent('Bronze');
    const evidence = within(vulns).getByTestId('gate-evidence');
    expect(evidence).toHaveTextContent('ci.vulnerabilities.critical = 2');
    expect(evidence).toHaveTextContent('2 <= 0 is false');
    expect(evidence).toHaveTextContent('observed 2026-11-19 08:00 UTC');
    expect(evidence).toHaveTextContent('source push:ci');

    const coverage = within(gateRow('coverage-lines')).getByTestId(
      'gate-evidence',
    );
    expect(coverage).toHaveTextContent('ci.coverage.lines = 83.14');
    expect(coverage).toHaveTextContent('commit 1f2e3d4c5b6a');
    expect(within(coverage).getByTestId('evidence-run-link')).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/actions/runs/4711',
    );
    expect(within(vulns).queryByTestId('evidence-run-link')).toBeNull();

    const unknown = within(gateRow('slo-defined')).getByTestId('gate-evidence');
    expect(unknown).toHaveTextContent('slo.count = missing');
    expect(unknown).toHaveTextContent('not observed');
  });

  it('shows the waiver and the remediation link', async () => {
    await renderScorecardContent();
    await screen.findAllByTestId('scorecard-gate-row');
    const waived = gateRow('branch-protection');
    const waiver = within(waived).getByTestId('gate-waiver');
    expect(waiver).toHaveTextContent('Migrating to the new org until December');
    expect(waiver).toHaveTextContent('approved by user:default/jane.doe');
    expect(waiver).toHaveTextContent('expires 2026-12-31 00:00 UTC');
    expect(within(waived).getByText('How to fix')).toHaveAttribute(
      'href',
      'https://docs.example.com/gates/branch-protection',
    );
    expect(
      within(gateRow('lint-clean')).queryByTestId('gate-waiver'),
    ).not.toBeInTheDocument();
    // far in the future relative to the fixture's evaluation, but the
    // highlight depends on today's date, so only check it is consistent
    const expiry = within(waived).getByTestId('gate-waiver-expiry');
    const soon =
      new Date('2026-12-31T00:00:00.000Z').getTime() - Date.now() <
      14 * 86_400_000;
    expect(expiry.dataset.expiringSoon).toBe(String(soon));
  });
});

describe('EntityScorecardContent, part 2', () => {
  it('draws score and per-gate history sparklines from the history', async () => {
    const api = await renderScorecardContent();
    await screen.findAllByTestId('scorecard-gate-row');
    expect(api.getEntityHistory).toHaveBeenCalledWith(ENTITY_REF);
    await waitFor(() =>
      expect(screen.getByTestId('score-sparkline')).toHaveAttribute(
        'aria-label',
        'Score history: 90, 75, 62',
      ),
    );
    expect(screen.getByText('Score history (3 changes)')).toBeInTheDocument();
    expect(
      within(gateRow('lint-clean')).getByTestId('status-sparkline'),
    ).toHaveAttribute(
      'aria-label',
      'Lint has no errors history: Pass, Fail, Fail',
    );
    expect(
      within(gateRow('coverage-lines')).getByTestId('status-sparkline'),
    ).toHaveAttribute(
      'aria-label',
      'Line coverage at least 80% history: n/a, n/a, n/a',
    );
  });

  it('re-evaluates and shows the fresh scorecard', async () => {
    const fresh = makeScorecard({
      verdict: 'ready',
      score: 100,
      level: 'silver',
      gates: makeScorecard().gates.map(g => ({
        ...g,
        status: 'pass' as const,
      })),
    });
    const api = mockScorecardsApi({
      evaluateEntity: jest.fn().mockResolvedValue(fresh),
    });
    await renderScorecardContent(api);
    expect(await screen.findByTestId('scorecard-verdict')).toHaveTextContent(
      'Blocked',
    );
    await userEvent.click(screen.getByTestId('scorecard-reevaluate'));
    await waitFor(() =>
      expect(screen.getByTestId('scorecard-verdict')).toHaveTextContent(
        'Ready',
      ),
    );
    expect(api.evaluateEntity).toHaveBeenCalledWith(ENTITY_REF);
    expect(api.getEntityHistory).toHaveBeenCalledTimes(2);
    expect(
      screen
        .getAllByTestId('scorecard-gate-row')
        .every(r => r.dataset.status === 'pass'),
    ).toBe(true);
  });

  it('reports a failed re-evaluation and keeps the scorecard', async () => {
    const api = mockScorecardsApi({
      evaluateEntity: jest.fn().mockRejectedValue(new Error('forbidden')),
    });
    await renderScorecardContent(api);
    await screen.findAllByTestId('scorecard-gate-row');
    await userEvent.click(screen.getByTestId('scorecard-reevaluate'));
    expect(
      await screen.findByText('Re-evaluation failed: forbidden'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('scorecard-verdict')).toHaveTextContent(
      'Blocked',
    );
  });
});

describe('EntityScorecardContent, part 3', () => {
  it('shows an empty state for unknown entities and can evaluate them', async () => {
    const api = mockScorecardsApi({
      getEntityScorecard: jest.fn().mockRejectedValue(notFoundError()),
    });
    await renderScorecardContent(api);
    expect(await screen.findByText('No scorecard yet')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('scorecard-reevaluate'));
    expect(await screen.findAllByTestId('scorecard-gate-row')).toHaveLength(6);
  });

  it('shows load errors and a history error without hiding the gates', async () => {
    const api = mockScorecardsApi({
      getEntityHistory: jest.fn().mockRejectedValue(new Error('no history db')),
    });
    await renderScorecardContent(api);
    expect(
      await screen.findByText('History unavailable: no history db'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('scorecard-gate-row')).toHaveLength(6);
  });

  it('shows a scorecard load error', async () => {
    const api = mockScorecardsApi({
      getEntityScorecard: jest.fn().mockRejectedValue(new Error('boom 500')),
    });
    await renderScorecardContent(api);
    expect((await screen.findAllByText(/boom 500/)).length).toBeGreaterThan(0);
    expect(screen.queryByTestId('scorecard-gate-row')).not.toBeInTheDocument();
  });

  it('shows evaluation warnings', async () => {
    const api = mockScorecardsApi({
      getEntityScorecard: jest.fn().mockResolvedValue(
        makeScorecard({
          warnings: ['Waiver for unknown gate "no-such-gate" ignored'],
        }),
      ),
    });
    await renderScorecardContent(api);
    expect(await screen.findByTestId('scorecard-warnings')).toHaveTextContent(
      'Waiver for unknown gate "no-such-gate" ignored',
    );
  });

  it('can show only the gates needing attention', async () => {
    await renderScorecardContent();
    expect(await screen.findAllByTestId('scorecard-gate-row')).toHaveLength(6);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Only gates needing attention' }),
    );
    expect(
      screen.getAllByTestId('scorecard-gate-row').map(r => r.dataset.status),
    ).toEqual(['fail', 'fail', 'stale', 'unknown']);
  });

  it('loads the stored facts when the facts panel is opened', async () => {
    const api = await renderScorecardContent();
    await screen.findAllByTestId('scorecard-gate-row');
    expect(api.getEntityFacts).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: /facts/i }));
    const rows = await screen.findAllByTestId('scorecard-fact-row');
    expect(api.getEntityFacts).toHaveBeenCalledWith(ENTITY_REF);
    expect(rows.map(r => r.textContent)).toEqual([
      'ci.coverage.lines83.142026-11-19 08:00 UTCpush:ci',
      'repo.codeowners.presenttrue2026-11-20 10:15 UTCprovider:repo-files',
    ]);
  });
});

describe('EntityScorecardContent, part 4', () => {
  it('reports facts that fail to load', async () => {
    const api = mockScorecardsApi({
      getEntityFacts: jest.fn().mockRejectedValue(new Error('facts down')),
    });
    await renderScorecardContent(api);
    await screen.findAllByTestId('scorecard-gate-row');
    await userEvent.click(screen.getByRole('button', { name: /facts/i }));
    expect((await screen.findAllByText(/facts down/)).length).toBeGreaterThan(
      0,
    );
  });

  it('highlights waivers that expire within two weeks', async () => {
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000 - 60_000);
    const inMonths = new Date(Date.now() + 120 * 86_400_000);
    const base = makeScorecard();
    const api = mockScorecardsApi({
      getEntityScorecard: jest.fn().mockResolvedValue({
        ...base,
        gates: base.gates.map(g =>
          g.waiver
            ? {
                ...g,
                waiver: { ...g.waiver, expiresAt: inThreeDays.toISOString() },
              }
            : {
                ...g,
                status: 'waived',
                waiver: {
                  gateId: g.gateId,
                  reason: 'later',
                  approver: 'user:default/a',
                  expiresAt: inMonths.toISOString(),
                  source: 'file',
                },
              },
        ),
      }),
    });
    await renderScorecardContent(api);
    await screen.findAllByTestId('scorecard-gate-row');
    const soon = within(gateRow('branch-protection')).getByTestId(
      'gate-waiver-expiry',
    );
    expect(soon).toHaveAttribute('data-expiring-soon', 'true');
    expect(soon).toHaveTextContent('in 3 days');
    const later = within(gateRow('lint-clean')).getByTestId(
      'gate-waiver-expiry',
    );
    expect(later).toHaveAttribute('data-expiring-soon', 'false');
    expect(later).not.toHaveTextContent(/in \d+ days?/);
  });
});
