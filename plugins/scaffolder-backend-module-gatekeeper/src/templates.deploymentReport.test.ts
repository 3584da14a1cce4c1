/*
 * The generated release's deployment and rollback reports, executed: the
 * `Report the ... to Gatekeeper` steps of the rendered release.yml (exactly
 * as the workflow writes them) post to a real SLO backend, whose delivery
 * metrics then count them; a re-run of a step stores its event once.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// the real backend the generated report steps post to (test only)
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@gatekeeper/plugin-slo-backend';
import fs from 'fs-extra';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { referencedFiles } from './lib/referencedFiles';
import { parseWorkflow } from './lib/workflows';
import {
  makeTempDir,
  PARAMETER_SETS,
  renderWithFetchTemplate,
} from './__testUtils__/templates';
import { runWorkflowStep } from './__testUtils__/releaseGateStep';

const skip = process.env.GATEKEEPER_SKIP_E2E === '1';
const maybe = skip ? describe.skip : describe;

const TOKEN = mockCredentials.service.token();
const SHA = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c';
const NAME = PARAMETER_SETS[0].params.name;
const FILE = '.github/workflows/release.yml';

async function startSlo(dir: string) {
  const entity = parseAllDocuments(
    await fs.readFile(path.join(dir, 'catalog-info.yaml'), 'utf8'),
  )[0].toJS() as Entity;
  entity.metadata.namespace = 'default';
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      catalogServiceMock.factory({ entities: [entity] }),
      mockServices.rootConfig.factory({
        data: {
          slo: { demo: { seedIncidents: false, seedDeployments: false } },
        },
      }),
    ],
  });
  const url = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }`;
  return { backend, url };
}

/** The report step of a job, run in bash like a runner with `${{ }}` filled in. */
async function runReportStep(options: {
  dir: string;
  job: string;
  expressions: Record<string, string>;
  env: Record<string, string>;
}): Promise<{ code: number; log: string }> {
  const workflow = parse(
    await fs.readFile(path.join(options.dir, FILE), 'utf8'),
  );
  const step = workflow.jobs[options.job].steps.find((s: any) =>
    /^Report the (deployment|rollback) to Gatekeeper$/.test(s.name),
  );
  return runWorkflowStep({ ...options, repoDir: options.dir, step });
}

for (const template of ['typescript-service', 'python-service']) {
  maybe(`${template} release: deployment and rollback reports`, () => {
    let dir: string;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let url: string;

    beforeAll(async () => {
      dir = await makeTempDir(`deployment-report-${template}`);
      await renderWithFetchTemplate(template, PARAMETER_SETS[0].params, dir);
      ({ backend, url } = await startSlo(dir));
    }, 120_000);
    afterAll(async () => {
      await backend?.stop();
      await fs.remove(dir);
    });

    const run = (
      job: string,
      over: {
        token?: string;
        status?: string;
        strict?: boolean;
        startedAt?: string;
      } = {},
    ) =>
      runReportStep({
        dir,
        job,
        expressions: {
          'vars.GATEKEEPER_URL': url,
          'secrets.GATEKEEPER_CI_TOKEN': over.token ?? TOKEN,
          'vars.GATEKEEPER_ENTITY_REF': '',
          'job.status': over.status ?? 'success',
          'env.RELEASE_SHA': SHA,
          'github.event.workflow_run.head_commit.timestamp': new Date(
            Date.now() - 3 * 3_600_000,
          ).toISOString(),
          'needs.image.outputs.digest': `sha256:${'a'.repeat(64)}`,
        },
        env: {
          GITHUB_RUN_ID: '4242',
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: `acme/${NAME}`,
          // set by the deploy step through $GITHUB_ENV
          GATEKEEPER_STARTED_AT:
            over.startedAt ?? new Date(Date.now() - 600_000).toISOString(),
          ...(over.strict ? { GATEKEEPER_REPORT_STRICT: '1' } : {}),
        },
      });

    const metrics = async () =>
      (
        await request(backend.server)
          .get(`/api/slo/metrics/entity/component/default/${NAME}?window=7d`)
          .set('Authorization', `Bearer ${TOKEN}`)
          .expect(200)
      ).body.metrics;

    it('reports from staging, production and rollback, with scripts baseline verify finds', async () => {
      const refs = referencedFiles([
        parseWorkflow(FILE, await fs.readFile(path.join(dir, FILE), 'utf8')),
      ]).filter(r => /report[-_]deployment/.test(r.path));
      expect([...new Set(refs.map(r => r.job))].sort()).toEqual([
        'production',
        'rollback',
        'staging',
      ]);
      for (const ref of refs) {
        expect(await fs.pathExists(path.join(dir, ref.path))).toBe(true);
      }
    });

    it('stores each event once and the metrics count the production ones', async () => {
      const staging = await run('staging');
      expect([staging.code, staging.log]).toEqual([
        0,
        expect.stringContaining('stored'),
      ]);
      const first = await run('production');
      expect(first.log).toContain(
        `reporting deployment gh-4242-1-deployment-production of component:default/${NAME} (production)`,
      );
      expect(first.log).toMatch(/: stored/);
      const again = await run('production');
      expect([again.code, again.log]).toEqual([
        0,
        expect.stringContaining('already stored (replay)'),
      ]);
      // the rollback starts after the failed canary was reported
      const rollback = await run('rollback', {
        startedAt: new Date().toISOString(),
      });
      expect(rollback.log).toMatch(/: stored/);
      const m = await metrics();
      expect(m.deploymentFrequency.samples).toBe(1);
      // head commit 3 h before the end of the deployment
      expect(m.leadTimeMedian.value).toBeGreaterThanOrEqual(179);
      expect(m.leadTimeMedian.value).toBeLessThanOrEqual(182);
      expect(m.rollbackTime).toMatchObject({ samples: 1, target: 10 });
      expect(m.changeFailureRate.value).toBe(100);
    }, 60_000);

    it('warns without stopping the release on a refused token, and fails in strict mode', async () => {
      const warned = await run('production', { token: 'wrong' });
      expect([warned.code, warned.log]).toEqual([
        0,
        expect.stringContaining('::warning::deployment not reported'),
      ]);
      const strict = await run('production', { token: 'wrong', strict: true });
      expect([strict.code, strict.log]).toEqual([
        2,
        expect.stringContaining('HTTP 401'),
      ]);
    }, 60_000);
  });
}
