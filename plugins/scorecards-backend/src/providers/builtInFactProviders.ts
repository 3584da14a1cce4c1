import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import { createAnnotationsProvider } from './annotationsProvider';
import { createRepoFilesProvider } from './repoFilesProvider';
import { createSloBackendProvider } from './sloBackendProvider';
import { createWorkflowProvider } from './workflowProvider';

/**
 * The fact providers of the plugin itself, before those of modules; the SLO
 * backend's unless `scorecards.sloBackend.enabled` is false (no SLO backend
 * installed).
 */
export function builtInFactProviders(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  config?: Config;
}): ScorecardFactProvider[] {
  const slo =
    options.config?.getOptionalBoolean('scorecards.sloBackend.enabled') ?? true;
  return [
    createRepoFilesProvider(),
    createWorkflowProvider(),
    createAnnotationsProvider(),
    ...(slo ? [createSloBackendProvider(options)] : []),
  ];
}
