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
