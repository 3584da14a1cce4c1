import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { SloClient, sloApiRef } from '../api';
import { isSloAvailable } from '../isSloAvailable';
import { incidentsRouteRef, sloRouteRef } from '../routes';

/** @alpha */
export const sloApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SloClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const sloEntityCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    filter: isSloAvailable,
    loader: () =>
      import('../components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/** @alpha */
export const incidentsEntityCard = EntityCardBlueprint.make({
  name: 'incidents',
  params: {
    filter: isSloAvailable,
    loader: () =>
      import('../components/EntityIncidentsCard').then(m => (
        <m.EntityIncidentsCard />
      )),
  },
});

/** @alpha */
export const deliveryMetricsEntityCard = EntityCardBlueprint.make({
  name: 'delivery-metrics',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('../components/EntityDeliveryMetricsCard').then(m => (
        <m.EntityDeliveryMetricsCard />
      )),
  },
});

/** @alpha */
export const deliveryRollupEntityCard = EntityCardBlueprint.make({
  name: 'delivery-rollup',
  params: {
    filter: 'kind:group',
    loader: () =>
      import('../components/DeliveryRollupCard').then(m => (
        <m.DeliveryRollupCard />
      )),
  },
});

/** @alpha */
export const sloEntityContent = EntityContentBlueprint.make({
  name: 'slo',
  params: {
    path: 'slo',
    title: 'SLOs',
    group: 'observability',
    routeRef: convertLegacyRouteRef(sloRouteRef),
    filter: isSloAvailable,
    loader: () =>
      import('../components/EntitySloContent').then(m => (
        <m.EntitySloContent />
      )),
  },
});

/** @alpha */
export const incidentsEntityContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: 'incidents',
    title: 'Incidents',
    group: 'operation',
    routeRef: convertLegacyRouteRef(incidentsRouteRef),
    filter: isSloAvailable,
    loader: () =>
      import('../components/EntityIncidentsContent').then(m => (
        <m.EntityIncidentsContent />
      )),
  },
});

/**
 * Home page widget: open incidents and frozen services among the services
 * with SLOs of the signed-in user's groups.
 *
 * @alpha
 */
export const sloHomeWidget = HomePageWidgetBlueprint.make({
  name: 'my-services',
  params: {
    title: 'My services',
    description: 'Open incidents and frozen services of your groups',
    components: () =>
      import('../components/MyServicesCard').then(m => ({
        Content: () => <m.MyServicesSummary />,
      })),
  },
});

/**
 * The slo plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'slo',
  title: 'SLOs and incidents',
  info: { packageJson: () => import('../../package.json') },
  routes: {
    entityContent: convertLegacyRouteRef(sloRouteRef),
    incidentsContent: convertLegacyRouteRef(incidentsRouteRef),
  },
  extensions: [
    sloApi,
    sloEntityCard,
    incidentsEntityCard,
    deliveryMetricsEntityCard,
    deliveryRollupEntityCard,
    sloEntityContent,
    incidentsEntityContent,
    sloHomeWidget,
  ],
});
