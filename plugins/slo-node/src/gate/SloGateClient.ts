import { DiscoveryService } from '@backstage/backend-plugin-api';
import { ChangeKind, GateDecision } from '@gatekeeper/plugin-slo-common';

/**
 * The error budget gate of the slo backend (`GET /api/slo/gate/:entityRef`),
 * for plugins that decide on changes: may `change` ship to `entityRef` now?
 *
 * @public
 */
export interface SloGateClient {
  getGateDecision(
    request: { entityRef: string; change?: ChangeKind },
    options: { token: string },
  ): Promise<GateDecision>;
}

/**
 * {@link SloGateClient} over HTTP; `token` is a plugin-to-plugin token for
 * `slo` (from `auth.getPluginRequestToken`).
 *
 * @public
 */
export function createSloGateClient(options: {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  fetch?: typeof fetch;
}): SloGateClient {
  const doFetch = options.fetch ?? fetch;
  return {
    async getGateDecision(request, { token }) {
      const base = await options.discovery.getBaseUrl('slo');
      const url = `${base}/gate/${encodeURIComponent(
        request.entityRef,
      )}?change=${request.change ?? 'normal'}`;
      const response = await doFetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        const text = await response.text();
        throw new Error(
          `SLO gate of ${request.entityRef} answered ${
            response.status
          }: ${text.slice(0, 500)}`,
        );
      }
      return (await response.json()) as GateDecision;
    },
  };
}
