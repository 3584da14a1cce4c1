import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  gatePolicyServiceFactory,
  gatePolicyServiceRef,
} from '@gatekeeper/plugin-scorecards-node';
import gatePolicy from './gatePolicy';

describe('backstage.config.ts gate policy', () => {
  it('holds every stop-ship criterion of the seed', () => {
    const byId = new Map(gatePolicy.gates.map(g => [g.id, g]));
    const facts = (id: string) => byId.get(id)?.rules.map(r => r.fact);

    expect(facts('coverage-lines')).toEqual(['ci.coverage.lines']);
    expect(byId.get('coverage-lines')?.rules[0]).toMatchObject({
      op: 'gte',
      value: 80,
    });
    expect(facts('lint-clean')).toEqual(['ci.lint.errors']);
    expect(facts('type-check-clean')).toEqual(['ci.typecheck.errors']);
    expect(facts('no-critical-vulnerabilities')).toEqual([
      'ci.vulnerabilities.critical',
      'ci.vulnerabilities.high',
    ]);
    expect(facts('license-compliance')).toEqual(['ci.licenses.violations']);
    expect(facts('supply-chain-attestations')).toEqual([
      'repo.workflow.sbom',
      'repo.workflow.signing',
      'repo.workflow.provenance',
    ]);
    expect(facts('code-ownership')).toEqual([
      'repo.codeowners.present',
      'repo.pr-template.present',
    ]);
    expect(facts('branch-protection')).toContain(
      'scm.branch-protection.enabled',
    );
    expect(facts('runbooks')).toEqual([
      'repo.runbooks.present',
      'repo.rollback-playbook.present',
    ]);
    expect(facts('slo-defined')).toEqual(['slo.defined']);
    expect(facts('error-budget-respected')).toEqual([
      'slo.error-budget.respected',
    ]);
    expect(facts('canary-analysis')).toEqual([
      'repo.canary.present',
      'repo.canary.metric-analysis',
    ]);
    expect(facts('observability-basics')).toEqual([
      'service.structured-logging',
      'service.health-check',
    ]);
    expect(facts('data-contracts')).toEqual(['repo.workflow.schema-check']);
    for (const gate of gatePolicy.gates) {
      expect(gate.remediation).toMatch(/^https:\/\//);
      expect(gatePolicy.levels).toContain(gate.level);
    }
  });

  it('serves the validated policy to backend plugins', async () => {
    let seen: string[] = [];
    await startTestBackend({
      features: [
        gatePolicyServiceFactory(gatePolicy),
        mockServices.rootConfig.factory({ data: {} }),
        createBackendPlugin({
          pluginId: 'probe',
          register(reg) {
            reg.registerInit({
              deps: { policy: gatePolicyServiceRef },
              async init({ policy }) {
                seen = policy.getPolicy().gates.map(g => g.id);
              },
            });
          },
        }),
      ],
    });
    expect(seen).toEqual(gatePolicy.gates.map(g => g.id));
  });

  it('fails start-up with an error naming the invalid field', () => {
    const broken = {
      ...gatePolicy,
      gates: gatePolicy.gates.map((g, i) =>
        i === 2 ? { ...g, severity: 'blocker' } : g,
      ),
    };
    expect(() => gatePolicyServiceFactory(broken)).toThrow(
      `gates[2].severity (gate "${gatePolicy.gates[2].id}")`,
    );
  });

  it('holds the demo campaign as code, on gates of the policy', () => {
    expect(gatePolicy.campaigns).toEqual([
      expect.objectContaining({
        id: 'ownership-and-protection',
        owner: 'group:default/platform-team',
        target: { gates: ['code-ownership', 'branch-protection'] },
      }),
    ]);
  });
});
