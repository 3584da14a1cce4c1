/*
 * REST types of the slo backend (pluginId `slo`). The frontend codes against
 * these; fields are only ever added (as optional), never renamed.
 */

/**
 * Error budget of one SLO over its time window.
 *
 * @public
 */
export interface ErrorBudget {
  /** Allowed bad events (Occurrences) or bad time slices (Timeslices) in the window. */
  total: number;
  /** Bad events / bad slices observed in the window. */
  consumed: number;
  /** total - consumed (negative when overspent). */
  remaining: number;
  /** remaining / total * 100 (negative when overspent). */
  remainingPercent: number;
  /** Events (or slices) observed in the window; optional detail. */
  totalEvents?: number;
  /** Bad events (or slices) observed in the window; optional detail. */
  badEvents?: number;
}

/**
 * Multi-window multi-burn-rate alert status (SRE workbook, chapter 5).
 *
 * @public
 */
export interface BurnRateAlert {
  severity: 'page' | 'ticket';
  /** Long window as a duration string, e.g. `1h`. */
  longWindow: string;
  /** Short window as a duration string, e.g. `5m`. */
  shortWindow: string;
  /** Burn-rate factor, e.g. 14.4. */
  burnRateThreshold: number;
  /** Observed burn rate over the long window. */
  longBurnRate: number;
  /** Observed burn rate over the short window. */
  shortBurnRate: number;
  /** Both windows above the threshold. */
  firing: boolean;
  /** Share of the window budget this rule spends before firing, e.g. 2 (%). */
  budgetConsumptionPercent: number;
}

/**
 * Time-to-exhaustion forecast.
 *
 * @public
 */
export interface ExhaustionForecast {
  /** Current burn rate (over the forecast window, 1h by default). */
  burnRate: number;
  /** Seconds until the remaining budget is spent at the current burn rate; absent when not burning. */
  timeToExhaustionSeconds?: number;
  /** ISO timestamp of exhaustion; absent when not burning. */
  exhaustsAt?: string;
  /** The window the burn rate was measured over, e.g. `1h`. */
  forecastWindow?: string;
}

/**
 * One point of the burn-down series.
 *
 * @public
 */
export interface SloSeriesPoint {
  /** ISO timestamp. */
  t: string;
  /** Budget remaining at t over the window ending at t (percent). */
  remainingPercent: number;
  /** Attainment (0-1) over the window ending at t. */
  attainment: number;
  /** Burn rate over the step ending at t. */
  burnRate: number;
}

/** @public */
export type SloBudgetingMethod =
  | 'Occurrences'
  | 'Timeslices'
  | 'RatioTimeslices';

/** @public */
export interface SloTimeWindow {
  /** e.g. `28d`, `30d`, `1w`, `1M` (calendar). */
  duration: string;
  rolling: boolean;
  /** Calendar windows only. */
  calendar?: { startTime: string; timeZone: string };
}

/**
 * Status of one SLO objective.
 *
 * @public
 */
export interface SloStatus {
  /** metadata.name of the OpenSLO SLO (plus `/<objective name>` when the SLO has several objectives). */
  name: string;
  displayName?: string;
  description?: string;
  /** Target (0-1), e.g. 0.999. */
  objective: number;
  timeWindow: SloTimeWindow;
  budgetingMethod: SloBudgetingMethod;
  /** Observed good ratio over the window (0-1). */
  attainment: number;
  errorBudget: ErrorBudget;
  burnRateAlerts: BurnRateAlert[];
  exhaustion: ExhaustionForecast;
  series: SloSeriesPoint[];
  /** Service named in the OpenSLO spec. */
  service?: string;
  /** Evaluation instant (ISO). */
  evaluatedAt?: string;
  /** Whether the SLO is met (attainment >= objective). */
  met?: boolean;
}

/**
 * Error-budget policy status (freeze) of an entity.
 *
 * @public
 */
export interface FreezeStatus {
  frozen: boolean;
  reasons: string[];
  /** Change kinds still allowed during a freeze, e.g. `P0`, `security`. */
  exceptions: string[];
  /** Incidents that consumed more than the postmortem threshold of the budget and have no postmortem link yet. */
  postmortemRequired: { incidentId: string; percent: number }[];
  override?: { by: string; reason: string; expiresAt: string };
}

/** @public */
export interface SloReportError {
  /** SLO name when the error is about one SLO. */
  slo?: string;
  /** File (or annotation) the SLO was read from. */
  file?: string;
  /** Path of the offending field, e.g. `spec.timeWindow.0.duration`. */
  path?: string;
  message: string;
}

/**
 * `GET /entities/:namespace/:kind/:name/slos`
 *
 * @public
 */
export interface EntitySloReport {
  entityRef: string;
  slos: SloStatus[];
  freeze: FreezeStatus;
  errors: SloReportError[];
  datasource: { name: string; demo: boolean };
  /** When the SLO results were computed (ISO); older than now for a stored report. */
  computedAt?: string;
  /** True when served from the report the scheduled refresh stored. */
  stored?: boolean;
}

/** @public */
export type IncidentSeverity = 'P0' | 'P1' | 'P2' | 'P3' | 'P4';
/** @public */
export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';
/** @public */
export type IncidentSource = 'alertmanager' | 'manual' | 'pagerduty';

/** @public */
export interface Incident {
  id: string;
  entityRef: string;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  source: IncidentSource;
  /** ISO timestamps. */
  startedAt: string;
  acknowledgedAt?: string;
  resolvedAt?: string;
  postmortemUrl?: string;
  labels?: Record<string, string>;
  /** Bad events during the incident interval / total window budget * 100 (largest over the entity's SLOs). */
  budgetConsumedPercent?: number;
  description?: string;
  /** Alertmanager fingerprint or PagerDuty id. */
  externalId?: string;
  /** The entity's last deployment finished before the incident started. */
  precedingDeployment?: {
    id: string;
    environment: string;
    commit: string;
    finishedAt: string;
    version?: string;
    runUrl?: string;
  };
}

/** @public */
export interface IncidentStats {
  count: number;
  open: number;
  mttaSeconds?: number;
  mttrSeconds?: number;
  budgetConsumedPercentByIncident: { id: string; percent: number }[];
}

/**
 * `GET /entities/:namespace/:kind/:name/incidents`
 *
 * @public
 */
export interface EntityIncidentsResponse {
  items: Incident[];
  stats: IncidentStats;
}

/**
 * `GET /gate/:entityRef?change=normal|p0|security`
 *
 * @public
 */
export interface GateDecision {
  entityRef: string;
  decision: 'allow' | 'deny';
  reasons: string[];
  /** Number of SLOs evaluated. */
  slos: number;
  /** SLOs (or files) that could not be evaluated and why. */
  notEvaluated?: SloReportError[];
  evaluatedAt: string;
  freeze?: FreezeStatus;
  change?: ChangeKind;
}

/** @public */
export type ChangeKind = 'normal' | 'p0' | 'security';

/**
 * `POST /incidents` body.
 *
 * @public
 */
export interface CreateIncidentRequest {
  entityRef: string;
  title: string;
  severity: IncidentSeverity;
  startedAt?: string;
  description?: string;
  labels?: Record<string, string>;
}

/**
 * `POST /incidents/:id/postmortem` body.
 *
 * @public
 */
export interface PostmortemRequest {
  url: string;
}

/**
 * `POST /freeze/:entityRef/override` body.
 *
 * @public
 */
export interface FreezeOverrideRequest {
  reason: string;
  /** ISO timestamp, in the future. */
  expiresAt: string;
}
