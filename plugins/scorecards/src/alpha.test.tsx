import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import plugin, {
  scorecardsApi,
  scorecardsEntityCard,
  scorecardsEntityContent,
  scorecardsEntityRollupCard,
  scorecardsPage,
} from './alpha';
import { scorecardsApiRef, ScorecardsClient } from './api';
import { entity, mockScorecardsApi } from './testUtils/fixtures';
import { rootRouteRef } from './routes';

describe('scorecards alpha plugin', () => {
  it('is the scorecards plugin with its api, page, card and tab', () => {
    expect(plugin.pluginId).toBe('scorecards');
    expect(plugin.routes.root).toBe(rootRouteRef);
    const ids = {
      'api:scorecards': ['api', undefined],
      'page:scorecards': ['page', undefined],
      'entity-card:scorecards/scorecard': ['entity-card', 'scorecard'],
      'entity-card:scorecards/rollup': ['entity-card', 'rollup'],
      'entity-content:scorecards/scorecard': ['entity-content', 'scorecard'],
    } as const;
    for (const [id, [kind, name]] of Object.entries(ids)) {
      const extension = plugin.getExtension(id as keyof typeof ids);
      expect(extension).toMatchObject({ kind, name, namespace: 'scorecards' });
    }
    // the nav item comes from the page (title and icon), not a nav-item extension
    expect(() =>
      // @ts-expect-error: not an extension id of the plugin
      plugin.getExtension('nav-item:scorecards'),
    ).toThrow();
  });

  it('registers a ScorecardsClient factory on the discovery and fetch apis', async () => {
    const factory = createExtensionTester(scorecardsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(scorecardsApiRef.id);
    const fetch = jest.fn().mockResolvedValue({
      ok: true,
      json: async () => ({ levels: [], gates: [] }),
    });
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://x/api/scorecards' },
      fetchApi: { fetch },
    });
    expect(client).toBeInstanceOf(ScorecardsClient);
    await (client as ScorecardsClient).getGates();
    expect(fetch).toHaveBeenCalledWith(
      'http://x/api/scorecards/gates',
      undefined,
    );
  });

  it('mounts the page at /scorecards and renders the heatmap', async () => {
    const tester = createExtensionTester(scorecardsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/scorecards');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
    renderInTestApp(tester.reactElement(), {
      apis: [
        [scorecardsApiRef, mockScorecardsApi()],
        [permissionApiRef, mockApis.permission()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByTestId('scorecards-heatmap')).toBeInTheDocument();
  });

  it('provides the entity tab at scorecard, titled Scorecard', async () => {
    const tester = createExtensionTester(scorecardsEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('scorecard');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Scorecard');
    renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [
          [scorecardsApiRef, mockScorecardsApi()],
          [permissionApiRef, mockApis.permission()],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findAllByTestId('scorecard-gate-row')).toHaveLength(6);
  });
});

describe('scorecards alpha plugin, part 2', () => {
  it('provides the entity card, shown for scored kinds only', async () => {
    const tester = createExtensionTester(scorecardsEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(entity)).toBe(true);
    expect(filter?.({ ...entity, kind: 'User' })).toBe(false);
    renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [
          [scorecardsApiRef, mockScorecardsApi()],
          [permissionApiRef, mockApis.permission()],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByTestId('scorecard-verdict')).toHaveTextContent(
      'Blocked',
    );
  });

  it('provides the roll-up card for groups, systems and domains', () => {
    const filter = createExtensionTester(scorecardsEntityRollupCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.({ ...entity, kind: 'Group' })).toBe(true);
    expect(filter?.(entity)).toBe(false);
  });
});
