import {
  COVERAGE_THRESHOLD_CONFIGS,
  coverageThresholdInConfig,
  WORKFLOW_CAPABILITY_FACTS,
  WorkflowCapability,
  workflowCapabilities,
} from '@gatekeeper/plugin-scorecards-common';
import {
  ProvidedFacts,
  RepositoryFiles,
  ScorecardFactProvider,
} from '@gatekeeper/plugin-scorecards-node';
import { yamlDocuments } from './yamlDocuments';

const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/i;

const FACTS = Object.entries(WORKFLOW_CAPABILITY_FACTS) as [
  WorkflowCapability,
  string,
][];

/**
 * Whether a test-tool config file at the repository root (vitest/jest
 * thresholds, pytest `--cov-fail-under`, ...) enforces a line threshold.
 */
async function hasConfiguredThreshold(repo: RepositoryFiles): Promise<boolean> {
  const candidates = repo.paths.filter(
    p =>
      !p.includes('/') && COVERAGE_THRESHOLD_CONFIGS.some(c => c.file.test(p)),
  );
  for (const file of candidates) {
    const text = await repo.read(file);
    if (text && coverageThresholdInConfig(file, text)) return true;
  }
  return false;
}

/**
 * Facts from GitHub Actions workflows (`.github/workflows/*.yml`, parsed as
 * YAML): which quality, security and supply-chain steps CI runs, detected by
 * the shared `workflowCapabilities` of scorecards-common (the same rules the
 * scaffolder's baseline verify uses). `repo.workflow.coverage-threshold`
 * also holds when unit tests run in CI and the test tool's config enforces a
 * line threshold, as in baseline verify. A repository without workflows gets
 * `repo.workflow.present: false` and unknown step facts.
 */
export function createWorkflowProvider(): ScorecardFactProvider {
  return {
    id: 'ci-workflows',
    // A workflow that mentions a step says it should run, not that it ran.
    evidence: 'configured',
    facts: ['repo.workflow.present', ...FACTS.map(([, fact]) => fact)],
    async provide({ getRepository }) {
      const repo = await getRepository();
      if (!repo) return {};
      const found = new Set<WorkflowCapability>();
      let workflows = 0;
      for (const file of repo.paths.filter(p => WORKFLOW_FILE.test(p))) {
        const content = await repo.read(file);
        if (!content) continue;
        for (const doc of yamlDocuments(content)) {
          const report = workflowCapabilities(doc);
          if (!report) continue;
          workflows++;
          report.capabilities.forEach(cap => found.add(cap));
        }
      }
      const facts: ProvidedFacts = { 'repo.workflow.present': workflows > 0 };
      // Without GitHub workflows CI may run elsewhere (Jenkins, GitLab, ...):
      // the step facts stay unknown rather than false.
      if (workflows === 0) return facts;
      if (
        found.has('unit-tests') &&
        !found.has('coverage-threshold') &&
        (await hasConfiguredThreshold(repo))
      ) {
        found.add('coverage-threshold');
      }
      for (const [capability, fact] of FACTS) {
        facts[fact] = found.has(capability);
      }
      return facts;
    },
  };
}
