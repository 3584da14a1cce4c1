import path from 'path';
import { entity, run, tempRepo } from '../__testUtils__/providerHarness';
import { createAnnotationsProvider } from './annotationsProvider';
import { checkCodeowners } from './codeowners';
import { createRepoFilesProvider } from './repoFilesProvider';
import { createWorkflowProvider } from './workflowProvider';

const demoRepo = (name: string) =>
  path.resolve(__dirname, '../../../../demo/repos', name);

describe('codeowners', () => {
  it('checks owners', () => {
    expect(
      checkCodeowners('# c\n* @org/team\n/docs/ a@b.io @user # note\n'),
    ).toEqual({ rules: 2, errors: [] });
    const bad = checkCodeowners('* org-team\n/a/\n');
    expect(bad.rules).toBe(0);
    expect(bad.errors).toEqual([
      'line 1: malformed owner org-team',
      'line 2: "/a/" has no owner',
    ]);
  });
});

describe('repo files provider', () => {
  const provider = createRepoFilesProvider();

  it('finds codeowners, PR template, runbooks, SLOs and Argo canary with analysis', async () => {
    const dir = tempRepo({
      '.github/CODEOWNERS': '* @org/team\n',
      '.github/PULL_REQUEST_TEMPLATE.md': '## checklist',
      'runbooks/service.md': '# Runbook',
      'runbooks/rollback.md': '# Rollback',
      'slo/slo.yaml':
        'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }\n',
      'deploy/rollout.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Rollout
spec:
  strategy:
    canary:
      steps:
        - setWeight: 10
        - analysis:
            templates: [{ templateName: success }]
`,
    });
    expect(await run(provider, dir)).toEqual({
      'repo.readable': true,
      'repo.codeowners.present': true,
      'repo.codeowners.valid': true,
      'repo.codeowners.errors': 0,
      'repo.pr-template.present': true,
      'repo.runbooks.present': true,
      'repo.rollback-playbook.present': true,
      'slo.defined': true,
      'repo.canary.present': true,
      'repo.canary.metric-analysis': true,
    });
  });

  it('reports absent files as false and malformed codeowners', async () => {
    const dir = tempRepo({
      CODEOWNERS: '* not-an-owner\n',
      'docs/rollback.md': '   ',
      'deploy/rollout.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    canary:\n      steps: [{ setWeight: 20 }]\n',
      'broken.yaml': 'argoproj.io: [',
    });
    const facts = await run(provider, dir);
    expect(facts).toMatchObject({
      'repo.codeowners.present': false,
      'repo.codeowners.valid': false,
      'repo.codeowners.errors': 1,
      'repo.pr-template.present': false,
      'repo.runbooks.present': false,
      'repo.rollback-playbook.present': false,
      'slo.defined': false,
      'repo.canary.present': true,
      'repo.canary.metric-analysis': false,
    });
  });

  it('detects Flagger canaries with metrics and Sloth SLOs', async () => {
    const dir = tempRepo({
      'canary.yaml':
        'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    metrics: [{ name: request-success-rate }]\n',
      'sloth.yaml': 'version: prometheus/v1\nservice: x\nslos: []\n',
      'rollout.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    blueGreen: {}\n',
    });
    expect(await run(provider, dir)).toMatchObject({
      'slo.defined': true,
      'repo.canary.present': true,
      'repo.canary.metric-analysis': true,
    });
  });

  it('returns nothing when there is no repository', async () => {
    expect(await run(provider, undefined)).toEqual({});
  });

  it('reads the demo repositories', async () => {
    expect(await run(provider, demoRepo('payments-service'))).toMatchObject({
      'repo.codeowners.present': true,
      'repo.pr-template.present': true,
      'repo.runbooks.present': true,
      'repo.rollback-playbook.present': true,
      'repo.canary.present': true,
      'repo.canary.metric-analysis': true,
    });
    expect(await run(provider, demoRepo('recommendations'))).toMatchObject({
      'repo.codeowners.present': true,
      'repo.runbooks.present': false,
      'repo.canary.present': false,
    });
    expect(await run(provider, demoRepo('gatekeeper-portal'))).toMatchObject({
      'repo.codeowners.present': true,
      'repo.codeowners.valid': false,
      'repo.runbooks.present': true,
      'repo.rollback-playbook.present': false,
    });
  });
});

describe('workflow provider', () => {
  const provider = createWorkflowProvider();

  it('detects every step kind from parsed workflows', async () => {
    const dir = tempRepo({
      '.github/workflows/ci.yml': `
on: push
jobs:
  build:
    steps:
      - run: npx eslint .
      - run: npx tsc --noEmit
      - run: npx jest --coverage --coverageThreshold='{"global":{"lines":80}}'
      - run: buf breaking --against .git#branch=main
  security:
    steps:
      - uses: returntocorp/semgrep-action@v1
      - uses: trufflesecurity/trufflehog@main
      - uses: actions/dependency-review-action@v4
      - run: syft . -o spdx-json
      - run: cosign sign --yes image
      - uses: slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2
`,
      '.github/workflows/broken.yaml': 'jobs: [',
    });
    expect(await run(provider, dir)).toEqual({
      'repo.workflow.present': true,
      'repo.workflow.lint': true,
      'repo.workflow.typecheck': true,
      'repo.workflow.unit-tests': true,
      'repo.workflow.coverage-threshold': true,
      'repo.workflow.sast': true,
      'repo.workflow.secrets-scan': true,
      'repo.workflow.dependency-audit': true,
      'repo.workflow.sbom': true,
      'repo.workflow.signing': true,
      'repo.workflow.provenance': true,
      'repo.workflow.schema-check': true,
    });
  });

  it('reports missing steps as false and no workflows as unknown', async () => {
    const dir = tempRepo({
      '.github/workflows/ci.yml':
        'jobs:\n  build:\n    steps:\n      - run: echo hello\n      - uses: codecov/codecov-action@v4\n',
    });
    const facts = await run(provider, dir);
    expect(facts['repo.workflow.lint']).toBe(false);
    expect(facts['repo.workflow.coverage-threshold']).toBe(false);
    expect(facts['repo.workflow.sast']).toBe(false);
    expect(await run(provider, tempRepo({ 'README.md': 'x' }))).toEqual({
      'repo.workflow.present': false,
    });
    expect(await run(provider, undefined)).toEqual({});
  });

  it('counts a test-tool threshold when unit tests run in CI', async () => {
    const workflow =
      'on: pull_request\njobs:\n  test:\n    steps:\n      - run: npm test\n';
    const vitest =
      'export default { test: { coverage: { thresholds: { lines: 80 } } } };\n';
    const withConfig = await run(
      provider,
      tempRepo({
        '.github/workflows/ci.yml': workflow,
        'vitest.config.ts': vitest,
      }),
    );
    expect(withConfig['repo.workflow.coverage-threshold']).toBe(true);
    // only root config files count, and only when tests run in CI
    const nested = await run(
      provider,
      tempRepo({
        '.github/workflows/ci.yml': workflow,
        'pkg/vitest.config.ts': vitest,
      }),
    );
    expect(nested['repo.workflow.coverage-threshold']).toBe(false);
    const noTests = await run(
      provider,
      tempRepo({
        '.github/workflows/ci.yml':
          'jobs:\n  a:\n    steps:\n      - run: echo hello\n',
        'vitest.config.ts': vitest,
      }),
    );
    expect(noTests['repo.workflow.coverage-threshold']).toBe(false);
  });

  it.each(['typescript-service', 'python-service'])(
    'finds every workflow gate in the %s template skeleton',
    async template => {
      const facts = await run(
        provider,
        path.resolve(__dirname, '../../../../templates', template, 'skeleton'),
      );
      expect(facts).toEqual(
        Object.fromEntries(provider.facts.map(fact => [fact, true])),
      );
    },
  );

  it('reads the demo workflows', async () => {
    const portal = await run(provider, demoRepo('gatekeeper-portal'));
    expect(portal).toMatchObject({
      'repo.workflow.lint': true,
      'repo.workflow.coverage-threshold': true,
      'repo.workflow.sast': true,
      'repo.workflow.secrets-scan': false,
      'repo.workflow.sbom': false,
    });
    const payments = await run(provider, demoRepo('payments-service'));
    expect(Object.values(payments).every(v => v === true)).toBe(true);
  });
});

describe('annotations provider', () => {
  it('maps annotations to facts', async () => {
    const provider = createAnnotationsProvider();
    expect(
      await run(
        provider,
        undefined,
        entity({
          'gatekeeper.dev/health-check': '/healthz',
          'gatekeeper.dev/structured-logging': 'false',
        }),
      ),
    ).toEqual({
      'service.health-check': true,
      'service.structured-logging': false,
      'catalog.owner.present': true,
    });
    expect(await run(provider, undefined, entity({}, {}))).toEqual({
      'service.health-check': false,
      'service.structured-logging': false,
      'catalog.owner.present': false,
    });
  });
});
