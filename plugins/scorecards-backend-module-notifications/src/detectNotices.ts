import { NoticeKind, NotificationsConfig } from './config';

/** What the notifier remembers of one entity between runs. */
export interface EntityState {
  verdict: string;
  /** Ids of gates failing. */
  failing: string[];
  /** gateId -> expiry of the active waiver. */
  waivers: Record<string, string>;
  frozen: boolean;
  /** Incidents waiting for a postmortem. */
  postmortems: string[];
  /** Keys of the conditions already notified (one notification per condition until it changes). */
  notified: string[];
}

/** A waiver request of the entity, as the scorecards API lists it. */
export interface ObservedWaiverRequest {
  id: string;
  gateId: string;
  state: string;
  reason: string;
  expiresAt: string;
  requestedBy: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
}

/** What a run observed of one entity. */
export interface Observation {
  entityRef: string;
  owner?: string;
  verdict: string;
  gates: {
    gateId: string;
    title: string;
    status: string;
    expiresAt?: string;
  }[];
  frozen: boolean;
  freezeReasons: string[];
  postmortems: string[];
  /** Open and decided waiver requests (newest first). */
  waiverRequests?: ObservedWaiverRequest[];
}

/** One notification to send. */
export interface Notice {
  kind: NoticeKind;
  /** Stable key of the condition (de-duplication). */
  key: string;
  title: string;
  description: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
  /** Path below the entity page. */
  path: string;
}

const DAY = 86_400_000;

function verdictAndGateNotices(o: Observation): Notice[] {
  const out: Notice[] = [];
  if (o.verdict === 'blocked') {
    out.push({
      kind: 'verdictBlocked',
      key: 'verdict:blocked',
      title: `${o.entityRef} is blocked from release`,
      description: `A critical gate fails: ${o.gates
        .filter(g => g.status === 'fail')
        .map(g => g.title)
        .join(', ')}.`,
      severity: 'high',
      path: '/scorecard',
    });
  }
  for (const g of o.gates.filter(x => x.status === 'fail')) {
    out.push({
      kind: 'gateFailing',
      key: `gate-failing:${g.gateId}`,
      title: `Gate "${g.title}" fails on ${o.entityRef}`,
      description: `The gate ${g.gateId} started failing; the scorecard shows its evidence and remediation.`,
      severity: 'normal',
      path: '/scorecard',
    });
  }
  return out;
}

function waiverNotices(
  o: Observation,
  previous: EntityState | undefined,
  now: Date,
  config: NotificationsConfig,
): Notice[] {
  const out: Notice[] = [];
  for (const g of o.gates.filter(x => x.expiresAt)) {
    const left = Date.parse(g.expiresAt!) - now.getTime();
    if (left >= 0 && left <= config.waiverWarningDays * DAY) {
      out.push({
        kind: 'waiverExpiring',
        key: `waiver-expiring:${g.gateId}:${g.expiresAt}`,
        title: `Waiver for "${g.title}" on ${
          o.entityRef
        } expires in ${Math.ceil(left / DAY)} day(s)`,
        description: `The waiver expires at ${g.expiresAt}; fix the gate or renew the waiver.`,
        severity: 'normal',
        path: '/scorecard',
      });
    }
  }
  for (const [gateId, expiresAt] of Object.entries(previous?.waivers ?? {})) {
    const still = o.gates.find(g => g.gateId === gateId && g.expiresAt);
    if (!still && Date.parse(expiresAt) <= now.getTime()) {
      out.push({
        kind: 'waiverExpired',
        key: `waiver-expired:${gateId}:${expiresAt}`,
        title: `Waiver for gate ${gateId} on ${o.entityRef} has expired`,
        description: `The waiver expired at ${expiresAt}; the gate counts again.`,
        severity: 'high',
        path: '/scorecard',
      });
    }
  }
  return out;
}

function freezeAndPostmortemNotices(o: Observation): Notice[] {
  const out: Notice[] = [];
  if (o.frozen) {
    out.push({
      kind: 'freeze',
      key: 'freeze:on',
      title: `Error-budget freeze started on ${o.entityRef}`,
      description: o.freezeReasons.join(' ') || 'The error budget is spent.',
      severity: 'critical',
      path: '/slo',
    });
  }
  for (const id of o.postmortems) {
    out.push({
      kind: 'postmortemRequired',
      key: `postmortem:${id}`,
      title: `A postmortem is required for incident ${id} on ${o.entityRef}`,
      description:
        'The incident used more than the policy threshold of the error budget.',
      severity: 'high',
      path: '/incidents',
    });
  }
  return out;
}

/** Decisions are announced for this long after they were made. */
const DECISION_NOTICE_MS = 7 * DAY;

function waiverRequestNotices(o: Observation, now: Date): Notice[] {
  const out: Notice[] = [];
  const title = (gateId: string) =>
    o.gates.find(g => g.gateId === gateId)?.title ?? gateId;
  for (const r of o.waiverRequests ?? []) {
    if (r.state === 'requested') {
      out.push({
        kind: 'waiverRequested',
        key: `waiver-request:${r.id}:requested`,
        title: `Waiver requested for "${title(r.gateId)}" on ${o.entityRef}`,
        description: `${r.requestedBy} asks to waive ${r.gateId} until ${r.expiresAt}: ${r.reason}. Platform members or the gate's approvers decide it under Scorecards, Waiver requests.`,
        severity: 'normal',
        path: '/scorecard',
      });
    }
    const decidedAt = r.decidedAt ? Date.parse(r.decidedAt) : NaN;
    if (
      (r.state === 'approved' || r.state === 'rejected') &&
      now.getTime() - decidedAt <= DECISION_NOTICE_MS
    ) {
      out.push({
        kind: 'waiverDecided',
        key: `waiver-request:${r.id}:${r.state}`,
        title: `Waiver request for "${title(r.gateId)}" on ${o.entityRef} ${
          r.state
        }`,
        description: `${r.decidedBy ?? 'An approver'} ${
          r.state
        } the waiver of ${r.gateId}${
          r.state === 'approved' ? ` until ${r.expiresAt}` : ''
        }${r.decisionComment ? `: ${r.decisionComment}` : '.'}`,
        severity: r.state === 'approved' ? 'normal' : 'high',
        path: '/scorecard',
      });
    }
  }
  return out;
}

/** Every condition that holds now, in a stable order (verdict, gates, waivers, freeze, postmortems, waiver requests). */
function conditions(
  o: Observation,
  previous: EntityState | undefined,
  now: Date,
  config: NotificationsConfig,
): Notice[] {
  return [
    ...verdictAndGateNotices(o),
    ...waiverNotices(o, previous, now, config),
    ...freezeAndPostmortemNotices(o),
    ...waiverRequestNotices(o, now),
  ];
}

/** Kinds that describe a state rather than a deadline: not announced on first sight. */
const STATE_KINDS: NoticeKind[] = ['verdictBlocked', 'gateFailing'];

/**
 * Compares what a run observed with what was remembered. Every condition
 * that holds now and was not notified before becomes a notice (so one
 * notification per entity and cause until the condition clears and comes
 * back); a freeze that ended is announced once. On the first sight of an
 * entity, standing verdicts and failing gates are remembered without
 * notifying (no flood when the notifier is installed); deadlines, freezes
 * and postmortems are announced. Kinds switched off in config are dropped.
 */
export function detectNotices(options: {
  observation: Observation;
  previous?: EntityState;
  now: Date;
  config: NotificationsConfig;
}): { notices: Notice[]; state: EntityState } {
  const { observation: o, previous, now, config } = options;
  const holding = conditions(o, previous, now, config);
  const notified = new Set(previous?.notified ?? []);
  const fresh = holding.filter(
    n =>
      !notified.has(n.key) &&
      !(previous === undefined && STATE_KINDS.includes(n.kind)),
  );
  if (previous?.frozen && !o.frozen) {
    fresh.push({
      kind: 'freeze',
      key: `freeze:ended:${now.toISOString()}`,
      title: `Error-budget freeze ended on ${o.entityRef}`,
      description: 'Normal changes may be released again.',
      severity: 'normal',
      path: '/slo',
    });
  }
  const state: EntityState = {
    verdict: o.verdict,
    failing: o.gates.filter(g => g.status === 'fail').map(g => g.gateId),
    waivers: Object.fromEntries(
      o.gates.filter(g => g.expiresAt).map(g => [g.gateId, g.expiresAt!]),
    ),
    frozen: o.frozen,
    postmortems: o.postmortems,
    notified: holding.map(n => n.key),
  };
  return { notices: fresh.filter(n => config.kinds[n.kind]), state };
}
