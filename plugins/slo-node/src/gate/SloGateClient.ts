import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ChangeKind, GateDecision } from '@gatekeeper/plugin-slo-common';

/**
 * Who asks the gate: a caller's credentials (a user is forwarded, so the SLO
 * backend checks that user's `slo.read`; any other principal is replaced by
 * the calling plugin's own credentials, because a restricted static token
 * cannot be delegated), or a ready plugin-to-plugin token.
 *
 * @public
 */
export type SloGateCaller =
  | { credentials: BackstageCredentials }
  | { token: string };

/**
 * The error budget gate of the slo backend (`GET /api/slo/gate/:entityRef`),
 * for plugins that decide on changes: may `change` ship to `entityRef` now?
 *
 * `getGateDecision` throws a `ResponseError` (from `@backstage/errors`) when
 * the gate answers an error status (`error.response.status` tells a 404 from
 * a refusal), and an `Error` for a body that is not a gate decision or a
 * request that timed out.
 *
 * @public
 */
export interface SloGateClient {
  getGateDecision(
    request: { entityRef: string; change?: ChangeKind },
    caller: SloGateCaller,
  ): Promise<GateDecision>;
}

/** Options of {@link createSloGateClient}. @public */
export interface SloGateClientOptions {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  /** Needed to ask with `credentials` (turned into a token for `slo`). */
  auth?: Pick<
    AuthService,
    'getPluginRequestToken' | 'getOwnServiceCredentials' | 'isPrincipal'
  >;
  fetch?: typeof fetch;
  /** Per request; default 10 seconds. */
  timeoutMs?: number;
  /** Plugin id of the SLO backend; default `slo`. */
  pluginId?: string;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string');
}

/** Checked at run time: the answer crosses the network. */
function isGateDecision(value: unknown): value is GateDecision {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const freeze = v.freeze as Record<string, unknown> | undefined;
  return (
    typeof v.entityRef === 'string' &&
    (v.decision === 'allow' || v.decision === 'deny') &&
    isStringArray(v.reasons) &&
    typeof v.slos === 'number' &&
    Number.isInteger(v.slos) &&
    v.slos >= 0 &&
    (freeze === undefined ||
      (typeof freeze === 'object' &&
        freeze !== null &&
        typeof freeze.frozen === 'boolean'))
  );
}

/**
 * {@link SloGateClient} over HTTP.
 *
 * @public
 */
export function createSloGateClient(
  options: SloGateClientOptions,
): SloGateClient {
  const doFetch = options.fetch ?? fetch;
  const pluginId = options.pluginId ?? 'slo';

  async function tokenFor(caller: SloGateCaller): Promise<string> {
    if ('token' in caller) return caller.token;
    const auth = options.auth;
    if (!auth) {
      throw new Error('createSloGateClient needs `auth` to ask as a caller');
    }
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: auth.isPrincipal(caller.credentials, 'user')
        ? caller.credentials
        : await auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    return token;
  }

  return {
    async getGateDecision(request, caller) {
      const base = await options.discovery.getBaseUrl(pluginId);
      const url = `${base}/gate/${encodeURIComponent(
        request.entityRef,
      )}?change=${encodeURIComponent(request.change ?? 'normal')}`;
      const response = await doFetch(url, {
        headers: { Authorization: `Bearer ${await tokenFor(caller)}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const body: unknown = await response.json();
      if (!isGateDecision(body)) {
        throw new Error(
          `the SLO gate of ${request.entityRef} returned an unexpected body`,
        );
      }
      return body;
    },
  };
}
