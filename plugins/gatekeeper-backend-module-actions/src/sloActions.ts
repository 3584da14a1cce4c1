import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { callPlugin, parseRef } from './callPlugin';

/** The SLO API's deploy gate decision (GET /gate/{entityRef}). */
export interface GateDecision {
  entityRef: string;
  decision: 'allow' | 'deny';
  reasons: string[];
  slos: number;
}

interface FreezeStatus {
  frozen: boolean;
  reasons: string[];
  postmortemRequired: Array<{ incidentId: string; percent: number }>;
  override?: { by: string; reason: string; expiresAt: string };
}

/** The parts of the SLO API's EntitySloReport the actions use. */
interface EntitySloReport {
  entityRef: string;
  slos: Array<{
    name: string;
    displayName?: string;
    objective: number;
    timeWindow: { duration: string; rolling: boolean };
    attainment: number;
    met?: boolean;
    errorBudget: {
      total: number;
      consumed: number;
      remaining: number;
      remainingPercent: number;
    };
    burnRateAlerts: Array<{
      severity: 'page' | 'ticket';
      longWindow: string;
      shortWindow: string;
      burnRateThreshold: number;
      longBurnRate: number;
      shortBurnRate: number;
      firing: boolean;
    }>;
    exhaustion: {
      burnRate: number;
      timeToExhaustionSeconds?: number;
      exhaustsAt?: string;
    };
  }>;
  freeze: FreezeStatus;
  errors: Array<{ slo?: string; message: string }>;
  datasource: { name: string; demo: boolean };
}

interface Incident {
  id: string;
  entityRef: string;
  title: string;
  severity: 'P0' | 'P1' | 'P2' | 'P3' | 'P4';
  status: 'triggered' | 'acknowledged' | 'resolved';
  source: string;
  startedAt: string;
}

/** Options of {@link registerSloActions}. */
export interface SloActionsOptions {
  actionsRegistry: ActionsRegistryService;
  discovery: DiscoveryService;
  auth: AuthService;
}

const entityRefDescription =
  'Entity ref, e.g. "component:default/payments-service" (kind defaults to component, namespace to default).';

/** Reads the SLO deploy gate decision for an entity as the caller. */
export async function getGateDecision(
  options: Omit<SloActionsOptions, 'actionsRegistry'>,
  credentials: BackstageCredentials,
  entityRef: string,
  change: 'normal' | 'p0' | 'security',
): Promise<GateDecision> {
  return callPlugin<GateDecision>({
    ...options,
    credentials,
    pluginId: 'slo',
    path: `/gate/${encodeURIComponent(
      parseRef(entityRef).ref,
    )}?change=${change}`,
  });
}

function toSloStatus(slo: EntitySloReport['slos'][number]) {
  return {
    name: slo.name,
    displayName: slo.displayName,
    objective: slo.objective,
    timeWindow: `${slo.timeWindow.duration}${
      slo.timeWindow.rolling ? ' rolling' : ' calendar'
    }`,
    attainment: slo.attainment,
    met: slo.met,
    errorBudget: slo.errorBudget,
    burnRate: slo.exhaustion.burnRate,
    timeToExhaustionSeconds: slo.exhaustion.timeToExhaustionSeconds,
    firingAlerts: slo.burnRateAlerts
      .filter(a => a.firing)
      .map(({ firing, ...alert }) => alert),
  };
}

function registerGetSloStatus(options: SloActionsOptions) {
  options.actionsRegistry.register({
    name: 'get-slo-status',
    title: 'Get SLO status',
    description:
      'Reads the SLOs of a catalog entity: per SLO the objective, attainment, error budget (total, consumed, remaining and remaining percent; negative remaining means overspent), the current burn rate, time to exhaustion and the firing multiwindow burn-rate alerts; the error-budget freeze status (with postmortems required) and the deploy gate decision (allow/deny) for a normal change. Entities without SLOs have an empty list and allow. Permission-checked as the caller (slo.read). Fails with NotFoundError for an unknown entity.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).describe(entityRefDescription),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          slos: z.array(
            z.object({
              name: z.string(),
              displayName: z.string().optional(),
              objective: z.number(),
              timeWindow: z.string(),
              attainment: z.number(),
              met: z.boolean().optional(),
              errorBudget: z.object({
                total: z.number(),
                consumed: z.number(),
                remaining: z.number(),
                remainingPercent: z.number(),
              }),
              burnRate: z.number(),
              timeToExhaustionSeconds: z.number().optional(),
              firingAlerts: z.array(
                z.object({
                  severity: z.enum(['page', 'ticket']),
                  longWindow: z.string(),
                  shortWindow: z.string(),
                  burnRateThreshold: z.number(),
                  longBurnRate: z.number(),
                  shortBurnRate: z.number(),
                }),
              ),
            }),
          ),
          freeze: z.object({
            frozen: z.boolean(),
            reasons: z.array(z.string()),
            postmortemRequired: z.array(
              z.object({ incidentId: z.string(), percent: z.number() }),
            ),
            override: z
              .object({
                by: z.string(),
                reason: z.string(),
                expiresAt: z.string(),
              })
              .optional(),
          }),
          gate: z.object({
            decision: z.enum(['allow', 'deny']),
            reasons: z.array(z.string()),
          }),
          errors: z.array(
            z.object({ slo: z.string().optional(), message: z.string() }),
          ),
          datasource: z.object({ name: z.string(), demo: z.boolean() }),
        }),
    },
    action: async ({ input, credentials }) => {
      return {
        output: await getSloStatus(options, credentials, input.entityRef),
      };
    },
  });
}

/** The get-slo-status action's output: the SLO report and the deploy gate. */
async function getSloStatus(
  options: SloActionsOptions,
  credentials: BackstageCredentials,
  entityRef: string,
) {
  const { path } = parseRef(entityRef);
  const [report, gate] = await Promise.all([
    callPlugin<EntitySloReport>({
      ...options,
      credentials,
      pluginId: 'slo',
      path: `/entities${path}/slos`,
    }),
    getGateDecision(options, credentials, entityRef, 'normal'),
  ]);
  return {
    entityRef: report.entityRef,
    slos: report.slos.map(toSloStatus),
    freeze: report.freeze,
    gate: { decision: gate.decision, reasons: gate.reasons },
    errors: report.errors,
    datasource: report.datasource,
  };
}

function registerDeclareIncident(options: SloActionsOptions) {
  options.actionsRegistry.register({
    name: 'declare-incident',
    title: 'Declare incident',
    description:
      'Declares (creates) a manual incident for a catalog entity in the Gatekeeper SLO backend, as the calling user: it needs the slo.incidents.manage permission, otherwise it fails with NotAllowedError. The incident starts now in status triggered and counts for MTTA/MTTR. Pass an idempotencyKey to make retries safe: the same key replays the first incident instead of creating another.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).describe(entityRefDescription),
          title: z.string().min(1).max(500),
          severity: z
            .enum(['P0', 'P1', 'P2', 'P3', 'P4'])
            .describe('P0 is the most severe'),
          description: z.string().max(10000).optional(),
          idempotencyKey: z
            .string()
            .regex(/^[!-~]{1,255}$/)
            .optional()
            .describe(
              '1-255 visible ASCII characters; retries with the same key do not create a second incident',
            ),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          title: z.string(),
          severity: z.enum(['P0', 'P1', 'P2', 'P3', 'P4']),
          status: z.enum(['triggered', 'acknowledged', 'resolved']),
          source: z.string(),
          startedAt: z.string(),
        }),
    },
    action: async ({ input, credentials, logger }) => {
      const { ref } = parseRef(input.entityRef);
      const incident = await callPlugin<Incident>({
        ...options,
        credentials,
        pluginId: 'slo',
        path: '/incidents',
        method: 'POST',
        body: {
          entityRef: ref,
          title: input.title,
          severity: input.severity,
          ...(input.description && { description: input.description }),
        },
        headers: input.idempotencyKey
          ? { 'Idempotency-Key': input.idempotencyKey }
          : undefined,
      });
      logger.info(`Incident ${incident.id} declared for ${ref} via action`);
      const { id, entityRef, title, severity, status, source, startedAt } =
        incident;
      return {
        output: { id, entityRef, title, severity, status, source, startedAt },
      };
    },
  });
}

/** Registers the SLO actions (`slo:get-slo-status`, `slo:declare-incident`). */
export function registerSloActions(options: SloActionsOptions) {
  registerGetSloStatus(options);
  registerDeclareIncident(options);
}
