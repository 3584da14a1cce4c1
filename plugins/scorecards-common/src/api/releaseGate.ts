import { EntityVerdict, GateStatus, GateWaiver } from './types';

/**
 * Fact with the head of the entity's default branch, as an SCM provider
 * sees it: a commit SHA, or `{ sha, committedAt? }`. When present, facts
 * that describe another, older commit are `stale`.
 * @public
 */
export const SCM_DEFAULT_BRANCH_HEAD_FACT = 'scm.default-branch.head';

/** Change kinds the error-budget policy knows (SLO backend gate). @public */
export type ReleaseChangeType = 'normal' | 'p0' | 'security';

/** A gate that stops the release. @public */
export interface ReleaseGateBlockingGate {
  gateId: string;
  title: string;
  status: GateStatus;
  /** Why it blocks, e.g. `critical gate fails: 62 >= 80 is false`. */
  reason: string;
}

/** An error-budget policy exception that let a change through. @public */
export type ReleaseGateException =
  | { type: 'change-type'; change: ReleaseChangeType; reason: string }
  | { type: 'freeze-override'; by: string; reason: string; expiresAt: string };

/**
 * `GET /release-gate/:kind/:namespace/:name?commit=<sha>&change=<type>`:
 * the stop-ship decision for promoting one commit of an entity.
 * @public
 */
export interface ReleaseGateResponse {
  entityRef: string;
  decision: 'allow' | 'deny';
  /** Every reason, denials first; printed by the release workflow. */
  reasons: string[];
  change: ReleaseChangeType;
  commit: {
    requested?: string;
    /** The commit the scorecard's CI facts describe (the newest push). */
    evaluated?: string;
    /** Every distinct commit the CI facts describe. */
    described: string[];
    /** Undefined when no commit was requested. */
    matches?: boolean;
    /** The CI run of the evaluated commit. */
    runUrl?: string;
  };
  scorecard: {
    verdict: EntityVerdict;
    score?: number;
    evaluatedAt: string;
    policyVersion: string;
    blockingGates: ReleaseGateBlockingGate[];
  };
  errorBudget: {
    /** False when the SLO gate could not be asked (the gate fails closed). */
    reachable: boolean;
    decision?: 'allow' | 'deny';
    reasons: string[];
    frozen?: boolean;
    slos?: number;
    /** Why it could not be asked, when unreachable. */
    error?: string;
  };
  /** Waivers that turned a gate into `waived` for this decision. */
  waivers: GateWaiver[];
  exceptions: ReleaseGateException[];
  evaluatedAt: string;
}
