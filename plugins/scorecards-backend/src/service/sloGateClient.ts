import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { isError, ResponseError } from '@backstage/errors';
import { ReleaseChangeType } from '@gatekeeper/plugin-scorecards-common';
import { GateDecision } from '@gatekeeper/plugin-slo-common';
import { createSloGateClient } from '@gatekeeper/plugin-slo-node';

/** What the SLO backend's gate answered, or why it could not be asked. */
export type SloGateAnswer =
  | ({ reachable: true } & Pick<
      GateDecision,
      'decision' | 'reasons' | 'slos' | 'freeze'
    >)
  | { reachable: false; error: string };

/**
 * Asks the SLO backend's error-budget gate on behalf of a caller, through
 * slo-node's shared client (a user is forwarded; other principals are
 * answered with the plugin's own credentials). Never throws: a refusal, an
 * unexpected body, a timeout or an unreachable backend is an answer with
 * `reachable: false` (the release gate fails closed).
 */
export async function askSloGate(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  credentials: BackstageCredentials;
  entityRef: string;
  change: ReleaseChangeType;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): Promise<SloGateAnswer> {
  const client = createSloGateClient(options);
  try {
    const { decision, reasons, slos, freeze } = await client.getGateDecision(
      { entityRef: options.entityRef, change: options.change },
      { credentials: options.credentials },
    );
    return { reachable: true, decision, reasons, slos, freeze };
  } catch (error) {
    if (error instanceof ResponseError) {
      return {
        reachable: false,
        error: `the SLO gate answered HTTP ${error.response.status}`,
      };
    }
    const message = isError(error) ? error.message : String(error);
    return {
      reachable: false,
      error: message.includes('unexpected body')
        ? 'the SLO gate returned an unexpected body'
        : `the SLO gate is unreachable: ${message}`,
    };
  }
}
