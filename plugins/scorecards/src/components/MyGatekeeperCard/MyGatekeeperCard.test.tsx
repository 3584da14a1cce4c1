import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  MyScorecardsSummary,
  SCORECARDS_SIGNAL_CHANNEL,
} from '@gatekeeper/plugin-scorecards-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { scorecardsApiRef } from '../../api';
import { emptyMySummary, mockScorecardsApi } from '../../testUtils/fixtures';
import { MyGatekeeperCard } from './MyGatekeeperCard';
import { expiryText } from './ExpiringWaiversList';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

const summary: MyScorecardsSummary = {
  ...emptyMySummary,
  entities: [
    {
      entityRef: 'component:default/ledger',
      title: 'Ledger',
      owner: 'group:default/team-a',
      verdict: 'blocked',
      score: 40,
      evaluatedAt: '2026-12-01T11:00:00.000Z',
      failingGates: [
        {
          gateId: 'coverage',
          title: 'Line coverage',
          severity: 'critical',
          status: 'fail',
          remediation: 'https://example.com/coverage',
          evidence: [{ fact: 'ci.coverage.lines', message: '12 >= 80' }],
        },
      ],
    },
    {
      entityRef: 'component:default/web',
      owner: 'group:default/team-a',
      verdict: 'at-risk',
      evaluatedAt: '2026-12-01T11:00:00.000Z',
      failingGates: [
        {
          gateId: 'owners',
          title: 'Code owners',
          severity: 'high',
          status: 'stale',
          remediation: 'https://example.com/owners',
          evidence: [],
        },
      ],
    },
  ],
  expiringWaivers: [
    {
      entityRef: 'component:default/web',
      gateId: 'health',
      gateTitle: 'Health check',
      reason: 'moving to k8s',
      approver: 'carol',
      expiresAt: new Date(NOW + 3 * DAY).toISOString(),
      source: 'annotation',
    },
  ],
};

const campaign = {
  id: 'c1',
  title: 'Adopt CODEOWNERS',
  owner: 'group:default/team-a',
  deadline: '2026-12-10T00:00:00.000Z',
  progress: { total: 4, done: 1, remaining: 3, overdue: 2 },
};

function fakeSignals() {
  const subscribers = new Map<string, (message: object) => void>();
  return {
    api: {
      subscribe: <T,>(channel: string, onMessage: (message: T) => void) => {
        subscribers.set(channel, message => onMessage(message as T));
        return { unsubscribe: () => subscribers.delete(channel) };
      },
    },
    send: (channel: string, message: object) =>
      act(() => subscribers.get(channel)?.(message)),
  };
}

async function renderCard(api = mockScorecardsApi(), signals = fakeSignals()) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [scorecardsApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <MyGatekeeperCard now={() => NOW} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { api, signals };
}

describe('MyGatekeeperCard', () => {
  it("lists the groups' blocked and at-risk entities with failing gates, linked to their scorecards", async () => {
    await renderCard(
      mockScorecardsApi({ getMySummary: jest.fn().mockResolvedValue(summary) }),
    );
    const items = await screen.findAllByTestId('my-entity-at-risk');
    expect(items.map(i => i.getAttribute('data-verdict'))).toEqual([
      'blocked',
      'at-risk',
    ]);
    // status by text and glyph, not colour alone
    expect(items[0]).toHaveTextContent('✗ Blocked');
    expect(items[0]).toHaveTextContent('✗ Fail Line coverage · 12 >= 80');
    expect(items[1]).toHaveTextContent('! At risk');
    expect(items[1]).toHaveTextContent('! Stale Code owners');
    expect(
      within(items[0]).getByRole('link', { name: 'Ledger' }),
    ).toHaveAttribute('href', '/catalog/default/component/ledger/scorecard');
    expect(
      within(items[0]).getByRole('link', { name: /How to fix/ }),
    ).toHaveAttribute('href', 'https://example.com/coverage');
    expect(
      within(items[1]).getByRole('link', { name: 'component:default/web' }),
    ).toBeInTheDocument();

    const waiver = screen.getByTestId('my-expiring-waiver');
    expect(waiver).toHaveTextContent(
      'Health check waived on component:default/web — expires in 3 days',
    );
    expect(waiver).toHaveTextContent('approved by carol (annotation)');
  });

  it('shows an empty state per section', async () => {
    await renderCard();
    expect(await screen.findByTestId('my-at-risk-empty')).toHaveTextContent(
      'Nothing of your groups is blocked or at risk.',
    );
    expect(screen.getByTestId('my-waivers-empty')).toBeInTheDocument();
    expect(await screen.findByTestId('my-campaigns-empty')).toBeInTheDocument();
  });

  it("lists the campaigns due of each of the user's groups", async () => {
    const getDueCampaigns = jest.fn().mockResolvedValue({ items: [campaign] });
    await renderCard(mockScorecardsApi({ getDueCampaigns }));
    const item = await screen.findByTestId('my-due-campaign');
    expect(item).toHaveTextContent(
      'Adopt CODEOWNERS — due 2026-12-10 00:00 UTC',
    );
    expect(item).toHaveTextContent('1 of 4 done, 3 remaining, 2 overdue');
    // groups only (not the user ref), due within 30 days
    expect(getDueCampaigns).toHaveBeenCalledTimes(1);
    expect(getDueCampaigns).toHaveBeenCalledWith({
      owner: 'group:default/team-a',
      due: new Date(NOW + 30 * DAY).toISOString(),
    });
  });

  it('shows an error of the summary instead of the sections', async () => {
    await renderCard(
      mockScorecardsApi({
        getMySummary: jest.fn().mockRejectedValue(new Error('backend down')),
      }),
    );
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });

  it('reloads when the backend signals a scorecard change', async () => {
    const getMySummary = jest
      .fn()
      .mockResolvedValueOnce(emptyMySummary)
      .mockResolvedValue(summary);
    const { signals } = await renderCard(mockScorecardsApi({ getMySummary }));
    await screen.findByTestId('my-at-risk-empty');
    signals.send(SCORECARDS_SIGNAL_CHANNEL, {});
    signals.send(SCORECARDS_SIGNAL_CHANNEL, {});
    await waitFor(
      () => expect(screen.getAllByTestId('my-entity-at-risk')).toHaveLength(2),
      { timeout: 8000 },
    );
    // a burst of signals is one reload
    expect(getMySummary).toHaveBeenCalledTimes(2);
  });
});

describe('expiryText', () => {
  it('says how soon a waiver expires', () => {
    expect(expiryText(new Date(NOW - 1).toISOString(), NOW)).toBe('expired');
    expect(expiryText(new Date(NOW + DAY / 2).toISOString(), NOW)).toBe(
      'expires in 1 day',
    );
    expect(expiryText(new Date(NOW + 5 * DAY).toISOString(), NOW)).toBe(
      'expires in 5 days',
    );
  });
});
