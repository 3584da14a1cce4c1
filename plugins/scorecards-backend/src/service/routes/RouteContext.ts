import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { ScorecardsService } from '../ScorecardsService';

/** What every group of routes gets from {@link createRouter}. */
export interface RouteContext {
  service: ScorecardsService;
  auditor: AuditorService;
  /** The caller's credentials once allowed `permission`; 401/403 otherwise. */
  authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
  /** The entity of the path, 404 when the catalog hides it from the caller. */
  visibleEntityRef(
    req: Request,
    credentials: BackstageCredentials,
  ): Promise<string>;
}
