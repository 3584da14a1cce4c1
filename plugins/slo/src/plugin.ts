import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { SloClient, sloApiRef } from './api';
import { incidentsRouteRef, sloRouteRef } from './routes';

/**
 * The slo frontend plugin (legacy frontend system).
 *
 * @public
 */
export const sloPlugin = createPlugin({
  id: 'slo',
  apis: [
    createApiFactory({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SloClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entityContent: sloRouteRef,
    incidentsContent: incidentsRouteRef,
  },
});

/**
 * Overview card with the remaining error budget per SLO and the freeze state.
 *
 * @public
 */
export const EntitySloCard = sloPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/**
 * Entity tab with SLO details, burn-rate alerts and burn-down charts.
 *
 * @public
 */
export const EntitySloContent = sloPlugin.provide(
  createRoutableExtension({
    name: 'EntitySloContent',
    component: () =>
      import('./components/EntitySloContent').then(m => m.EntitySloContent),
    mountPoint: sloRouteRef,
  }),
);

/**
 * Overview card with open and recent incidents, MTTA and MTTR.
 *
 * @public
 */
export const EntityIncidentsCard = sloPlugin.provide(
  createComponentExtension({
    name: 'EntityIncidentsCard',
    component: {
      lazy: () =>
        import('./components/EntityIncidentsCard').then(
          m => m.EntityIncidentsCard,
        ),
    },
  }),
);

/**
 * Entity tab with all incidents, filters and postmortem links.
 *
 * @public
 */
export const EntityIncidentsContent = sloPlugin.provide(
  createRoutableExtension({
    name: 'EntityIncidentsContent',
    component: () =>
      import('./components/EntityIncidentsContent').then(
        m => m.EntityIncidentsContent,
      ),
    mountPoint: incidentsRouteRef,
  }),
);

/**
 * Delivery metrics of the entity: deployment frequency, lead time, change
 * failure rate, MTTR and rollback time with targets and weekly trends.
 *
 * @public
 */
export const EntityDeliveryMetricsCard = sloPlugin.provide(
  createComponentExtension({
    name: 'EntityDeliveryMetricsCard',
    component: {
      lazy: () =>
        import('./components/EntityDeliveryMetricsCard').then(
          m => m.EntityDeliveryMetricsCard,
        ),
    },
  }),
);

/**
 * Delivery metrics per team, system and domain (e.g. on a group page).
 *
 * @public
 */
export const DeliveryRollupCard = sloPlugin.provide(
  createComponentExtension({
    name: 'DeliveryRollupCard',
    component: {
      lazy: () =>
        import('./components/DeliveryRollupCard').then(
          m => m.DeliveryRollupCard,
        ),
    },
  }),
);

/**
 * Home page card: open incidents and frozen services among the services
 * with SLOs of the signed-in user's groups.
 *
 * @public
 */
export const MyServicesCard = sloPlugin.provide(
  createComponentExtension({
    name: 'MyServicesCard',
    component: {
      lazy: () =>
        import('./components/MyServicesCard').then(m => m.MyServicesCard),
    },
  }),
);
