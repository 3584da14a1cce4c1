import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { callPlugin, parseRef } from './callPlugin';
import { getGateDecision, GateDecision } from './sloActions';
import { registerListCampaignsDue } from './campaignActions';

/** The parts of the scorecards API's EntityScorecard the actions use. */
interface EntityScorecard {
  entityRef: string;
  verdict: 'ready' | 'at-risk' | 'blocked';
  score?: number;
  level?: string;
  evaluatedAt: string;
  policyVersion: string;
  counts: Record<'pass' | 'fail' | 'unknown' | 'stale' | 'waived', number>;
  gates: Array<{
    gateId: string;
    title: string;
    severity: 'critical' | 'high' | 'medium' | 'low';
    category: string;
    level: string;
    remediation: string;
    status: 'pass' | 'fail' | 'unknown' | 'stale' | 'waived';
    evidence: Array<{
      fact: string;
      value?: unknown;
      observedAt?: string;
      source?: string;
      message: string;
    }>;
    waiver?: {
      reason: string;
      approver: string;
      expiresAt: string;
      source?: string;
    };
  }>;
}

/** Options of {@link registerScorecardsActions}. */
export interface ScorecardsActionsOptions {
  actionsRegistry: ActionsRegistryService;
  discovery: DiscoveryService;
  auth: AuthService;
}

const entityRefDescription =
  'Entity ref, e.g. "component:default/payments-service" (kind defaults to component, namespace to default).';

async function getScorecard(
  options: ScorecardsActionsOptions,
  credentials: BackstageCredentials,
  entityRef: string,
): Promise<EntityScorecard> {
  return callPlugin<EntityScorecard>({
    ...options,
    credentials,
    pluginId: 'scorecards',
    path: `/entities${parseRef(entityRef).path}`,
  });
}

function registerGetScorecard(options: ScorecardsActionsOptions) {
  options.actionsRegistry.register({
    name: 'get-scorecard',
    title: 'Get scorecard',
    description:
      'Reads the stored Gatekeeper scorecard of a catalog entity: its verdict (ready, at-risk or blocked), score, level, and every failing gate with severity, remediation link and the evidence (facts) behind the failure. Gates that are unknown/stale or waived are listed separately. Permission-checked as the caller (scorecards.read). Fails with NotFoundError for an unknown entity.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).describe(entityRefDescription),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          verdict: z.enum(['ready', 'at-risk', 'blocked']),
          score: z.number().optional(),
          level: z.string().optional().describe('Highest level fully met'),
          evaluatedAt: z.string(),
          policyVersion: z.string(),
          counts: z.record(z.number()),
          failingGates: z.array(
            z.object({
              gateId: z.string(),
              title: z.string(),
              severity: z.string(),
              category: z.string(),
              level: z.string(),
              remediation: z.string(),
              evidence: z.array(
                z.object({
                  fact: z.string(),
                  value: z.unknown(),
                  observedAt: z.string().optional(),
                  source: z.string().optional(),
                  message: z.string(),
                }),
              ),
            }),
          ),
          unverifiedGates: z
            .array(
              z.object({
                gateId: z.string(),
                title: z.string(),
                severity: z.string(),
                status: z.enum(['unknown', 'stale']),
              }),
            )
            .describe('Gates whose facts are missing or too old'),
          waivedGates: z.array(
            z.object({
              gateId: z.string(),
              title: z.string(),
              reason: z.string(),
              approver: z.string(),
              expiresAt: z.string(),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'Scorecard of a service',
        input: { entityRef: 'component:default/payments-service' },
      },
    ],
    action: async ({ input, credentials }) => {
      const card = await getScorecard(options, credentials, input.entityRef);
      return { output: toScorecardOutput(card) };
    },
  });
}

/** The get-scorecard action's output: the gates split by status. */
function toScorecardOutput(card: EntityScorecard) {
  return {
    entityRef: card.entityRef,
    verdict: card.verdict,
    score: card.score,
    level: card.level,
    evaluatedAt: card.evaluatedAt,
    policyVersion: card.policyVersion,
    counts: card.counts,
    failingGates: card.gates
      .filter(g => g.status === 'fail')
      .map(({ status, waiver, ...gate }) => gate),
    unverifiedGates: card.gates.flatMap(g =>
      g.status === 'unknown' || g.status === 'stale'
        ? [{ ...pickGate(g), status: g.status }]
        : [],
    ),
    waivedGates: card.gates.flatMap(g =>
      g.status === 'waived' && g.waiver
        ? [{ gateId: g.gateId, title: g.title, ...g.waiver }]
        : [],
    ),
  };
}

function pickGate(g: EntityScorecard['gates'][number]) {
  return { gateId: g.gateId, title: g.title, severity: g.severity };
}

interface ReleaseBlocker {
  source: 'scorecard' | 'slo';
  id: string;
  title: string;
  reason: string;
  remediation: string;
}

function releaseBlockers(
  card: EntityScorecard,
  gate: GateDecision,
): ReleaseBlocker[] {
  const blockers: ReleaseBlocker[] = card.gates
    .filter(g => g.status === 'fail' && g.severity === 'critical')
    .map(g => ({
      source: 'scorecard',
      id: g.gateId,
      title: g.title,
      reason: g.evidence.map(e => e.message).join('; ') || 'gate failing',
      remediation: g.remediation,
    }));
  if (gate.decision === 'deny') {
    blockers.push({
      source: 'slo',
      id: 'error-budget-freeze',
      title: 'Error budget policy freeze',
      reason: gate.reasons.join('; ') || 'error budget exhausted',
      remediation:
        'Restore the error budget, or ship a p0/security change or an approved freeze override.',
    });
  }
  return blockers;
}

function registerListReleaseBlockers(options: ScorecardsActionsOptions) {
  options.actionsRegistry.register({
    name: 'list-release-blockers',
    title: 'List release blockers',
    description:
      'Lists what blocks a release of a catalog entity: failing critical Gatekeeper gates (from the stored scorecard, with the failure reason and remediation) and an error-budget freeze from the SLO deploy gate (for the given change type: p0 and security changes are exempt). releasable is true when nothing blocks. Gates that fail without blocking are listed as warnings. Permission-checked as the caller (scorecards.read, slo.read).',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).describe(entityRefDescription),
          change: z
            .enum(['normal', 'p0', 'security'])
            .default('normal')
            .describe(
              'Kind of change to release (p0/security bypass a freeze)',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          releasable: z.boolean(),
          verdict: z.enum(['ready', 'at-risk', 'blocked']),
          sloDecision: z.enum(['allow', 'deny']),
          blockers: z.array(
            z.object({
              source: z.enum(['scorecard', 'slo']),
              id: z.string(),
              title: z.string(),
              reason: z.string(),
              remediation: z.string(),
            }),
          ),
          warnings: z
            .array(z.object({ gateId: z.string(), severity: z.string() }))
            .describe('Failing non-critical gates (do not block)'),
        }),
    },
    action: async ({ input, credentials }) => {
      const [card, gate] = await Promise.all([
        getScorecard(options, credentials, input.entityRef),
        getGateDecision(options, credentials, input.entityRef, input.change),
      ]);
      const blockers = releaseBlockers(card, gate);
      return {
        output: {
          entityRef: card.entityRef,
          releasable: blockers.length === 0,
          verdict: card.verdict,
          sloDecision: gate.decision,
          blockers,
          warnings: card.gates
            .filter(g => g.status === 'fail' && g.severity !== 'critical')
            .map(g => ({ gateId: g.gateId, severity: g.severity })),
        },
      };
    },
  });
}

/** The parts of the scorecards API's WaiverRequest the action returns. */
interface WaiverRequest {
  id: string;
  entityRef: string;
  gateId: string;
  reason: string;
  expiresAt: string;
  state: string;
  requestedBy: string;
  requestedAt: string;
}

/** The request-waiver action's output: the request without its history. */
function toWaiverRequestOutput(request: WaiverRequest): WaiverRequest {
  const { id, entityRef, gateId, reason, expiresAt, state } = request;
  const { requestedBy, requestedAt } = request;
  return {
    id,
    entityRef,
    gateId,
    reason,
    expiresAt,
    state,
    requestedBy,
    requestedAt,
  };
}

function registerRequestWaiver(options: ScorecardsActionsOptions) {
  options.actionsRegistry.register({
    name: 'request-waiver',
    title: 'Request a waiver',
    description:
      'Requests a time-boxed waiver of a Gatekeeper gate that does not pass for a catalog entity, as the calling user: it needs the scorecards.waivers.request permission on the entity (its owners and platform members), otherwise it fails with NotAllowedError. The request starts in state requested; a platform member or an approver of the gate must approve it before the gate counts as waived. expires must be in the future and within the policy maximum (default 90 days). A passing gate or an open request for the same gate is a ConflictError. Pass an idempotencyKey to make retries safe.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).describe(entityRefDescription),
          gate: z
            .string()
            .min(1)
            .max(255)
            .describe('Gate id, e.g. coverage-lines'),
          reason: z
            .string()
            .min(3)
            .max(2000)
            .describe('Why the gate is waived'),
          expires: z
            .string()
            .min(1)
            .max(40)
            .describe('ISO date or date-time the waiver ends, e.g. 2027-01-31'),
          idempotencyKey: z
            .string()
            .regex(/^[!-~]{1,255}$/)
            .optional()
            .describe(
              '1-255 visible ASCII characters; retries with the same key do not create a second request',
            ),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          gateId: z.string(),
          reason: z.string(),
          expiresAt: z.string(),
          state: z.string(),
          requestedBy: z.string(),
          requestedAt: z.string(),
        }),
    },
    action: async ({ input, credentials, logger }) => {
      const { ref } = parseRef(input.entityRef);
      const request = await callPlugin<WaiverRequest>({
        ...options,
        credentials,
        pluginId: 'scorecards',
        path: '/waiver-requests',
        method: 'POST',
        body: {
          entityRef: ref,
          gate: input.gate,
          reason: input.reason,
          expires: input.expires,
        },
        headers: input.idempotencyKey
          ? { 'Idempotency-Key': input.idempotencyKey }
          : undefined,
      });
      logger.info(`Waiver request ${request.id} for ${ref} via action`);
      return { output: toWaiverRequestOutput(request) };
    },
  });
}

/**
 * Registers the scorecards actions (`scorecards:get-scorecard`,
 * `scorecards:list-release-blockers`, `scorecards:request-waiver`,
 * `scorecards:list-campaigns-due`).
 */
export function registerScorecardsActions(options: ScorecardsActionsOptions) {
  registerGetScorecard(options);
  registerListReleaseBlockers(options);
  registerRequestWaiver(options);
  registerListCampaignsDue(options);
}
