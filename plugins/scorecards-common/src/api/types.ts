import { GateCategory, GateSeverity } from '../policy/gatePolicySchema';

/** Outcome of one gate for one entity. @public */
export type GateStatus = 'pass' | 'fail' | 'unknown' | 'stale' | 'waived';

/** Entity verdict: blocked when any critical gate fails (hard gate). @public */
export type EntityVerdict = 'ready' | 'at-risk' | 'blocked';

/**
 * How a fact was obtained: `observed` when read from a system of record
 * (GitHub, SonarQube, the SLO backend) or pushed by CI; `configured` when
 * derived from files of the repository or catalog annotations (a workflow
 * mentions a scanner, a CODEOWNERS file exists), which says what should
 * happen, not that it did.
 * @public
 */
export type EvidenceKind = 'observed' | 'configured';

/** The fact a gate result was computed from. @public */
export interface GateEvidence {
  fact: string;
  /** The observed value, undefined when the fact is missing. */
  value?: unknown;
  /** ISO timestamp the fact was observed at. */
  observedAt?: string;
  /** Where the fact came from, e.g. `repo:codeowners`, `push:ci`, `slo-backend`. */
  source?: string;
  /** Human-readable explanation, e.g. `82.5 >= 80`. */
  message: string;
  /** The commit the fact describes (pushed facts with provenance). */
  commit?: string;
  /** The CI run that produced the fact, e.g. a GitHub Actions run URL. */
  runUrl?: string;
  /** Who produced the fact, e.g. `gha.4711.1` or `jenkins`. */
  producer?: string;
  /** Observed or configured (added; absent on scorecards stored before it). */
  evidenceKind?: EvidenceKind;
}

/**
 * How fresh and how strong the evidence deciding a gate is (added).
 * @public
 */
export interface GateFreshness {
  /** `configured` when any deciding fact is configuration-only. */
  kind: EvidenceKind;
  /** The sources of the deciding facts, e.g. `push:ci`, `provider:github`. */
  sources: string[];
  /** ISO time of the oldest deciding fact; undefined when no fact is present. */
  observedAt?: string;
  /** The gate's TTL (`maxAge`, ISO-8601 duration); undefined when it has none. */
  ttl?: string;
  /** ISO time the oldest deciding fact goes stale (observedAt + ttl). */
  expiresAt?: string;
  /** Whether a deciding fact is older than the TTL or describes an old commit. */
  stale: boolean;
  /** The gate requires observed evidence (`requireObserved`). */
  requireObserved?: boolean;
}

/** An active waiver applied to a gate. @public */
export interface GateWaiver {
  gateId: string;
  reason: string;
  approver: string;
  /** ISO date-time. */
  expiresAt: string;
  /** `annotation` or `file` (waivers as code), or `request` (an approved waiver request). */
  source: 'annotation' | 'file' | 'request';
  /** Id of the approved waiver request (source `request`). */
  requestId?: string;
}

/** Result of one gate for one entity. @public */
export interface GateResult {
  gateId: string;
  title: string;
  severity: GateSeverity;
  category: GateCategory;
  level: string;
  remediation: string;
  status: GateStatus;
  evidence: GateEvidence[];
  waiver?: GateWaiver;
  /** Kind, sources, observed-at and TTL of the deciding facts (added). */
  freshness?: GateFreshness;
}

/** Scorecard of one entity. @public */
export interface EntityScorecard {
  entityRef: string;
  verdict: EntityVerdict;
  /** OSSF-style weighted score 0-100 over gates that are not unknown; undefined when every gate is unknown. */
  score?: number;
  /** Highest level reached, undefined when not even the lowest level is reached. */
  level?: string;
  /** ISO timestamp of evaluation. */
  evaluatedAt: string;
  /** Policy hash the scorecard was evaluated with. */
  policyVersion: string;
  counts: Record<GateStatus, number>;
  gates: GateResult[];
  /** Problems found while evaluating, e.g. invalid or expired waivers (added, optional). */
  warnings?: string[];
}

/** One stored change of an entity's scorecard (history). @public */
export interface ScorecardHistoryPoint {
  evaluatedAt: string;
  verdict: EntityVerdict;
  score?: number;
  level?: string;
  /** gateId -> status at that time. */
  gates: Record<string, GateStatus>;
}

/** @public */
export interface ScorecardHistory {
  entityRef: string;
  points: ScorecardHistoryPoint[];
}

/** A row of the overview. @public */
export interface ScorecardSummary {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  domain?: string;
  verdict: EntityVerdict;
  score?: number;
  level?: string;
  evaluatedAt: string;
  gates: Record<string, GateStatus>;
  /** Gates decided by stale / configuration-only evidence (added). */
  evidence?: ScorecardEvidenceCounts;
}

/** Per-entity counts of gates by the quality of their evidence. @public */
export interface ScorecardEvidenceCounts {
  /** Gates decided by stale facts. */
  stale: number;
  /** Gates decided (at least partly) by configuration-only facts. */
  configured: number;
}

/** Overview filter on evidence quality. @public */
export type OverviewEvidenceFilter = 'stale' | 'configured';

/** @public */
export interface ScorecardOverview {
  items: ScorecardSummary[];
  totalItems: number;
  /** Opaque cursor / offset for the next page, undefined on the last page. */
  nextOffset?: number;
}

/** Aggregate over a group, system or domain. @public */
export interface ScorecardRollup {
  /** Entity ref of the group/system/domain. */
  ref: string;
  kind: 'group' | 'system' | 'domain';
  entityCount: number;
  averageScore?: number;
  verdicts: Record<EntityVerdict, number>;
  levels: Record<string, number>;
  /** gateId -> pass rate 0-1 over entities where the gate is not unknown. */
  gatePassRates: Record<string, number>;
}

/** Gate definition as served to the frontend. @public */
export interface GateDefinition {
  id: string;
  title: string;
  severity: GateSeverity;
  category: GateCategory;
  level: string;
  rationale: string;
  remediation: string;
}

/** @public */
export interface GatesResponse {
  levels: string[];
  gates: GateDefinition[];
}

/** Body of POST /facts (push API for CI). @public */
export interface PushFactsRequest {
  entityRef: string;
  /** fact id -> value, e.g. { 'ci.coverage.lines': 83.1, 'ci.vulnerabilities.high': 0 } */
  facts: Record<string, unknown>;
  /** ISO time the facts were observed; defaults to now. */
  observedAt?: string;
  source?: string;
  /**
   * What every fact of the push describes; when absent, `commit` and
   * `runUrl` are taken from the `ci.run.commit` / `ci.run.url` facts.
   */
  provenance?: FactProvenance;
  /** Per-fact provenance, overriding `provenance` field by field. */
  factProvenance?: Record<string, FactProvenance>;
}

/** What a pushed fact describes and who produced it. @public */
export interface FactProvenance {
  /** Commit SHA (7-64 hex digits, stored lower-case). */
  commit?: string;
  /** http(s) URL of the CI run. */
  runUrl?: string;
  /** Producer, e.g. `gha.4711.1`; defaults to the push's `source`. */
  producer?: string;
}

/** Result of a policy dry-run. @public */
export interface DryRunResult {
  entityCount: number;
  changedVerdicts: number;
  changes: {
    entityRef: string;
    from: EntityVerdict;
    to: EntityVerdict;
    fromScore?: number;
    toScore?: number;
  }[];
}

/** Response of POST /facts. @public */
export interface PushFactsResponse {
  entityRef: string;
  /** Fact ids stored. */
  accepted: string[];
  observedAt: string;
  /** The entity's scorecard re-evaluated with the pushed facts. */
  scorecard?: EntityScorecard;
}

/** One stored fact of an entity (GET /entities/:namespace/:kind/:name/facts). @public */
export interface StoredFact {
  fact: string;
  value: unknown;
  observedAt: string;
  source: string;
  /** Commit SHA, run URL and producer, for pushed facts that carry them. */
  provenance?: FactProvenance;
  /** Observed or configured (added). */
  evidence?: EvidenceKind;
}
