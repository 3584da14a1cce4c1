import { renderInTestApp } from '@backstage/test-utils';
import { within } from '@testing-library/react';
import { makeScorecard } from '../../testUtils/fixtures';
import { gateRow } from '../../__testUtils__/renderScorecardContent';
import { formatRelative } from '../common';
import { GateTable } from './GateTable';

describe('GateTable freshness', () => {
  beforeEach(async () => {
    await renderInTestApp(<GateTable gates={makeScorecard().gates} />);
  });

  it('shows source, observed-at (relative, ISO in the title) and TTL of observed evidence', () => {
    const cell = within(gateRow('coverage-lines')).getByTestId(
      'gate-freshness',
    );
    expect(cell.dataset.evidence).toBe('observed');
    expect(cell).toHaveTextContent('✓ Observed');
    expect(cell).toHaveTextContent('(observed evidence required)');
    expect(cell).toHaveTextContent('source push:ci');
    expect(cell).toHaveTextContent('TTL P14D');
    const [observed, expires] = cell.querySelectorAll('time');
    expect(observed).toHaveAttribute('title', '2026-11-19T08:00:00.000Z');
    expect(observed).toHaveAttribute('dateTime', '2026-11-19T08:00:00.000Z');
    expect(observed).toHaveTextContent(
      formatRelative('2026-11-19T08:00:00.000Z'),
    );
    expect(expires).toHaveAttribute('title', '2026-12-03T08:00:00.000Z');
  });

  it('labels stale and configuration-only evidence in text, not colour alone', () => {
    const stale = within(gateRow('security-scans')).getByTestId(
      'gate-freshness',
    );
    expect(stale.dataset.evidence).toBe('stale');
    expect(stale).toHaveTextContent('⏱ Stale');
    expect(stale).toHaveTextContent('expired');
    const configured = within(gateRow('branch-protection')).getByTestId(
      'gate-freshness',
    );
    expect(configured.dataset.evidence).toBe('configured');
    expect(configured).toHaveTextContent('⚙ Configured only');
    expect(configured).toHaveTextContent('not observed');
    expect(configured).toHaveTextContent('no TTL');
    expect(
      within(gateRow('branch-protection')).getByText(
        'false is not truthy (configured, not yet observed)',
      ),
    ).toBeInTheDocument();
  });

  it('shows a dash for scorecards stored before freshness existed', () => {
    expect(
      within(gateRow('lint-clean')).queryByTestId('gate-freshness'),
    ).not.toBeInTheDocument();
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  it('describes past and future times', () => {
    expect(formatRelative('2026-12-04T11:59:30Z', now)).toBe('just now');
    expect(formatRelative('2026-12-04T11:59:00Z', now)).toBe('1 minute ago');
    expect(formatRelative('2026-12-04T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2026-12-06T12:00:00Z', now)).toBe('in 2 days');
    expect(formatRelative('not a date', now)).toBe('not a date');
    expect(formatRelative(undefined, now)).toBe('never');
  });
});
