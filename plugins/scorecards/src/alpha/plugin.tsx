import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import FlagIcon from '@material-ui/icons/Flag';
import { scorecardsApiRef, ScorecardsClient } from '../api';
import {
  isCampaignsCardAvailable,
  isScorecardAvailable,
  isScorecardRollupAvailable,
} from '../isScorecardAvailable';
import { campaignsRouteRef, rootRouteRef } from '../routes';

/** @alpha */
export const scorecardsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scorecardsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardsClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const scorecardsPage = PageBlueprint.make({
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    icon: <AssessmentIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/ScorecardsPage').then(m => <m.ScorecardsPage />),
  },
});

/** Campaigns: deadlines, progress over time, teams and remaining entities. @alpha */
export const scorecardsCampaignsPage = PageBlueprint.make({
  name: 'campaigns',
  params: {
    path: '/campaigns',
    title: 'Campaigns',
    icon: <FlagIcon fontSize="inherit" />,
    routeRef: campaignsRouteRef,
    loader: () =>
      import('../components/Campaigns').then(m => <m.CampaignsPage />),
  },
});

/** Entity card: the campaigns that concern the entity (or a group's entities). @alpha */
export const scorecardsEntityCampaignsCard = EntityCardBlueprint.make({
  name: 'campaigns',
  params: {
    filter: isCampaignsCardAvailable,
    loader: () =>
      import('../components/Campaigns').then(m => <m.EntityCampaignsCard />),
  },
});

/** @alpha */
export const scorecardsEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: isScorecardAvailable,
    loader: () =>
      import('../components/EntityScorecardCard').then(m => (
        <m.EntityScorecardCard />
      )),
  },
});

/** @alpha */
export const scorecardsEntityRollupCard = EntityCardBlueprint.make({
  name: 'rollup',
  params: {
    filter: isScorecardRollupAvailable,
    loader: () =>
      import('../components/EntityScorecardRollupCard').then(m => (
        <m.EntityScorecardRollupCard />
      )),
  },
});

/** @alpha */
export const scorecardsEntityContent = EntityContentBlueprint.make({
  name: 'scorecard',
  params: {
    path: 'scorecard',
    title: 'Scorecard',
    filter: isScorecardAvailable,
    loader: () =>
      import('../components/EntityScorecardContent').then(m => (
        <m.EntityScorecardContent />
      )),
  },
});

/**
 * Home page widget: what needs attention among the signed-in user's
 * entities (blocked or at risk, waivers expiring, campaigns due).
 *
 * @alpha
 */
export const scorecardsHomeWidget = HomePageWidgetBlueprint.make({
  name: 'my-scorecards',
  params: {
    title: 'My scorecards',
    description:
      'Blocked and at-risk entities of your groups, expiring waivers and campaigns due',
    components: () =>
      import('../components/MyGatekeeperCard').then(m => ({
        Content: () => <m.MyGatekeeperSummary />,
      })),
  },
});

/**
 * The scorecards plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'scorecards',
  title: 'Scorecards',
  icon: <AssessmentIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    campaigns: campaignsRouteRef,
  },
  extensions: [
    scorecardsApi,
    scorecardsPage,
    scorecardsCampaignsPage,
    scorecardsEntityCampaignsCard,
    scorecardsEntityCard,
    scorecardsEntityRollupCard,
    scorecardsEntityContent,
    scorecardsHomeWidget,
  ],
});
