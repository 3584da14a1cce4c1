import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  BasicPermission,
  isResourcePermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Asks the permission framework whether the caller (`credentials`, passed
 * down from the request) may use `permission`, on `resourceRef` for a
 * resource permission. Anything but ALLOW is a `NotAllowedError`.
 *
 * @public
 */
export async function authorize(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  permission: BasicPermission | ResourcePermission;
  resourceRef?: string;
}): Promise<void> {
  const { permission, resourceRef } = options;
  let request: AuthorizePermissionRequest;
  if (isResourcePermission(permission)) {
    if (resourceRef === undefined) {
      // A programming error, not the caller's: the route forgot the resource.
      throw new Error(
        `${permission.name} is a resource permission; authorize needs its resourceRef`,
      );
    }
    request = { permission, resourceRef };
  } else {
    request = { permission };
  }
  const [decision] = await options.permissions.authorize([request], {
    credentials: options.credentials,
  });
  if (decision?.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}
