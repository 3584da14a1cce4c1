import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { scorecardsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  mockScorecardsApi,
  rollups,
  summaries,
} from '../../testUtils/fixtures';
import { EntityScorecardRollupCard } from './EntityScorecardRollupCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const teamRows = [
  { ...summaries[1], owner: 'group:default/team-payments' },
  summaries[0],
  { ...summaries[2], owner: 'group:default/team-payments' },
];

async function renderCard(
  api = mockScorecardsApi({
    getOverview: jest
      .fn()
      .mockResolvedValue({ items: teamRows, totalItems: teamRows.length }),
  }),
  entity: Entity = group,
  props: { maxEntities?: number } = {},
  mountPage = true,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[scorecardsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityScorecardRollupCard {...props} />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(mountPage ? { '/scorecards': rootRouteRef } : {}),
      },
    },
  );
  return api;
}

describe('EntityScorecardRollupCard', () => {
  it("summarises a group's entities, worst first", async () => {
    const api = await renderCard();
    const rows = await screen.findAllByTestId('scorecard-rollup-entity');
    expect(api.getRollups).toHaveBeenCalledWith('group');
    expect(api.getOverview).toHaveBeenCalledWith({
      owner: 'group:default/team-payments',
      limit: 500,
    });
    expect(rows.map(r => r.getAttribute('data-entity-ref'))).toEqual([
      'component:default/payments-api',
      'component:default/ledger',
      'component:default/checkout-web',
    ]);
    expect(rows[0]).toHaveTextContent('Blocked');
    expect(rows[0]).toHaveTextContent('Payments API');
    expect(rows[1]).toHaveTextContent('ledger');
    expect(rows[1]).toHaveTextContent('n/a');
    expect(screen.getByTestId('scorecard-score')).toHaveTextContent('72');
    const card = screen.getByTestId('scorecard-rollup-card');
    expect(card).toHaveTextContent('4 scored entities');
    expect(card).toHaveTextContent('Ready: 1');
    expect(card).toHaveTextContent('At risk: 2');
    expect(card).toHaveTextContent('Blocked: 1');
    expect(screen.getByTestId('scorecard-rollup-weakest')).toHaveTextContent(
      'Weakest gate: No critical vulnerabilities (50%)',
    );
    expect(
      screen.getByRole('link', { name: /open in scorecards/i }),
    ).toHaveAttribute(
      'href',
      '/scorecards?owner=group%3Adefault%2Fteam-payments',
    );
  });

  it('limits the list and says how many there are', async () => {
    await renderCard(undefined, group, { maxEntities: 2 });
    expect(
      await screen.findAllByTestId('scorecard-rollup-entity'),
    ).toHaveLength(2);
    expect(
      screen.getByText('Showing 2 of 3, worst first.'),
    ).toBeInTheDocument();
  });

  it('filters by system on system pages and works without the page route', async () => {
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { owner: 'team-payments' },
    };
    const api = mockScorecardsApi({
      getRollups: jest.fn().mockResolvedValue({
        items: [
          { ...rollups[0], ref: 'system:default/payments', kind: 'system' },
        ],
      }),
    });
    await renderCard(api, system, {}, false);
    expect(
      await screen.findAllByTestId('scorecard-rollup-entity'),
    ).toHaveLength(3);
    expect(api.getRollups).toHaveBeenCalledWith('system');
    expect(api.getOverview).toHaveBeenCalledWith({
      system: 'system:default/payments',
      limit: 500,
    });
    expect(
      screen.queryByRole('link', { name: /open in scorecards/i }),
    ).not.toBeInTheDocument();
  });
});

describe('EntityScorecardRollupCard, part 2', () => {
  it('shows an empty state when nothing below the entity is scored', async () => {
    const api = mockScorecardsApi({
      getRollups: jest.fn().mockResolvedValue({ items: [] }),
      getOverview: jest.fn().mockResolvedValue({ items: [], totalItems: 0 }),
    });
    await renderCard(api);
    expect(await screen.findByText('No scored entities')).toBeInTheDocument();
    expect(
      screen.getByText('No entity owned by team-payments has a scorecard yet.'),
    ).toBeInTheDocument();
  });

  it('shows errors', async () => {
    const api = mockScorecardsApi({
      getRollups: jest.fn().mockRejectedValue(new Error('rollups down')),
    });
    await renderCard(api);
    expect((await screen.findAllByText(/rollups down/)).length).toBeGreaterThan(
      0,
    );
  });

  it('explains that other kinds have no roll-up', async () => {
    const api = await renderCard(undefined, {
      ...group,
      kind: 'Component',
    });
    expect(
      await screen.findByText('Roll-ups apply to groups, systems and domains'),
    ).toBeInTheDocument();
    expect(api.getRollups).not.toHaveBeenCalled();
  });
});
