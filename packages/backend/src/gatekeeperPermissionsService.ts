import {
  AuthService,
  BackstageServicePrincipal,
  coreServices,
  createServiceFactory,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  AuthorizeResult,
  QueryPermissionRequest,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import { ServerPermissionClient } from '@backstage/plugin-permission-node';
import {
  isServicePrincipalAllowed,
  readServicePrincipalGrants,
  ServicePrincipalGrant,
} from './servicePrincipalPolicy';

/**
 * Wraps the framework's permissions client. The framework decides service
 * principals locally from their `accessRestrictions` and never consults the
 * permission policy; this adds Gatekeeper's service-principal rules on top
 * (see {@link isServicePrincipalAllowed}). User and anonymous requests are
 * passed through unchanged to the permission backend and its policy.
 */
export class GatekeeperPermissionsService implements PermissionsService {
  constructor(
    private readonly inner: PermissionsService,
    private readonly auth: AuthService,
    private readonly grants: ReadonlyArray<ServicePrincipalGrant>,
  ) {}

  async authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    const decisions = await this.inner.authorize(requests, options);
    return this.restrict(requests, decisions, options);
  }

  async authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    const decisions = await this.inner.authorizeConditional(requests, options);
    return this.restrict(requests, decisions, options);
  }

  private restrict<T extends { result: AuthorizeResult }>(
    requests: Array<{ permission: { name: string } }>,
    decisions: T[],
    options: PermissionsServiceRequestOptions,
  ): T[] {
    const { credentials } = options;
    if (!this.auth.isPrincipal(credentials, 'service')) {
      return decisions;
    }
    const { subject } = credentials.principal as BackstageServicePrincipal;
    return decisions.map((decision, i) =>
      decision.result !== AuthorizeResult.DENY &&
      !isServicePrincipalAllowed({
        subject,
        permission: requests[i].permission.name,
        grants: this.grants,
      })
        ? ({ result: AuthorizeResult.DENY } as T)
        : decision,
    );
  }
}

/** The `coreServices.permissions` factory with Gatekeeper's service-principal rules. */
export const gatekeeperPermissionsServiceFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {
    auth: coreServices.auth,
    config: coreServices.rootConfig,
    discovery: coreServices.discovery,
  },
  async factory({ auth, config, discovery }) {
    return new GatekeeperPermissionsService(
      ServerPermissionClient.fromConfig(config, { auth, discovery }),
      auth,
      readServicePrincipalGrants(config),
    );
  },
});
