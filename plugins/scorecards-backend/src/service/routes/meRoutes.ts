import { UserInfoService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { scorecardsReadPermission } from '@gatekeeper/plugin-scorecards-common';
import { Router } from 'express';
import { RouteContext } from './RouteContext';

/**
 * Adds `GET /me/summary`: what needs attention among the stored scorecards of
 * the entities the signed-in user's groups own and the user may see.
 */
export function meRoutes(
  router: Router,
  context: RouteContext & { userInfo: UserInfoService },
): void {
  const { service, authorize, userInfo } = context;

  router.get('/me/summary', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    if (credentials.principal.type !== 'user') {
      throw new NotAllowedError('Only a signed-in user has a summary');
    }
    const [{ ownershipEntityRefs }, visible] = await Promise.all([
      userInfo.getUserInfo(credentials),
      service.visibility.visibleRefs(credentials),
    ]);
    res.json(await service.getMySummary(ownershipEntityRefs, visible));
  });
}
