import { Entity } from '@backstage/catalog-model';
import { GatePolicy } from '@gatekeeper/plugin-scorecards-common';

/** A small two-level policy: a critical bronze gate and a silver one. */
export const fixturePolicy: GatePolicy = {
  version: 1,
  levels: ['bronze', 'silver'],
  gates: [
    {
      id: 'coverage',
      title: 'Line coverage',
      severity: 'critical',
      category: 'quality',
      level: 'bronze',
      rationale: 'Untested code breaks.',
      remediation: 'https://example.com/coverage',
      rules: [{ op: 'gte', fact: 'ci.coverage.lines', value: 80 }],
    },
    {
      id: 'error-budget',
      title: 'Error budget respected',
      severity: 'high',
      category: 'reliability',
      level: 'silver',
      rationale: 'Spent budgets stop risky changes.',
      remediation: 'https://example.com/slo',
      rules: [{ op: 'truthy', fact: 'slo.error-budget.respected' }],
    },
    {
      id: 'module-fact',
      title: 'Fact from a module',
      severity: 'low',
      category: 'quality',
      level: 'silver',
      rationale: 'Modules add facts.',
      remediation: 'https://example.com/module',
      rules: [{ op: 'truthy', fact: 'test.module' }],
    },
  ],
};

function component(name: string, owner: string, system?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner, system },
  };
}

/** Fixture catalog: two groups (parent/child), a system, three components. */
export const fixtureEntities: Entity[] = [
  component('good', 'team-a', 'shop'),
  component('spent', 'team-b', 'shop'),
  component('waived', 'team-b'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'team-a', domain: 'commerce' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'org', namespace: 'default' },
    spec: { type: 'org', children: ['team-a', 'team-b'] },
  },
  ...['team-a', 'team-b'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', parent: 'org', children: [] },
  })),
];

/** Seed facts file content (YAML) for the fixture catalog. */
export const fixtureSeedFacts = [
  'facts:',
  '  - entityRef: component:default/good',
  '    source: ci',
  '    facts: { ci.coverage.lines: 91 }',
  '  - entityRef: component:default/spent',
  '    facts: { ci.coverage.lines: 85 }',
  '  - entityRef: component:default/waived',
  '    facts: { ci.coverage.lines: 10 }',
].join('\n');

/** Waivers file content: the critical gate of `waived`, until 2099. */
export const fixtureWaivers = [
  'waivers:',
  '  - entityRef: component:default/waived',
  '    gate: coverage',
  '    reason: legacy code being replaced',
  '    approver: user:default/lead',
  '    expires: 2099-01-01',
].join('\n');
