import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  EntityScorecardCard,
  EntityScorecardContent,
  EntityScorecardRollupCard,
  ScorecardsClient,
  scorecardsApiRef,
  scorecardsPlugin,
  ScorecardsPage,
} from './index';
import { entity, mockScorecardsApi } from './testUtils/fixtures';
import { rootRouteRef } from './routes';

describe('scorecardsPlugin (legacy)', () => {
  it('has the scorecards id, root route and a ScorecardsClient factory', () => {
    expect(scorecardsPlugin.getId()).toBe('scorecards');
    expect(scorecardsPlugin.routes.root).toBe(rootRouteRef);
    const [factory] = Array.from(scorecardsPlugin.getApis());
    expect(factory.api).toBe(scorecardsApiRef);
    expect(
      factory.factory({
        discoveryApi: { getBaseUrl: async () => 'http://x' },
        fetchApi: { fetch: jest.fn() },
      }),
    ).toBeInstanceOf(ScorecardsClient);
  });

  it('lazy-loads the card and the tab', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [scorecardsApiRef, mockScorecardsApi()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityScorecardCard />
          <EntityScorecardContent />
        </EntityProvider>
        <EntityProvider entity={{ ...entity, kind: 'Group' }}>
          <EntityScorecardRollupCard />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    expect(await screen.findByTestId('scorecard-card')).toBeInTheDocument();
    expect(await screen.findByTestId('scorecard-content')).toBeInTheDocument();
    expect(
      await screen.findByTestId('scorecard-rollup-card'),
    ).toBeInTheDocument();
  });

  it('lazy-loads the routable page', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [scorecardsApiRef, mockScorecardsApi()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <Routes>
          <Route path="/*" element={<ScorecardsPage />} />
        </Routes>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    expect(await screen.findByTestId('scorecards-heatmap')).toBeInTheDocument();
  });
});
