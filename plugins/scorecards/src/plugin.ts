import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { scorecardsApiRef, ScorecardsClient } from './api';
import { campaignsRouteRef, rootRouteRef } from './routes';

/**
 * The scorecards frontend plugin (legacy frontend system).
 *
 * @public
 */
export const scorecardsPlugin = createPlugin({
  id: 'scorecards',
  apis: [
    createApiFactory({
      api: scorecardsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    campaigns: campaignsRouteRef,
  },
});

/**
 * Campaigns page: deadlines and progress; per campaign a chart over time,
 * the teams and what each remaining entity must fix.
 *
 * @public
 */
export const CampaignsPage = scorecardsPlugin.provide(
  createRoutableExtension({
    name: 'CampaignsPage',
    component: () =>
      import('./components/Campaigns').then(m => m.CampaignsPage),
    mountPoint: campaignsRouteRef,
  }),
);

/**
 * Entity card: the campaigns that concern the entity with their deadline and
 * its status; on a group page, the campaigns of the group's entities.
 *
 * @public
 */
export const EntityCampaignsCard = scorecardsPlugin.provide(
  createComponentExtension({
    name: 'EntityCampaignsCard',
    component: {
      lazy: () =>
        import('./components/Campaigns').then(m => m.EntityCampaignsCard),
    },
  }),
);

/**
 * Overview page: entities x gates heatmap, roll-ups, filters and CSV export.
 *
 * @public
 */
export const ScorecardsPage = scorecardsPlugin.provide(
  createRoutableExtension({
    name: 'ScorecardsPage',
    component: () =>
      import('./components/ScorecardsPage').then(m => m.ScorecardsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity overview card: verdict, score, level and the gates that need attention.
 *
 * @public
 */
export const EntityScorecardCard = scorecardsPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardCard',
    component: {
      lazy: () =>
        import('./components/EntityScorecardCard').then(
          m => m.EntityScorecardCard,
        ),
    },
  }),
);

/**
 * Entity tab: every gate with evidence, waivers, remediation and history.
 *
 * @public
 */
export const EntityScorecardContent = scorecardsPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardContent',
    component: {
      lazy: () =>
        import('./components/EntityScorecardContent').then(
          m => m.EntityScorecardContent,
        ),
    },
  }),
);

/**
 * Roll-up card for Group, System and Domain pages.
 *
 * @public
 */
export const EntityScorecardRollupCard = scorecardsPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardRollupCard',
    component: {
      lazy: () =>
        import('./components/EntityScorecardRollupCard').then(
          m => m.EntityScorecardRollupCard,
        ),
    },
  }),
);

/**
 * Home page card: what needs attention among the signed-in user's entities
 * (blocked or at risk, waivers expiring, campaigns due).
 *
 * @public
 */
export const MyGatekeeperCard = scorecardsPlugin.provide(
  createComponentExtension({
    name: 'MyGatekeeperCard',
    component: {
      lazy: () =>
        import('./components/MyGatekeeperCard').then(m => m.MyGatekeeperCard),
    },
  }),
);
