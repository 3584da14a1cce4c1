import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  authorize,
  IdempotencyStore,
  IdempotencyTiming,
  IdempotentResult,
  principalScope,
  runIdempotent,
} from '@gatekeeper/gatekeeper-node';
import {
  CreateWaiverRequest,
  DEFAULT_WAIVER_MAX_DAYS,
  EntityScorecard,
  GatePolicy,
  scorecardsWaiversManagePermission,
  scorecardsWaiversRequestPermission,
  WaiverRequest,
  WaiverRequestState,
} from '@gatekeeper/plugin-scorecards-common';
import { RawWaiver } from '../engine/waivers';
import {
  WaiverRequestDecision,
  WaiverRequestStore,
} from './WaiverRequestStore';

const DAY_MS = 86_400_000;

/** The operation recorded with Idempotency-Keys of POST /waiver-requests. */
export const CREATE_WAIVER_REQUEST_OPERATION = 'create-waiver-request';

/** Options of {@link WaiverRequestService}. */
export interface WaiverRequestServiceOptions {
  store: WaiverRequestStore;
  policy: GatePolicy;
  permissions: PermissionsService;
  /** Resolves the caller's groups for the gates' `approvers`. */
  userInfo?: UserInfoService;
  idempotency: IdempotencyStore;
  idempotencyTiming?: IdempotencyTiming;
  /** The stored (or first) scorecard of an entity. */
  getScorecard: (entityRef: string) => Promise<EntityScorecard>;
  /** Re-evaluates an entity now (after a waiver was approved). */
  evaluate: (entityRef: string) => Promise<EntityScorecard>;
  now: () => number;
}

/** The signed-in user behind the credentials; service principals may not. */
function userRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  if (principal.type !== 'user' || !principal.userEntityRef) {
    throw new NotAllowedError('Waiver requests need a signed-in user');
  }
  return principal.userEntityRef;
}

/**
 * Waiver requests: an owner asks to waive a failing gate until a date within
 * the policy's maximum; a platform member (`scorecards.waivers.manage`) or a
 * configured approver of the gate decides; an approved request is a waiver of
 * the entity's evaluation until it expires.
 */
export class WaiverRequestService {
  constructor(private readonly options: WaiverRequestServiceOptions) {}

  /** Longest waiver a request may ask for, in days. */
  get maxDays(): number {
    return this.options.policy.waivers?.maxDays ?? DEFAULT_WAIVER_MAX_DAYS;
  }

  /** Approved, unexpired requests of an entity as raw waivers (evaluation). */
  async activeWaivers(entityRef: string, now: number): Promise<RawWaiver[]> {
    const active = await this.options.store.listActive(entityRef, now);
    return active.map(r => ({
      source: 'request' as const,
      requestId: r.id,
      value: {
        gate: r.gateId,
        reason: r.reason,
        approver: r.decidedBy ?? 'unknown',
        expires: r.expiresAt,
      },
    }));
  }

  /** Creates a request (idempotent per caller and Idempotency-Key). */
  async create(
    input: CreateWaiverRequest,
    credentials: BackstageCredentials,
    idempotencyKey?: string,
  ): Promise<IdempotentResult<WaiverRequest>> {
    const requestedBy = userRef(credentials);
    await authorize({
      permissions: this.options.permissions,
      credentials,
      permission: scorecardsWaiversRequestPermission,
      resourceRef: input.entityRef,
    });
    const expiresAt = this.parseExpiry(input.expires);
    const gate = this.options.policy.gates.find(g => g.id === input.gate);
    if (!gate) {
      throw new InputError(`Unknown gate "${input.gate}"`);
    }
    return runIdempotent({
      ...this.options.idempotencyTiming,
      store: this.options.idempotency,
      scope: principalScope(credentials),
      key: idempotencyKey,
      operation: CREATE_WAIVER_REQUEST_OPERATION,
      requestBody: input,
      handler: async () => {
        await this.assertWaivable(input.entityRef, input.gate);
        const created = await this.options.store.create({
          entityRef: input.entityRef,
          gateId: input.gate,
          reason: input.reason,
          expiresAt,
          requestedBy,
          now: this.options.now(),
        });
        return { statusCode: 201, body: created };
      },
    });
  }

  /** Approves, rejects or withdraws an open request. */
  async decide(options: {
    id: string;
    to: WaiverRequestDecision;
    comment?: string;
    credentials: BackstageCredentials;
  }): Promise<WaiverRequest> {
    const { id, to, credentials } = options;
    const actor = userRef(credentials);
    const request = await this.get(id);
    if (to === 'withdrawn') {
      if (request.requestedBy !== actor) {
        throw new NotAllowedError('Only the requester may withdraw a request');
      }
    } else {
      if (request.requestedBy === actor) {
        throw new NotAllowedError('You cannot decide your own waiver request');
      }
      const [canDecide] = await this.canDecide([request], credentials);
      if (!canDecide) {
        throw new NotAllowedError(
          `Not allowed: ${scorecardsWaiversManagePermission.name} or an approver of gate "${request.gateId}"`,
        );
      }
    }
    if (request.state !== 'requested') {
      throw new ConflictError(`Waiver request ${id} is ${request.state}`);
    }
    const decided = await this.options.store.decide({
      id,
      to,
      actor,
      comment: options.comment,
      now: this.options.now(),
    });
    if (!decided) {
      throw new ConflictError(`Waiver request ${id} was decided meanwhile`);
    }
    if (to === 'approved') {
      await this.options.evaluate(decided.entityRef);
    }
    return decided;
  }

  /** One request; NotFoundError when unknown. */
  async get(id: string): Promise<WaiverRequest> {
    const request = await this.options.store.get(id, this.options.now());
    if (!request) {
      throw new NotFoundError(`No waiver request ${id}`);
    }
    return request;
  }

  /** Requests by entity and state, with whether the caller may decide each. */
  async list(
    filter: { entityRef?: string; state?: WaiverRequestState },
    credentials: BackstageCredentials,
    isVisible: (entityRef: string) => boolean,
  ): Promise<WaiverRequest[]> {
    const items = (
      await this.options.store.list({ ...filter, now: this.options.now() })
    ).filter(r => isVisible(r.entityRef));
    const decidable = await this.canDecide(items, credentials);
    return items.map((r, i) => ({
      ...r,
      canDecide: decidable[i] && r.state === 'requested',
    }));
  }

  /**
   * Whether the caller may approve or reject each request: not their own,
   * and they hold `scorecards.waivers.manage` or are an approver of the
   * request's gate.
   */
  private async canDecide(
    requests: WaiverRequest[],
    credentials: BackstageCredentials,
  ): Promise<boolean[]> {
    const principal = credentials.principal as Partial<BackstageUserPrincipal>;
    const user = principal.type === 'user' ? principal.userEntityRef : '';
    if (!user || requests.length === 0) return requests.map(() => false);
    const [decision] = await this.options.permissions.authorize(
      [{ permission: scorecardsWaiversManagePermission }],
      { credentials },
    );
    const manager = decision?.result === AuthorizeResult.ALLOW;
    const claims = manager
      ? new Set<string>()
      : await this.claims(user, credentials);
    return requests.map(r => {
      if (r.requestedBy === user) return false;
      if (manager) return true;
      const gate = this.options.policy.gates.find(g => g.id === r.gateId);
      return (gate?.approvers ?? []).some(a =>
        claims.has(a.toLocaleLowerCase('en-US')),
      );
    });
  }

  /** The user's ref and ownership refs (groups), lower-cased. */
  private async claims(
    user: string,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const refs = [user];
    if (this.options.userInfo) {
      const info = await this.options.userInfo
        .getUserInfo(credentials)
        .catch(() => undefined);
      refs.push(...(info?.ownershipEntityRefs ?? []));
    }
    return new Set(refs.map(r => r.toLocaleLowerCase('en-US')));
  }

  private parseExpiry(expires: string): number {
    const expiresAt = new Date(expires).getTime();
    if (Number.isNaN(expiresAt)) {
      throw new InputError('expires must be an ISO date or date-time');
    }
    const now = this.options.now();
    if (expiresAt <= now) {
      throw new InputError('expires must be in the future');
    }
    if (expiresAt > now + this.maxDays * DAY_MS) {
      throw new InputError(
        `expires must be within ${this.maxDays} days (the policy's maximum)`,
      );
    }
    return expiresAt;
  }

  /** The gate applies to the entity, does not pass, and has no open request. */
  private async assertWaivable(entityRef: string, gateId: string) {
    const scorecard = await this.options.getScorecard(entityRef);
    const result = scorecard.gates.find(g => g.gateId === gateId);
    if (!result) {
      throw new InputError(`Gate "${gateId}" does not apply to ${entityRef}`);
    }
    if (result.status === 'pass' || result.status === 'waived') {
      throw new ConflictError(
        `Gate "${gateId}" of ${entityRef} is ${
          result.status === 'pass' ? 'passing' : 'already waived'
        }`,
      );
    }
    const open = await this.options.store.list({
      entityRef,
      state: 'requested',
      now: this.options.now(),
    });
    if (open.some(r => r.gateId === gateId)) {
      throw new ConflictError(
        `An open waiver request for gate "${gateId}" of ${entityRef} exists`,
      );
    }
  }
}
