import { createRouteRef } from '@backstage/core-plugin-api';

export const sloRouteRef = createRouteRef({ id: 'slo:entity-content' });

export const incidentsRouteRef = createRouteRef({
  id: 'slo:entity-incidents',
});
