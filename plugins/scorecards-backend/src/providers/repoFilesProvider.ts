import {
  ProvidedFacts,
  ScorecardFactProvider,
} from '@gatekeeper/plugin-scorecards-node';
import { checkCodeowners } from './codeowners';
import { prop, yamlDocuments } from './yamlDocuments';

const CODEOWNERS_PATHS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
];
const PR_TEMPLATE =
  /^(\.github\/|docs\/)?(pull_request_template\.md|pull_request_template\/[^/]+\.md)$/i;
const RUNBOOK = /(^|\/)runbooks?(\/|[^/]*\.md$)/i;
const ROLLBACK = /rollback[^/]*\.md$/i;
const YAML = /\.ya?ml$/i;

function hasSloDocument(doc: unknown): boolean {
  const apiVersion = String(prop(doc, 'apiVersion') ?? '').toLowerCase();
  const kind = prop(doc, 'kind');
  if (apiVersion.startsWith('openslo/') && kind === 'SLO') return true;
  if (
    apiVersion.startsWith('sloth.slok.dev/') &&
    kind === 'PrometheusServiceLevel'
  ) {
    return true;
  }
  return (
    prop(doc, 'version') === 'prometheus/v1' && Array.isArray(prop(doc, 'slos'))
  );
}

function nonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** Canary facts of one YAML document (Argo Rollouts or Flagger). */
function canaryOf(doc: unknown): { present: boolean; analysis: boolean } {
  const kind = prop(doc, 'kind');
  const apiVersion = String(prop(doc, 'apiVersion') ?? '');
  if (kind === 'Rollout' && apiVersion.startsWith('argoproj.io/')) {
    const canary = prop(doc, 'spec', 'strategy', 'canary');
    if (!canary || typeof canary !== 'object') {
      return { present: false, analysis: false };
    }
    const steps = prop(canary, 'steps');
    const stepAnalysis =
      Array.isArray(steps) &&
      steps.some(step => nonEmptyArray(prop(step, 'analysis', 'templates')));
    const background = nonEmptyArray(prop(canary, 'analysis', 'templates'));
    return { present: true, analysis: stepAnalysis || background };
  }
  if (kind === 'Canary' && apiVersion.startsWith('flagger.app/')) {
    const metrics =
      prop(doc, 'spec', 'analysis', 'metrics') ??
      prop(doc, 'spec', 'canaryAnalysis', 'metrics');
    return { present: true, analysis: nonEmptyArray(metrics) };
  }
  return { present: false, analysis: false };
}

/**
 * Facts from repository files: CODEOWNERS, PR template, runbooks and
 * rollback playbook, SLO definitions (OpenSLO / Sloth) and canary config
 * (Argo Rollouts with analysis, Flagger with metrics).
 */
export function createRepoFilesProvider(): ScorecardFactProvider {
  return {
    id: 'repo-files',
    evidence: 'configured',
    facts: [
      'repo.readable',
      'repo.codeowners.present',
      'repo.codeowners.valid',
      'repo.codeowners.errors',
      'repo.pr-template.present',
      'repo.runbooks.present',
      'repo.rollback-playbook.present',
      'slo.defined',
      'repo.canary.present',
      'repo.canary.metric-analysis',
    ],
    async provide({ getRepository }) {
      const repo = await getRepository();
      if (!repo) return {};
      const facts: ProvidedFacts = { 'repo.readable': true };

      const codeownersPath = CODEOWNERS_PATHS.find(p => repo.paths.includes(p));
      const codeowners = codeownersPath
        ? checkCodeowners((await repo.read(codeownersPath)) ?? '')
        : undefined;
      facts['repo.codeowners.present'] = (codeowners?.rules ?? 0) > 0;
      facts['repo.codeowners.valid'] =
        codeowners !== undefined &&
        codeowners.rules > 0 &&
        codeowners.errors.length === 0;
      facts['repo.codeowners.errors'] = codeowners?.errors.length ?? 0;

      facts['repo.pr-template.present'] = repo.paths.some(p =>
        PR_TEMPLATE.test(p),
      );

      let runbooks = false;
      let rollback = false;
      let slo = false;
      let canaryPresent = false;
      let canaryAnalysis = false;
      for (const file of repo.paths) {
        const isMarkdown = file.toLowerCase().endsWith('.md');
        if (isMarkdown && (RUNBOOK.test(file) || ROLLBACK.test(file))) {
          const content = (await repo.read(file))?.trim() ?? '';
          if (content.length > 0) {
            if (RUNBOOK.test(file)) runbooks = true;
            if (ROLLBACK.test(file)) rollback = true;
          }
        }
        if (YAML.test(file) && !file.startsWith('.github/workflows/')) {
          const content = await repo.read(file);
          if (!content) continue;
          if (
            !/(openslo|sloth|prometheus\/v1|argoproj\.io|flagger\.app)/.test(
              content,
            )
          ) {
            continue;
          }
          for (const doc of yamlDocuments(content)) {
            if (hasSloDocument(doc)) slo = true;
            const canary = canaryOf(doc);
            canaryPresent ||= canary.present;
            canaryAnalysis ||= canary.analysis;
          }
        }
      }
      facts['repo.runbooks.present'] = runbooks;
      facts['repo.rollback-playbook.present'] = rollback;
      facts['slo.defined'] = slo;
      facts['repo.canary.present'] = canaryPresent;
      facts['repo.canary.metric-analysis'] = canaryAnalysis;
      return facts;
    },
  };
}
