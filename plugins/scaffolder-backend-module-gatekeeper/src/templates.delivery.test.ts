/*
 * The delivery half of the generated services, rendered with every answer
 * set: the Argo Rollouts canary (5 -> 25 -> 100 with SLO analysis and
 * rollback), the release workflow (after CI on main, by digest, scanned,
 * signed, attested and verified before each deploy), the new CI gate jobs,
 *; shellcheck in templates.shellcheck.test.ts.
 */
import fs from 'fs-extra';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { effectiveRunLines } from '@gatekeeper/plugin-scorecards-common';
import {
  makeTempDir,
  PARAMETER_SETS,
  renderWithFetchTemplate,
  TEMPLATE_NAMES,
} from './__testUtils__/templates';
import { listFiles } from './lib/workspace';

type Step = Record<string, any>;
type Job = { name?: string; if?: string; steps: Step[]; [k: string]: any };

/** `echo x >> "$GITHUB_OUTPUT"` hands a value to later steps: not a no-op. */
const setsRunnerFile = (run: string) =>
  /^\s*echo\b.*>>\s*"\$(GITHUB_OUTPUT|GITHUB_ENV|GITHUB_PATH)"\s*$/m.test(run);

const stepIndex = (job: Job, name: string) =>
  job.steps.findIndex(s => s.name === name);

describe.each(TEMPLATE_NAMES)('delivery of %s', templateName => {
  describe.each(PARAMETER_SETS)('rendered with $label', ({ params }) => {
    let dir: string;
    let files: string[];
    const read = (rel: string) => fs.readFile(path.join(dir, rel), 'utf8');
    const workflow = async (rel: string) =>
      parse(await read(`.github/workflows/${rel}`));

    beforeAll(async () => {
      dir = await makeTempDir('delivery');
      await renderWithFetchTemplate(templateName, params, dir);
      files = await listFiles(dir);
    });

    afterAll(async () => {
      await fs.remove(dir);
    });

    it('canaries 5% -> 25% -> 100% with an analysis gate before each promotion', async () => {
      const rollout = parse(await read('deploy/rollout.yaml'));
      const canary = rollout.spec.strategy.canary;
      const steps: Step[] = canary.steps;
      expect(steps.filter(s => 'setWeight' in s).map(s => s.setWeight)).toEqual(
        [5, 25, 100],
      );
      // every promotion (25, 100) is preceded by a pause and an analysis
      for (const weight of [25, 100]) {
        const at = steps.findIndex(s => s.setWeight === weight);
        expect(steps[at - 1].analysis).toBeDefined();
        expect(steps[at - 2].pause?.duration).toMatch(/^\d+m$/);
      }
      // and a background analysis from the 5% step on
      expect(canary.analysis.startingStep).toBe(1);
      const analysisName = `${params.name}-canary`;
      for (const a of [
        canary.analysis,
        ...steps.filter(s => s.analysis).map(s => s.analysis),
      ]) {
        expect(a.templates).toEqual([{ templateName: analysisName }]);
        expect(a.args).toEqual([
          {
            name: 'canary-hash',
            valueFrom: { podTemplateHashValue: 'Latest' },
          },
        ]);
      }
      // weights are request shares: the ingress-nginx router and its ingress
      const ingress = parse(await read('deploy/ingress.yaml'));
      expect(canary.trafficRouting.nginx.stableIngress).toBe(
        ingress.metadata.name,
      );
      expect(ingress.spec.rules[0].http.paths[0].backend.service.name).toBe(
        canary.stableService,
      );
    });

    it('analyses p95 latency against the latency SLO, error rate against the error budget, and saturation', async () => {
      const analysis = parse(await read('deploy/analysis-template.yaml'));
      expect(analysis).toMatchObject({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisTemplate',
        metadata: { name: `${params.name}-canary` },
      });
      const metrics = Object.fromEntries(
        analysis.spec.metrics.map((m: any) => [m.name, m]),
      );
      expect(Object.keys(metrics)).toEqual([
        'error-rate',
        'p95-latency',
        'saturation',
      ]);
      const slos = parseAllDocuments(await read('slo/openslo.yaml')).map(d =>
        d.toJS(),
      );
      const latency = slos.find(
        s => s.metadata.name === `${params.name}-latency`,
      );
      const threshold = latency.spec.objectives[0].value;
      expect(latency.spec.objectives[0].op).toBe('lte');
      expect(metrics['p95-latency'].successCondition).toBe(
        `len(result) > 0 && result[0] <= ${threshold}`,
      );
      expect(metrics['p95-latency'].provider.prometheus.query).toMatch(
        /^histogram_quantile\(0\.95, sum by \(le\) \(rate\(http_request_duration_seconds_bucket\{/,
      );
      expect(metrics['error-rate'].failureCondition).toBe(
        `len(result) > 0 && result[0] > 1 - ${params.sloObjective}`,
      );
      expect(metrics['error-rate'].provider.prometheus.query).toContain(
        'code=~"5.."',
      );
      expect(metrics.saturation.provider.prometheus.query).toContain(
        'container_memory_working_set_bytes',
      );
      for (const m of analysis.spec.metrics) {
        // a failed measurement beyond failureLimit fails the analysis -> abort
        expect(m.failureLimit).toBe(1);
        expect(m.count).toBeGreaterThanOrEqual(3);
        expect(m.provider.prometheus.address).toBe(
          '{{args.prometheus-address}}',
        );
      }
      expect(analysis.spec.args.map((a: any) => a.name)).toEqual([
        'canary-hash',
        'prometheus-address',
      ]);
    });

    it('never deploys a tag: the manifest holds an unpullable digest placeholder', async () => {
      const rollout = parse(await read('deploy/rollout.yaml'));
      const [container] = rollout.spec.template.spec.containers;
      const owner = new URLSearchParams(params.repoUrl.split('?')[1]).get(
        'owner',
      )!;
      expect(container.image).toBe(
        `ghcr.io/${owner.toLowerCase()}/${params.name}@sha256:${'0'.repeat(
          64,
        )}`,
      );
      for (const f of files.filter(x =>
        /^(deploy|\.github\/workflows)\//.test(x),
      )) {
        expect({ f, latest: (await read(f)).includes(':latest') }).toEqual({
          f,
          latest: false,
        });
      }
      expect(rollout.spec.template.spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
    });

    it('renders well-formed Kubernetes resources in deploy/', async () => {
      const docs = [];
      for (const f of files.filter(x => x.startsWith('deploy/'))) {
        for (const d of parseAllDocuments(await read(f))) docs.push(d.toJS());
      }
      expect(docs.map(d => d.kind).sort()).toEqual([
        'AnalysisTemplate',
        'Ingress',
        'Rollout',
        'Service',
        'Service',
      ]);
      for (const d of docs) {
        expect(d.apiVersion).toMatch(
          /^(v1|networking\.k8s\.io\/v1|argoproj\.io\/v1alpha1)$/,
        );
        expect(d.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        expect(d.metadata.labels['app.kubernetes.io/name']).toBe(params.name);
      }
    });

    it('releases only after CI succeeded on main, from main only', async () => {
      const release = await workflow('release.yml');
      expect(release.on).toEqual({
        workflow_run: {
          workflows: ['CI'],
          types: ['completed'],
          branches: ['main'],
        },
        // manual runs only choose the change type the release gate decides on
        workflow_dispatch: {
          inputs: {
            'change-type': expect.objectContaining({
              type: 'choice',
              options: ['normal', 'p0', 'security'],
            }),
          },
        },
      });
      const ci = await workflow('ci.yml');
      expect(ci.name).toBe('CI');
      const guard: string = release.jobs.image.if;
      for (const clause of [
        "github.event.workflow_run.conclusion == 'success'",
        "github.event.workflow_run.event == 'push'",
        "github.event.workflow_run.head_branch == 'main'",
        'github.event.workflow_run.head_repository.full_name == github.repository',
        "github.event_name == 'workflow_dispatch' && github.ref == 'refs/heads/main'",
      ]) {
        expect(guard).toContain(clause);
      }
      // every other job depends on the guarded image job
      for (const [id, job] of Object.entries<Job>(release.jobs)) {
        if (id === 'image') continue;
        const needs = [job.needs].flat();
        expect({
          id,
          needsImage: needs.includes('image') || needs.includes('production'),
        }).toEqual({ id, needsImage: true });
      }
      const check = release.jobs.image.steps.find(
        (s: Step) => s.name === 'CI passed on main for this commit',
      );
      expect(check.run).toMatch(/gh run list .*--workflow CI --branch main/s);
      expect(check.run).toContain('--status success');
      expect(release.env.RELEASE_SHA).toBe(
        '${{ github.event.workflow_run.head_sha || github.sha }}',
      );
    });

    it('builds once, pushes by digest, scans, signs and attests the image SBOM and provenance', async () => {
      const { jobs } = await workflow('release.yml');
      const image: Job = jobs.image;
      const build = image.steps.find(s => s.id === 'build')!;
      expect(build.with.tags).toBeUndefined();
      expect(build.with.outputs).toContain('push-by-digest=true');
      const order = [
        'Build and push by digest',
        'Scan the image (trivy, fail on HIGH and CRITICAL)',
        'SBOM of the image (syft)',
        'Sign the image and attest its SBOM (keyless)',
        'Attest build provenance',
      ].map(n => stepIndex(image, n));
      expect(order.every(i => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      const scan = image.steps[order[1]].run;
      expect(scan).toMatch(
        /trivy image --exit-code 1 --severity HIGH,CRITICAL/,
      );
      const sbom = image.steps[order[2]].with;
      expect(sbom.image).toBe(
        '${{ steps.meta.outputs.image }}@${{ steps.build.outputs.digest }}',
      );
      expect(image.steps[order[3]].run).toMatch(
        /cosign attest --yes --type spdxjson --predicate sbom\.spdx\.json/,
      );
      // exactly one image build in the whole release
      const builds = Object.values<Job>(jobs).flatMap(j =>
        (j.steps ?? []).filter(s =>
          /docker\/build-push-action|docker (image )?build/.test(
            `${s.uses} ${s.run}`,
          ),
        ),
      );
      expect(builds).toHaveLength(1);
    });

    it('verifies the signature before every deploy and rolls back to the last healthy revision', async () => {
      const { jobs } = await workflow('release.yml');
      expect(jobs.production.name).toBe('production-canary');
      for (const [id, deploy] of [
        ['staging', 'Deploy the digest to staging'],
        ['production', 'Start the canary'],
      ]) {
        const job: Job = jobs[id];
        const verify = stepIndex(
          job,
          'Verify the signature, SBOM and provenance of the digest',
        );
        expect(verify).toBeGreaterThanOrEqual(0);
        expect(verify).toBeLessThan(stepIndex(job, deploy));
        expect(job.steps[verify].run).toBe(
          './scripts/verify-image.sh "$IMAGE_REF"',
        );
        expect(job.env.IMAGE_REF).toBe(
          '${{ needs.image.outputs.image }}@${{ needs.image.outputs.digest }}',
        );
        expect(job.steps[stepIndex(job, deploy)].run).toContain(
          './scripts/set-image.sh "$IMAGE_REF"',
        );
      }
      const rollback: Job = jobs.rollback;
      expect(rollback.if).toBe(
        "failure() && needs.production.result == 'failure'",
      );
      expect(rollback.env.STABLE_IMAGE).toBe(
        '${{ needs.production.outputs.stable-image }}',
      );
      const script: string = rollback.steps.find((s: Step) =>
        /Abort/.test(s.name ?? ''),
      )!.run;
      const lines = script.split('\n').map(l => l.trim());
      const at = (re: RegExp) => lines.findIndex(l => re.test(l));
      expect(at(/argo rollouts abort/)).toBeLessThan(
        at(/verify-image\.sh "\$STABLE_IMAGE"/),
      );
      expect(at(/verify-image\.sh "\$STABLE_IMAGE"/)).toBeLessThan(
        at(/set-image\.sh "\$STABLE_IMAGE"/),
      );
      expect(at(/set-image\.sh/)).toBeLessThan(at(/kubectl apply/));
      const record = jobs.production.steps.find((s: Step) => s.id === 'stable');
      expect(stepIndex(jobs.production, record.name)).toBeLessThan(
        stepIndex(jobs.production, 'Start the canary'),
      );
    });

    it('has no continue-on-error and no step that only echoes', async () => {
      for (const f of files.filter(x => x.startsWith('.github/workflows/'))) {
        const text = await read(f);
        expect({ f, coe: /continue-on-error/.test(text) }).toEqual({
          f,
          coe: false,
        });
        for (const [id, job] of Object.entries<Job>(parse(text).jobs)) {
          for (const step of job.steps ?? []) {
            if (!step.run) continue;
            expect({
              f,
              id,
              step: step.name,
              real:
                effectiveRunLines(step.run).length > 0 ||
                setsRunnerFile(step.run),
            }).toEqual({ f, id, step: step.name, real: true });
          }
        }
      }
    });
  });
});
