/*
 * Derived from the demo policy in the repository's backstage.config.ts (the
 * plan's stop-ship criteria), with remediation links to the public docs.
 */
import type { GatePolicy } from './gatePolicySchema';
import { defineGatePolicy } from './defineGatePolicy';

const docs =
  'https://github.com/gatekeeper-dev/gatekeeper/blob/main/docs/scorecards.md#gate';

/**
 * The built-in gate policy: Gatekeeper's stop-ship criteria (coverage, lint,
 * type check, vulnerabilities, licences, supply chain, ownership, SLOs, ...).
 * The scorecards backend and the scaffolder module use it when neither
 * `scorecards.policy` in app-config nor `gatePolicyServiceFactory` gives one.
 * Spread it into `defineGatePolicy` to start your own policy from it.
 *
 * Every gate has a TTL (`maxAge`). The gates decided by CI pushes and systems
 * of record (coverage, lint, type check, vulnerabilities, licences, branch
 * protection, error budget) set `requireObserved`: a configuration-only fact never
 * passes them. The other gates are decided from repository files and say
 * "configured, not yet observed" in their evidence (docs/gates.md).
 * @public
 */
export const defaultGatePolicy: GatePolicy = defineGatePolicy({
  version: 1,
  levels: ['bronze', 'silver', 'gold'],
  gates: [
    {
      id: 'coverage-lines',
      title: 'Line coverage at least 80%',
      severity: 'critical',
      category: 'quality',
      level: 'bronze',
      rationale:
        'Untested code is the main source of regressions that reach production.',
      remediation: `${docs}-coverage-lines`,
      rules: [{ op: 'gte', fact: 'ci.coverage.lines', value: 80 }],
      maxAge: 'P14D',
      requireObserved: true,
    },
    {
      id: 'lint-clean',
      title: 'Zero lint errors',
      severity: 'high',
      category: 'quality',
      level: 'bronze',
      rationale: 'Lint errors hide real defects and slow every review.',
      remediation: `${docs}-lint-clean`,
      rules: [{ op: 'eq', fact: 'ci.lint.errors', value: 0 }],
      maxAge: 'P14D',
      requireObserved: true,
    },
    {
      id: 'type-check-clean',
      title: 'Zero type errors',
      severity: 'high',
      category: 'quality',
      level: 'bronze',
      rationale: 'A type error is a bug the compiler already found for you.',
      remediation: `${docs}-type-check-clean`,
      rules: [{ op: 'eq', fact: 'ci.typecheck.errors', value: 0 }],
      maxAge: 'P14D',
      requireObserved: true,
    },
    {
      id: 'ci-quality-steps',
      title:
        'CI runs lint, type-check and unit tests with a coverage threshold',
      severity: 'high',
      category: 'quality',
      level: 'bronze',
      rationale:
        'Quality gates only protect main when CI enforces them on every change.',
      remediation: `${docs}-ci-quality-steps`,
      rules: [
        { op: 'truthy', fact: 'repo.workflow.lint' },
        { op: 'truthy', fact: 'repo.workflow.typecheck' },
        { op: 'truthy', fact: 'repo.workflow.unit-tests' },
        { op: 'truthy', fact: 'repo.workflow.coverage-threshold' },
      ],
      maxAge: 'P30D',
    },
    {
      id: 'no-critical-vulnerabilities',
      title: 'No critical or high vulnerabilities',
      severity: 'critical',
      category: 'security',
      level: 'bronze',
      rationale:
        'Known critical and high vulnerabilities are the most exploited path into production.',
      remediation: `${docs}-no-critical-vulnerabilities`,
      rules: [
        { op: 'eq', fact: 'ci.vulnerabilities.critical', value: 0 },
        { op: 'eq', fact: 'ci.vulnerabilities.high', value: 0 },
      ],
      maxAge: 'P7D',
      requireObserved: true,
    },
    {
      id: 'security-scans',
      title: 'CI runs SAST, secrets scan and dependency audit',
      severity: 'high',
      category: 'security',
      level: 'silver',
      rationale:
        'Vulnerability counts are only meaningful when the scanners actually run.',
      remediation: `${docs}-security-scans`,
      rules: [
        { op: 'truthy', fact: 'repo.workflow.sast' },
        { op: 'truthy', fact: 'repo.workflow.secrets-scan' },
        { op: 'truthy', fact: 'repo.workflow.dependency-audit' },
      ],
      maxAge: 'P30D',
    },
    {
      id: 'license-compliance',
      title: 'No dependency licence violations',
      severity: 'high',
      category: 'compliance',
      level: 'silver',
      rationale:
        'Shipping a dependency under a forbidden licence is a legal stop-ship.',
      remediation: `${docs}-license-compliance`,
      rules: [{ op: 'eq', fact: 'ci.licenses.violations', value: 0 }],
      maxAge: 'P30D',
      requireObserved: true,
    },
    {
      id: 'supply-chain-attestations',
      title: 'SBOM, signed artifacts and build provenance',
      severity: 'high',
      category: 'supply-chain',
      level: 'silver',
      rationale:
        'Consumers must be able to verify what was built, from which source, by whom.',
      remediation: `${docs}-supply-chain-attestations`,
      rules: [
        { op: 'truthy', fact: 'repo.workflow.sbom' },
        { op: 'truthy', fact: 'repo.workflow.signing' },
        { op: 'truthy', fact: 'repo.workflow.provenance' },
      ],
      maxAge: 'P30D',
    },
    {
      id: 'code-ownership',
      title: 'CODEOWNERS and PR template present',
      severity: 'critical',
      category: 'ownership',
      level: 'bronze',
      rationale:
        'Every change needs an accountable reviewer and a checklist before merge.',
      remediation: `${docs}-code-ownership`,
      rules: [
        { op: 'truthy', fact: 'repo.codeowners.present' },
        { op: 'truthy', fact: 'repo.pr-template.present' },
      ],
      maxAge: 'P30D',
    },
    {
      id: 'branch-protection',
      title: 'Branch protection with code-owner review on the default branch',
      severity: 'high',
      category: 'ownership',
      level: 'bronze',
      rationale:
        'Without branch protection CODEOWNERS and CI checks are advisory only.',
      remediation: `${docs}-branch-protection`,
      rules: [
        { op: 'truthy', fact: 'scm.branch-protection.enabled' },
        { op: 'truthy', fact: 'scm.branch-protection.code-owner-reviews' },
      ],
      maxAge: 'P30D',
      requireObserved: true,
    },
    {
      id: 'runbooks',
      title: 'Runbooks and a rollback playbook',
      severity: 'high',
      category: 'operations',
      level: 'silver',
      rationale:
        'On-call engineers need a tested way back within minutes, not a search.',
      remediation: `${docs}-runbooks`,
      rules: [
        { op: 'truthy', fact: 'repo.runbooks.present' },
        { op: 'truthy', fact: 'repo.rollback-playbook.present' },
      ],
      maxAge: 'P30D',
    },
    {
      id: 'slo-defined',
      title: 'SLOs defined',
      severity: 'high',
      category: 'reliability',
      level: 'silver',
      rationale:
        'Reliability cannot be managed, nor releases gated on it, without an objective.',
      remediation: `${docs}-slo-defined`,
      rules: [{ op: 'truthy', fact: 'slo.defined' }],
      // Decided by the SLO backend or, without one, by OpenSLO files in the
      // repository: defining an SLO is configuration, so both count.
      maxAge: 'P7D',
    },
    {
      id: 'error-budget-respected',
      title: 'Error budget respected (no freeze)',
      severity: 'critical',
      category: 'reliability',
      level: 'gold',
      rationale:
        'When the error budget is spent, reliability work comes before new features (SRE error budget policy).',
      remediation: `${docs}-error-budget-respected`,
      rules: [{ op: 'truthy', fact: 'slo.error-budget.respected' }],
      maxAge: 'PT6H',
      requireObserved: true,
    },
    {
      id: 'canary-analysis',
      title: 'Canary rollout with metric gates',
      severity: 'high',
      category: 'delivery',
      level: 'gold',
      rationale:
        'Progressive delivery with automated analysis limits the blast radius of a bad release.',
      remediation: `${docs}-canary-analysis`,
      rules: [
        { op: 'truthy', fact: 'repo.canary.present' },
        { op: 'truthy', fact: 'repo.canary.metric-analysis' },
      ],
      maxAge: 'P30D',
    },
    {
      id: 'observability-basics',
      title: 'Structured logging and health checks',
      severity: 'medium',
      category: 'operations',
      level: 'silver',
      rationale:
        'Structured logs and health endpoints are what orchestrators and on-call rely on.',
      remediation: `${docs}-observability-basics`,
      rules: [
        { op: 'truthy', fact: 'service.structured-logging' },
        { op: 'truthy', fact: 'service.health-check' },
      ],
      maxAge: 'P30D',
    },
    {
      id: 'data-contracts',
      title: 'Data contracts checked in CI (schema checks)',
      severity: 'medium',
      category: 'data',
      level: 'gold',
      rationale:
        'Breaking a published schema breaks consumers silently; checks make it loud.',
      remediation: `${docs}-data-contracts`,
      rules: [{ op: 'truthy', fact: 'repo.workflow.schema-check' }],
      maxAge: 'P30D',
    },
  ],
});
