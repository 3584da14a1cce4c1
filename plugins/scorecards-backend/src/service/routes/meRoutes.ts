import {
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { authorize } from '@gatekeeper/gatekeeper-node';
import { scorecardsReadPermission } from '@gatekeeper/plugin-scorecards-common';
import { ScorecardsApiRouter } from '../../schema/openApiRouter';
import { ScorecardsService } from '../ScorecardsService';

/**
 * Adds `GET /me/summary`: what needs attention among the stored scorecards of
 * the entities the signed-in user's groups own and the user may see. Users
 * only: no credentials is a 401, a service principal a 403.
 */
export function meRoutes(
  router: ScorecardsApiRouter,
  context: {
    service: ScorecardsService;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    userInfo: UserInfoService;
  },
): void {
  const { service, httpAuth, permissions, userInfo } = context;

  router.get('/me/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize({
      permissions,
      credentials,
      permission: scorecardsReadPermission,
    });
    const [{ ownershipEntityRefs }, visible] = await Promise.all([
      userInfo.getUserInfo(credentials),
      service.visibility.visibleRefs(credentials),
    ]);
    res.json(await service.getMySummary(ownershipEntityRefs, visible));
  });
}
