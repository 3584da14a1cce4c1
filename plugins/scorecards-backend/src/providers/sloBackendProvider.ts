import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { isError, ResponseError } from '@backstage/errors';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import { createSloGateClient } from '@gatekeeper/plugin-slo-node';

/**
 * Facts from the SLO backend's release gate (`GET <slo>/gate/<entityRef>`,
 * through slo-node's shared client): `slo.error-budget.respected` (decision
 * allow) and `slo.defined` (at least one SLO). A 404, an unreachable SLO
 * backend or an unexpected response leaves both facts unknown.
 */
export function createSloBackendProvider(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  fetch?: typeof fetch;
  pluginId?: string;
}): ScorecardFactProvider {
  const client = createSloGateClient(options);
  return {
    id: 'slo-backend',
    evidence: 'observed',
    facts: ['slo.error-budget.respected', 'slo.defined', 'slo.gate.reasons'],
    async provide({ entity }) {
      const entityRef = stringifyEntityRef(entity);
      try {
        const gate = await client.getGateDecision(
          { entityRef },
          { credentials: await options.auth.getOwnServiceCredentials() },
        );
        // No SLO in the SLO backend: leave slo.defined to the repository files.
        if (gate.slos === 0) return {};
        return {
          'slo.defined': true,
          'slo.error-budget.respected': gate.decision === 'allow',
          'slo.gate.reasons': gate.reasons,
        };
      } catch (error) {
        if (error instanceof ResponseError) {
          if (error.response.status !== 404) {
            options.logger.warn(
              `SLO gate for ${entityRef} answered ${error.response.status}; error-budget fact unknown`,
              { entityRef, status: error.response.status },
            );
          }
          return {};
        }
        const message = isError(error) ? error.message : String(error);
        if (message.includes('unexpected body')) {
          options.logger.warn(
            `SLO gate for ${entityRef} returned an unexpected body; error-budget fact unknown`,
            { entityRef },
          );
        } else {
          options.logger.debug(
            `SLO backend not reachable for ${entityRef}: ${message}`,
            { entityRef },
          );
        }
        return {};
      }
    },
  };
}
