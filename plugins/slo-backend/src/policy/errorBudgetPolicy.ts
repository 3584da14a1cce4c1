import {
  ChangeKind,
  FreezeStatus,
  GateDecision,
  SloReportError,
  SloStatus,
} from '@gatekeeper/plugin-slo-common';

export interface ErrorBudgetPolicy {
  /** Percent of the window budget one incident may consume before a postmortem is required. */
  postmortemThresholdPercent: number;
  /** Change kinds allowed during a freeze, e.g. `P0`, `security`. */
  exceptions: string[];
  postmortemBlocksChanges: boolean;
}

export const DEFAULT_POLICY: ErrorBudgetPolicy = {
  postmortemThresholdPercent: 20,
  exceptions: ['P0', 'security'],
  postmortemBlocksChanges: false,
};

/**
 * SRE workbook error budget policy: freeze when any SLO has spent its window
 * budget (remaining <= 0); a postmortem is required for every incident that
 * consumed more than the threshold of the budget and has no postmortem yet;
 * an active override lifts the freeze.
 */
export function evaluateFreeze(options: {
  slos: SloStatus[];
  incidents: { id: string; percent?: number; postmortemUrl?: string }[];
  override?: { by: string; reason: string; expiresAt: string };
  policy: ErrorBudgetPolicy;
}): FreezeStatus {
  const { policy } = options;
  const reasons: string[] = [];
  for (const slo of options.slos) {
    if (slo.errorBudget.total > 0 && slo.errorBudget.remaining <= 0) {
      reasons.push(
        `SLO ${
          slo.name
        }: error budget exhausted (${slo.errorBudget.remainingPercent.toFixed(
          1,
        )}% remaining over ${slo.timeWindow.duration})`,
      );
    }
  }
  const postmortemRequired = options.incidents
    .filter(
      i =>
        i.percent !== undefined &&
        i.percent > policy.postmortemThresholdPercent &&
        !i.postmortemUrl,
    )
    .map(i => ({ incidentId: i.id, percent: i.percent! }));
  const budgetFrozen = reasons.length > 0;
  const frozen = budgetFrozen && !options.override;
  if (budgetFrozen && options.override) {
    reasons.push(
      `freeze overridden by ${options.override.by} until ${options.override.expiresAt}: ${options.override.reason}`,
    );
  }
  return {
    frozen,
    reasons,
    exceptions: [...policy.exceptions],
    postmortemRequired,
    ...(options.override ? { override: options.override } : {}),
  };
}

/** `only P0 changes are allowed`, `only P0 and security changes ...`, or `no changes are allowed`. */
export function describeExceptions(exceptions: string[]): string {
  const kinds = exceptions.map(e => e.trim()).filter(Boolean);
  if (!kinds.length) {
    return 'no changes are allowed (the policy has no exceptions)';
  }
  const list =
    kinds.length === 1
      ? kinds[0]
      : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
  return `only ${list} changes are allowed`;
}

/** Deploy gate decision for a change of the given kind. */
export function decideGate(options: {
  entityRef: string;
  change: ChangeKind;
  slos: number;
  freeze: FreezeStatus;
  policy: ErrorBudgetPolicy;
  errors?: SloReportError[];
  now: Date;
}): GateDecision {
  const { freeze, change, policy } = options;
  const reasons: string[] = [];
  let decision: 'allow' | 'deny' = 'allow';
  const isException = policy.exceptions.some(
    e => e.toLowerCase() === change.toLowerCase(),
  );
  if (options.slos === 0) {
    reasons.push('no SLOs defined for this entity');
  }
  if (freeze.frozen) {
    if (isException) {
      reasons.push(
        `error budget freeze in effect, allowed as a ${change} change (policy exception)`,
      );
    } else {
      decision = 'deny';
      reasons.push(
        `error budget freeze in effect: ${describeExceptions(
          policy.exceptions,
        )}`,
      );
    }
  }
  reasons.push(...freeze.reasons);
  if (freeze.postmortemRequired.length) {
    const list = freeze.postmortemRequired
      .map(p => `${p.incidentId} (${p.percent.toFixed(1)}% of the budget)`)
      .join(', ');
    reasons.push(`postmortem required for ${list}`);
    if (policy.postmortemBlocksChanges && !isException) {
      decision = 'deny';
    }
  }
  const notEvaluated = options.errors ?? [];
  for (const error of notEvaluated) {
    reasons.push(
      `not evaluated: ${
        error.slo &&
        !error.message.includes(`SLO ${error.slo}`) &&
        !error.message.includes(`'${error.slo}'`)
          ? `${error.slo}: ${error.message}`
          : error.message
      }`,
    );
  }
  if (decision === 'allow' && reasons.length === 0) {
    reasons.push('all error budgets within policy');
  }
  return {
    entityRef: options.entityRef,
    decision,
    reasons,
    slos: options.slos,
    ...(notEvaluated.length ? { notEvaluated } : {}),
    evaluatedAt: options.now.toISOString(),
    freeze,
    change,
  };
}
