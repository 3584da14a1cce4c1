import type {
  EntityVerdict,
  GateEvidence,
  GateStatus,
  GateWaiver,
} from './types';
import type { GateSeverity } from '../policy/gatePolicySchema';

/** A gate that holds an entity back (failing or stale). @public */
export interface MyFailingGate {
  gateId: string;
  title: string;
  severity: GateSeverity;
  status: GateStatus;
  remediation: string;
  /** The stored evidence of the gate result. */
  evidence: GateEvidence[];
}

/** An entity of the caller's groups that is blocked or at risk. @public */
export interface MyEntityAtRisk {
  entityRef: string;
  title?: string;
  owner?: string;
  verdict: Exclude<EntityVerdict, 'ready'>;
  score?: number;
  level?: string;
  /** ISO timestamp of the stored evaluation. */
  evaluatedAt: string;
  failingGates: MyFailingGate[];
}

/** A waiver of one of the caller's entities that expires soon. @public */
export interface MyExpiringWaiver {
  entityRef: string;
  title?: string;
  owner?: string;
  gateId: string;
  gateTitle: string;
  reason: string;
  approver: string;
  /** ISO date-time. */
  expiresAt: string;
  /** `annotation` or `file` (waivers as code), or `request` (an approved waiver request). */
  source: GateWaiver['source'];
}

/**
 * Response of `GET /me/summary`: the stored scorecards of the entities owned
 * by the caller (user and groups) that need attention.
 *
 * @public
 */
export interface MyScorecardsSummary {
  /** The ownership refs of the caller the summary covers. */
  owners: string[];
  /** Blocked first, then at risk; by entity ref. */
  entities: MyEntityAtRisk[];
  /** Waivers expiring within `waiverHorizonDays`, soonest first. */
  expiringWaivers: MyExpiringWaiver[];
  waiverHorizonDays: number;
  /** ISO timestamp of the response. */
  generatedAt: string;
}
