import {
  coreServices,
  createBackendFeatureLoader,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { registerScorecardsActions } from './scorecardsActions';
import { registerSloActions } from './sloActions';

/** Registers `scorecards:get-scorecard`, `scorecards:list-release-blockers`, `scorecards:request-waiver` and `scorecards:list-campaigns-due`. */
export const scorecardsActionsModule = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'actions',
  register(env) {
    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init(deps) {
        registerScorecardsActions(deps);
      },
    });
  },
});

/** Registers `slo:get-slo-status` and `slo:declare-incident`. */
export const sloActionsModule = createBackendModule({
  pluginId: 'slo',
  moduleId: 'actions',
  register(env) {
    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init(deps) {
        registerSloActions(deps);
      },
    });
  },
});

/** Both action modules, for a single `backend.add(import(...))`. */
export const gatekeeperActionsFeatures = createBackendFeatureLoader({
  *loader() {
    yield scorecardsActionsModule;
    yield sloActionsModule;
  },
});
