import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  GatePolicy,
  GatePolicyError,
  parseGatePolicy,
} from '@gatekeeper/plugin-scorecards-common';

/** The app-config key holding an adopter's gate policy. @public */
export const GATE_POLICY_CONFIG_KEY = 'scorecards.policy';

/**
 * Reads and validates `scorecards.policy` from app-config. Returns
 * `undefined` when the key is absent; throws an `InputError` naming every
 * invalid field as `scorecards.policy.<path> (gate "<id>")` otherwise.
 * @public
 */
export function readConfigGatePolicy(
  config: RootConfigService,
): GatePolicy | undefined {
  if (!config.has(GATE_POLICY_CONFIG_KEY)) {
    return undefined;
  }
  const raw = config.get(GATE_POLICY_CONFIG_KEY);
  try {
    return parseGatePolicy(raw);
  } catch (error) {
    if (error instanceof GatePolicyError) {
      const issues = error.issues.map(
        issue =>
          `${GATE_POLICY_CONFIG_KEY}${
            issue.path && !issue.path.startsWith('[') ? '.' : ''
          }${issue.path}: ${issue.message}`,
      );
      throw new InputError(
        `Invalid gate policy in app-config: ${issues.join('; ')}`,
      );
    }
    throw error;
  }
}
