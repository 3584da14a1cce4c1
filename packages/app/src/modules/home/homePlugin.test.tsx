import { identityApiRef } from '@backstage/core-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import scorecardsPlugin from '@gatekeeper/plugin-scorecards/alpha';
import { scorecardsApiRef } from '@gatekeeper/plugin-scorecards';
import { screen } from '@testing-library/react';
import { homePlugin } from './homePlugin';

const summary = {
  owners: ['group:default/team-a', 'user:default/alice'],
  entities: [
    {
      entityRef: 'component:default/ledger',
      title: 'Ledger',
      verdict: 'blocked',
      evaluatedAt: '2026-12-01T11:00:00.000Z',
      failingGates: [],
    },
  ],
  expiringWaivers: [],
  waiverHorizonDays: 14,
  generatedAt: '2026-12-01T12:00:00.000Z',
};

jest.setTimeout(30_000);

describe('home page', () => {
  it('shows the installed home page widgets at /home, for the signed-in user', async () => {
    const scorecardsApi = {
      getMySummary: jest.fn(async () => summary),
      getDueCampaigns: jest.fn(async () => ({ items: [] })),
    };
    renderTestApp({
      features: [homePlugin, scorecardsPlugin],
      initialRouteEntries: ['/home'],
      apis: [
        [scorecardsApiRef, scorecardsApi as any],
        [catalogApiRef, catalogApiMock()],
        [
          identityApiRef,
          {
            getProfileInfo: async () => ({ displayName: 'Alice' }),
            getBackstageIdentity: async () => ({
              type: 'user',
              userEntityRef: 'user:default/alice',
              ownershipEntityRefs: ['user:default/alice'],
            }),
            getCredentials: async () => ({}),
            signOut: async () => {},
          } as any,
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    // the page and the widget are lazy-loaded
    const wait = { timeout: 15_000 };
    expect(
      await screen.findByText('Welcome, Alice', {}, wait),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('My scorecards', {}, wait),
    ).toBeInTheDocument();
    const item = await screen.findByTestId('my-entity-at-risk', {}, wait);
    expect(item).toHaveTextContent('Blocked');
    expect(screen.getByRole('link', { name: 'Ledger' })).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger/scorecard',
    );
  });
});
