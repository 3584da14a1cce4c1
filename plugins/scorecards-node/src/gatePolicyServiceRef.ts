import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  defaultGatePolicy,
  GatePolicy,
  GatePolicyError,
  parseGatePolicy,
} from '@gatekeeper/plugin-scorecards-common';
import { readConfigGatePolicy } from './readConfigGatePolicy';

/**
 * Gives backend plugins and modules the validated gate policy.
 * @public
 */
export interface GatePolicyService {
  getPolicy(): GatePolicy;
}

/**
 * The gate policy shared by the scorecards backend and the scaffolder
 * module. Without an explicit `gatePolicyServiceFactory(policy)` it reads
 * `scorecards.policy` from app-config (validated at start-up) and falls back
 * to the built-in `defaultGatePolicy`.
 * @public
 */
export const gatePolicyServiceRef = createServiceRef<GatePolicyService>({
  id: 'gatekeeper.gate-policy',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig, logger: coreServices.logger },
      factory({ config, logger }) {
        const fromConfig = readConfigGatePolicy(config);
        if (fromConfig) {
          logger.info(
            `Using the gate policy from app-config scorecards.policy (${fromConfig.gates.length} gates)`,
          );
          return { getPolicy: () => fromConfig };
        }
        logger.info(
          `No gate policy configured: using the built-in default policy (${defaultGatePolicy.gates.length} gates)`,
        );
        return { getPolicy: () => defaultGatePolicy };
      },
    }),
});

/**
 * Registers a gate policy as code, replacing the app-config / default
 * policy. Validated again, so a policy built without `defineGatePolicy`
 * still fails start-up with an error naming the field.
 * @public
 */
export function gatePolicyServiceFactory(policy: unknown) {
  let validated: GatePolicy;
  try {
    validated = parseGatePolicy(policy);
  } catch (error) {
    if (error instanceof GatePolicyError) {
      throw new InputError(error.message, error);
    }
    throw error;
  }
  return createServiceFactory({
    service: gatePolicyServiceRef,
    deps: {},
    factory: () => ({ getPolicy: () => validated }),
  });
}
