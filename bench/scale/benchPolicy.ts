/*
 * The gates of the scale benchmark: repository facts only (what both
 * systems read from the same repositories), as a Gatekeeper policy and as
 * the equivalent Tech Insights json-rules-engine checks.
 */
import { parseGatePolicy } from '@gatekeeper/plugin-scorecards-common';

/** Id of the Tech Insights fact retriever of the benchmark. */
export const RETRIEVER_ID = 'benchRepoFactRetriever';

const GATES: Array<[string, string[]]> = [
  ['codeowners', ['repo.codeowners.present']],
  ['codeowners-valid', ['repo.codeowners.valid']],
  ['pr-template', ['repo.pr-template.present']],
  ['runbooks', ['repo.runbooks.present']],
  ['rollback', ['repo.rollback-playbook.present']],
  ['slo', ['slo.defined']],
  ['canary', ['repo.canary.present', 'repo.canary.metric-analysis']],
  ['ci-present', ['repo.workflow.present']],
  ['ci-lint', ['repo.workflow.lint']],
  ['ci-typecheck', ['repo.workflow.typecheck']],
  ['ci-unit-tests', ['repo.workflow.unit-tests']],
  ['ci-secrets', ['repo.workflow.secrets-scan']],
];

/** Every fact the gates read. */
export const BENCH_FACTS = [...new Set(GATES.flatMap(([, facts]) => facts))];

/**
 * The Gatekeeper policy: the repository gates plus one gate on a fact CI
 * pushes (`ci.tests.passed`), used to time push-to-visible during a refresh.
 */
export function benchPolicy() {
  return parseGatePolicy({
    version: 1,
    levels: ['bronze', 'silver'],
    gates: [...GATES, ['ci-tests', ['ci.tests.passed']] as const].map(
      ([id, facts], i) => ({
        id,
        title: `Gate ${id}`,
        severity: i % 2 ? 'high' : 'medium',
        category: 'operations',
        level: i < 6 ? 'bronze' : 'silver',
        rationale: 'Scale benchmark gate.',
        remediation: `https://example.com/gates/${id}`,
        rules: facts.map(fact => ({ op: 'truthy', fact })),
      }),
    ),
  });
}

/** The same gates as jsonfc checks (`techInsights.factChecker.checks`). */
export function benchJsonfcChecks(): Record<string, unknown> {
  return Object.fromEntries(
    GATES.map(([id, facts]) => [
      id,
      {
        type: 'json-rules-engine',
        name: `Gate ${id}`,
        description: 'Scale benchmark gate.',
        factIds: [RETRIEVER_ID],
        rule: {
          conditions: {
            all: facts.map(fact => ({ fact, operator: 'equal', value: true })),
          },
        },
      },
    ]),
  );
}
