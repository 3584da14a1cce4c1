import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the scorecards overview page. */
export const rootRouteRef = createRouteRef({
  id: 'scorecards',
});

/** Route of the campaigns page. @public */
export const campaignsRouteRef = createRouteRef({
  id: 'scorecards-campaigns',
});
