import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import type { GateDecision } from '@gatekeeper/plugin-slo-common';
import { z } from 'zod';

/**
 * The part of the SLO backend's {@link GateDecision} the facts need, checked
 * at run time because the answer crosses the network.
 */
type GateFacts = Pick<
  GateDecision,
  'entityRef' | 'decision' | 'reasons' | 'slos'
> &
  Partial<Pick<GateDecision, 'evaluatedAt'>>;

const gateResponseSchema: z.ZodType<GateFacts, z.ZodTypeDef, unknown> =
  z.object({
    entityRef: z.string(),
    decision: z.enum(['allow', 'deny']),
    reasons: z.array(z.string()).default([]),
    slos: z.number().int().min(0),
    evaluatedAt: z.string().optional(),
  });

/**
 * Facts from the SLO backend's release gate
 * (`GET <slo>/gate/<entityRef>`): `slo.error-budget.respected` (decision
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
  const doFetch = options.fetch ?? fetch;
  const pluginId = options.pluginId ?? 'slo';
  return {
    id: 'slo-backend',
    evidence: 'observed',
    facts: ['slo.error-budget.respected', 'slo.defined', 'slo.gate.reasons'],
    async provide({ entity }) {
      const entityRef = stringifyEntityRef(entity);
      try {
        const baseUrl = await options.discovery.getBaseUrl(pluginId);
        const { token } = await options.auth.getPluginRequestToken({
          onBehalfOf: await options.auth.getOwnServiceCredentials(),
          targetPluginId: pluginId,
        });
        const response = await doFetch(
          `${baseUrl}/gate/${encodeURIComponent(entityRef)}`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        if (response.status === 404) return {};
        if (!response.ok) {
          options.logger.warn(
            `SLO gate for ${entityRef} answered ${response.status}; error-budget fact unknown`,
            { entityRef, status: response.status },
          );
          return {};
        }
        const parsed = gateResponseSchema.safeParse(await response.json());
        if (!parsed.success) {
          options.logger.warn(
            `SLO gate for ${entityRef} returned an unexpected body; error-budget fact unknown`,
            { entityRef },
          );
          return {};
        }
        const gate: GateFacts = parsed.data;
        // No SLO in the SLO backend: leave slo.defined to the repository files.
        if (gate.slos === 0) return {};
        return {
          'slo.defined': true,
          'slo.error-budget.respected': gate.decision === 'allow',
          'slo.gate.reasons': gate.reasons,
        };
      } catch (error) {
        options.logger.debug(
          `SLO backend not reachable for ${entityRef}: ${
            (error as Error).message
          }`,
          { entityRef },
        );
        return {};
      }
    },
  };
}
