import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { ReleaseChangeType } from '@gatekeeper/plugin-scorecards-common';
import { z } from 'zod';

const sloGateSchema = z.object({
  decision: z.enum(['allow', 'deny']),
  reasons: z.array(z.string()).default([]),
  slos: z.number().int().min(0),
  freeze: z
    .object({
      frozen: z.boolean(),
      exceptions: z.array(z.string()).default([]),
      override: z
        .object({ by: z.string(), reason: z.string(), expiresAt: z.string() })
        .optional(),
    })
    .optional(),
});

/** What the SLO backend's gate answered, or why it could not be asked. */
export type SloGateAnswer =
  | ({ reachable: true } & z.infer<typeof sloGateSchema>)
  | { reachable: false; error: string };

/**
 * Asks the SLO backend's error-budget gate
 * (`GET <slo>/gate/<entityRef>?change=<type>`), on behalf of a calling user.
 * Never throws: a refusal, an unexpected body, a timeout or an unreachable
 * backend is an answer with `reachable: false` (the release gate fails closed).
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
  const doFetch = options.fetch ?? fetch;
  try {
    const baseUrl = await options.discovery.getBaseUrl('slo');
    // Users are forwarded (the SLO backend checks their slo.read); static
    // tokens with access restrictions cannot be delegated, so services are
    // answered with the plugin's own credentials, as the SLO fact provider is.
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: options.auth.isPrincipal(options.credentials, 'user')
        ? options.credentials
        : await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'slo',
    });
    const response = await doFetch(
      `${baseUrl}/gate/${encodeURIComponent(options.entityRef)}?change=${
        options.change
      }`,
      {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      },
    );
    if (!response.ok) {
      return {
        reachable: false,
        error: `the SLO gate answered HTTP ${response.status}`,
      };
    }
    const parsed = sloGateSchema.safeParse(await response.json());
    if (!parsed.success) {
      return {
        reachable: false,
        error: 'the SLO gate returned an unexpected body',
      };
    }
    return { reachable: true, ...parsed.data };
  } catch (error) {
    return {
      reachable: false,
      error: `the SLO gate is unreachable: ${
        isError(error) ? error.message : String(error)
      }`,
    };
  }
}
