import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import express from 'express';

/** The permission checks of the SLO router. */
export function createAuthorizers(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}) {
  const { httpAuth, permissions } = options;

  /** Authenticates the caller (user or service) and checks a basic permission. */
  const authorize = async (
    req: express.Request,
    permission: BasicPermission,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`missing permission ${permission.name}`);
    }
    return credentials;
  };

  /**
   * Authorizes a resource permission on the catalog entity `resourceRef`; the
   * permission backend applies a conditional decision (e.g. the catalog's
   * `isEntityOwner`) to that entity.
   */
  const authorizeOn = async (
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resourceRef: string,
  ) => {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `missing permission ${permission.name} on ${resourceRef}`,
      );
    }
  };

  return { authorize, authorizeOn };
}
