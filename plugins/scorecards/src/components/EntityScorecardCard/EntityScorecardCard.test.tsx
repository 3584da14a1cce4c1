import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { scorecardsApiRef } from '../../api';
import {
  entity,
  ENTITY_REF,
  makeScorecard,
  mockScorecardsApi,
  notFoundError,
} from '../../testUtils/fixtures';
import { EntityScorecardCard } from './EntityScorecardCard';

async function renderCard(
  api = mockScorecardsApi(),
  props: Parameters<typeof EntityScorecardCard>[0] = {},
) {
  await renderInTestApp(
    <TestApiProvider apis={[[scorecardsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityScorecardCard {...props} />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return api;
}

describe('EntityScorecardCard', () => {
  it('shows a blocked verdict with the failing critical gate first', async () => {
    const api = await renderCard();
    expect(api.getEntityScorecard).toHaveBeenCalledWith(ENTITY_REF);

    const verdict = await screen.findByTestId('scorecard-verdict');
    expect(verdict).toHaveTextContent('Blocked');
    expect(verdict).toHaveAttribute('data-verdict', 'blocked');
    expect(screen.getByTestId('scorecard-score')).toHaveTextContent('62');
    expect(screen.getByTestId('scorecard-score')).toHaveAttribute(
      'data-score',
      '61.5',
    );
    expect(screen.getByTestId('scorecard-level')).toHaveTextContent('No level');
    expect(screen.getByTestId('scorecard-verdict-reason')).toHaveTextContent(
      'Blocked by 1 failing critical gate',
    );

    const items = screen.getAllByTestId('scorecard-attention-gate');
    expect(items.map(i => i.getAttribute('data-gate-id'))).toEqual([
      'no-critical-vulnerabilities',
      'lint-clean',
      'security-scans',
    ]);
    expect(items[0]).toHaveTextContent('No critical vulnerabilities');
    expect(items[0]).toHaveTextContent('2 <= 0 is false');
    expect(within(items[0]).getByText('How to fix')).toHaveAttribute(
      'href',
      'https://docs.example.com/gates/vulns',
    );
  });

  it('shows counts per status and links to the scorecard tab', async () => {
    await renderCard();
    const counts = await screen.findByTestId('scorecard-counts');
    expect(counts).toHaveTextContent('Fail: 2');
    expect(counts).toHaveTextContent('Stale: 1');
    expect(counts).toHaveTextContent('Waived: 1');
    expect(counts).toHaveTextContent('Pass: 1');
    expect(counts).toHaveTextContent('Unknown: 1');
    expect(
      screen.getByRole('link', { name: /view all gates/i }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/scorecard',
    );
  });

  it('limits the gate list and links to the rest', async () => {
    await renderCard(mockScorecardsApi(), { maxGates: 1 });
    expect(
      await screen.findAllByTestId('scorecard-attention-gate'),
    ).toHaveLength(1);
    expect(screen.getByText(/2 more gates need attention/)).toBeInTheDocument();
  });
});

describe('EntityScorecardCard, part 2', () => {
  it('shows a ready scorecard with its level and no attention list', async () => {
    const api = mockScorecardsApi({
      getEntityScorecard: jest.fn().mockResolvedValue(
        makeScorecard({
          verdict: 'ready',
          score: 100,
          level: 'gold',
          counts: { pass: 1, fail: 0, stale: 0, waived: 0, unknown: 0 },
          gates: makeScorecard().gates.filter(g => g.status === 'pass'),
        }),
      ),
    });
    await renderCard(api);
    expect(await screen.findByTestId('scorecard-verdict')).toHaveTextContent(
      'Ready',
    );
    expect(screen.getByTestId('scorecard-level')).toHaveTextContent('Gold');
    expect(screen.getByTestId('scorecard-all-clear')).toBeInTheDocument();
    expect(
      screen.queryByTestId('scorecard-verdict-reason'),
    ).not.toBeInTheDocument();
    expect(screen.queryByTestId('scorecard-attention')).not.toBeInTheDocument();
  });

  it('shows n/a when every gate is unknown', async () => {
    const api = mockScorecardsApi({
      getEntityScorecard: jest
        .fn()
        .mockResolvedValue(
          makeScorecard({ score: undefined, verdict: 'at-risk' }),
        ),
    });
    await renderCard(api);
    expect(await screen.findByTestId('scorecard-score')).toHaveTextContent(
      'n/a',
    );
    expect(screen.getByTestId('scorecard-verdict')).toHaveTextContent(
      'At risk',
    );
  });

  it('shows an empty state when the backend does not know the entity', async () => {
    const api = mockScorecardsApi({
      getEntityScorecard: jest.fn().mockRejectedValue(notFoundError()),
    });
    await renderCard(api);
    expect(await screen.findByText('No scorecard yet')).toBeInTheDocument();
    expect(screen.queryByTestId('scorecard-verdict')).not.toBeInTheDocument();
  });

  it('shows other errors', async () => {
    const api = mockScorecardsApi({
      getEntityScorecard: jest
        .fn()
        .mockRejectedValue(new Error('scorecards backend exploded')),
    });
    await renderCard(api);
    expect(
      (await screen.findAllByText(/scorecards backend exploded/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('scorecard-verdict')).not.toBeInTheDocument();
  });
});

describe('EntityScorecardCard signals', () => {
  it('reloads the scorecard when its channel signals a change, keeping the old one shown meanwhile', async () => {
    const subscribers = new Map<string, (message: object) => void>();
    const signalApi = {
      subscribe: <T,>(channel: string, onMessage: (message: T) => void) => {
        subscribers.set(channel, message => onMessage(message as T));
        return { unsubscribe: () => subscribers.delete(channel) };
      },
    };
    const api = mockScorecardsApi({
      getEntityScorecard: jest
        .fn()
        .mockResolvedValueOnce(makeScorecard())
        .mockResolvedValue(makeScorecard({ verdict: 'ready' })),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [scorecardsApiRef, api],
          [signalApiRef, signalApi],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityScorecardCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByTestId('scorecard-verdict')).toHaveTextContent(
      'Blocked',
    );
    const channel = `gatekeeper:scorecards:${ENTITY_REF}`;
    expect(subscribers.has(channel)).toBe(true);
    act(() => subscribers.get(channel)!({ entityRef: ENTITY_REF }));
    await waitFor(() =>
      expect(screen.getByTestId('scorecard-verdict')).toHaveTextContent(
        'Ready',
      ),
    );
    expect(api.getEntityScorecard).toHaveBeenCalledTimes(2);
  });
});
