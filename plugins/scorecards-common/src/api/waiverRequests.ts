/**
 * State of a waiver request: `expired` is reported for an approved (or still
 * open) request once its expiry has passed. @public
 */
export type WaiverRequestState =
  | 'requested'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'expired';

/** One step of a waiver request's history. @public */
export interface WaiverRequestEvent {
  state: WaiverRequestState;
  /** User entity ref of who took the step. */
  actor: string;
  comment?: string;
  /** ISO date-time. */
  at: string;
}

/** A request to waive a failing gate of an entity until a date. @public */
export interface WaiverRequest {
  id: string;
  entityRef: string;
  gateId: string;
  reason: string;
  /** ISO date-time the waiver ends. */
  expiresAt: string;
  state: WaiverRequestState;
  /** User entity ref of the requester. */
  requestedBy: string;
  /** ISO date-time. */
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  history: WaiverRequestEvent[];
  /** Whether the caller may approve or reject it (open requests only). */
  canDecide?: boolean;
}

/** Body of POST /waiver-requests. @public */
export interface CreateWaiverRequest {
  entityRef: string;
  gate: string;
  reason: string;
  /** ISO date or date-time in the future, within the policy's maximum. */
  expires: string;
}

/** Body of POST /waiver-requests/:id/approve, /reject and /withdraw. @public */
export interface WaiverDecisionRequest {
  comment?: string;
}

/** Response of GET /waiver-requests. @public */
export interface WaiverRequestList {
  items: WaiverRequest[];
  /** Longest waiver a request may ask for, in days. */
  maxDays: number;
}
