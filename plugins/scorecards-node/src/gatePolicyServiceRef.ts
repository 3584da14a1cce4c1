import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  GatePolicy,
  parseGatePolicy,
} from '@gatekeeper/plugin-scorecards-common';

/**
 * Gives backend plugins and modules the validated gate policy
 * (`backstage.config.ts`).
 * @public
 */
export interface GatePolicyService {
  getPolicy(): GatePolicy;
}

/** @public */
export const gatePolicyServiceRef = createServiceRef<GatePolicyService>({
  id: 'gatekeeper.gate-policy',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory() {
        throw new Error(
          'No gate policy registered: add gatePolicyServiceFactory(policy) with the policy from backstage.config.ts to the backend',
        );
      },
    }),
});

/**
 * Registers the gate policy (validated again, so a policy built without
 * `defineGatePolicy` still fails start-up with an error naming the field).
 * @public
 */
export function gatePolicyServiceFactory(policy: unknown) {
  const validated = parseGatePolicy(policy);
  return createServiceFactory({
    service: gatePolicyServiceRef,
    deps: {},
    factory: () => ({ getPolicy: () => validated }),
  });
}
