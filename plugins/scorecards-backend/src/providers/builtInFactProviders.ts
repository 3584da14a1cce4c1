import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import { createAnnotationsProvider } from './annotationsProvider';
import { createRepoFilesProvider } from './repoFilesProvider';
import { createSloBackendProvider } from './sloBackendProvider';
import { createWorkflowProvider } from './workflowProvider';

/**
 * The fact providers of the plugin itself, before those of modules; the SLO
 * backend's unless `sloBackend` is false (no SLO backend installed).
 */
export function builtInFactProviders(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  sloBackend?: boolean;
}): ScorecardFactProvider[] {
  return [
    createRepoFilesProvider(),
    createWorkflowProvider(),
    createAnnotationsProvider(),
    ...(options.sloBackend === false ? [] : [createSloBackendProvider(options)]),
  ];
}
