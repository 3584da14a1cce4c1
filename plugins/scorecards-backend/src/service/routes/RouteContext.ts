import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { ScorecardsService } from '../ScorecardsService';

/** A request of the typed router, whatever the spec types its parts as. */
export type ApiRequest<Params extends object = object> = Request<
  Params,
  any,
  any,
  object
>;

/** What every group of routes gets from {@link createRouter}. */
export interface RouteContext {
  service: ScorecardsService;
  auditor: AuditorService;
  /** The caller's credentials once allowed `permission`; 401/403 otherwise. */
  authorize(
    req: ApiRequest,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
  /** The entity of the path, 404 when the catalog hides it from the caller. */
  visibleEntityRef(
    req: ApiRequest<{ kind: string; namespace: string; name: string }>,
    credentials: BackstageCredentials,
  ): Promise<string>;
}
