/*
 * The generated typescript-service's CI, executed: the `run:` steps of the
 * rendered ci.yml gate jobs run in order, each job in a fresh copy of the
 * rendered repository, with npm against the real registry. Then the report
 * job pushes what they measured to a real scorecards backend and the
 * service's scorecard moves from `unknown` to pass/fail. Steps that cannot
 * run here are named with what covers them. Skip with GATEKEEPER_SKIP_E2E=1.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// the real scorecards backend the generated report job pushes to (test only)
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import fs from 'fs-extra';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { artifactEmulator } from './__testUtils__/ciEmulation';
import {
  expectCiFedGatesUnknown,
  expectGateJobsGreen,
} from './__testUtils__/ciAssertions';
import { formatCiReport, runCiJobs } from './__testUtils__/ciRunner';
import { TS_UNAVAILABLE as UNAVAILABLE } from './__testUtils__/unavailableSteps';
import {
  createThrowawayDatabase,
  ThrowawayDatabase,
} from './__testUtils__/throwawayDatabase';
import { gitCommitAll } from './__testUtils__/gitRepo';
import {
  makeTempDir,
  PARAMETER_SETS,
  policy,
  renderWithFetchTemplate,
} from './__testUtils__/templates';

const skip = process.env.GATEKEEPER_SKIP_E2E === '1';
const maybe = skip ? describe.skip : describe;

const GATE_JOBS = [
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
];

// npm audit --json as npm 10 writes it (metadata.vulnerabilities by severity)
const AUDIT_REPORT = {
  auditReportVersion: 2,
  vulnerabilities: {},
  metadata: {
    vulnerabilities: {
      info: 0,
      low: 0,
      moderate: 0,
      high: 0,
      critical: 0,
      total: 0,
    },
    dependencies: { total: 210 },
  },
};

// The test backend's service token (its mock auth accepts it and refuses
// any other); production checks the static token of backend.auth.externalAccess.
const TOKEN = mockCredentials.service.token();

/** The scorecard facts of the generated component, by fact id. */
async function reportedFacts(
  server: Parameters<typeof request>[0],
): Promise<Record<string, any>> {
  const facts = await request(server)
    .get(
      `/api/scorecards/entities/default/component/${PARAMETER_SETS[0].params.name}/facts`,
    )
    .set('authorization', `Bearer ${TOKEN}`);
  return Object.fromEntries(facts.body.items.map((f: any) => [f.fact, f]));
}

/** The report job pushed the run's facts. */
function expectReportedFacts(byId: Record<string, any>) {
  expect(byId['ci.run.commit'].value).toBe('a'.repeat(40));
  expect(byId['ci.run.url'].value).toBe(
    'https://github.com/acme/payments-api/actions/runs/4711/attempts/1',
  );
  expect(byId['ci.tests.failed'].value).toBe(0);
  expect(byId['ci.tests.total'].value).toBeGreaterThan(5);
  expect(byId['ci.coverage.lines'].value).toBeGreaterThanOrEqual(80);
  expect(byId['ci.coverage.lines'].source).toBe('push:gha.4711.1');
}

maybe(
  'typescript-service CI, executed, and its results on the scorecard',
  () => {
    let dir: string;
    let work: string;
    let db: ThrowawayDatabase;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let url: string;

    beforeAll(async () => {
      dir = await makeTempDir('ci-ts');
      work = await makeTempDir('ci-ts-jobs');
      db = await createThrowawayDatabase('gk_ts_it');
      await renderWithFetchTemplate(
        'typescript-service',
        PARAMETER_SETS[0].params,
        dir,
      );
      const entity = parseAllDocuments(
        await fs.readFile(path.join(dir, 'catalog-info.yaml'), 'utf8'),
      )[0].toJS();
      entity.metadata.namespace = 'default';
      entity.metadata.annotations[
        'backstage.io/managed-by-location'
      ] = `file:${dir}/catalog-info.yaml`;
      backend = await startTestBackend({
        features: [
          scorecardsPlugin,
          gatePolicyServiceFactory(policy),
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.rootConfig.factory({
            data: {
              backend: {
                auth: {
                  externalAccess: [
                    {
                      type: 'static',
                      options: { token: TOKEN, subject: 'ci' },
                    },
                  ],
                },
              },
              scorecards: {
                schedule: {
                  frequency: { hours: 1 },
                  timeout: { minutes: 5 },
                  initialDelay: { hours: 1 },
                },
              },
            },
          }),
        ],
      });
      url = `http://127.0.0.1:${
        (backend.server.address() as AddressInfo).port
      }`;
    }, 120_000);

    afterAll(async () => {
      await db?.drop();
      await backend?.stop();
      await fs.remove(dir);
      await fs.remove(work);
    }, 120_000);

    const env = () => ({
      ...process.env,
      NO_COLOR: '1',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
    });

    const gateStatus = async () => {
      const res = await request(backend.server)
        .get(
          `/api/scorecards/entities/default/component/${PARAMETER_SETS[0].params.name}`,
        )
        .set('authorization', `Bearer ${TOKEN}`);
      expect(res.status).toBe(200);
      return Object.fromEntries(
        res.body.gates.map((g: any) => [g.gateId, g.status]),
      );
    };

    it('runs every gate job green, then the report job turns the CI-fed gates from unknown to pass', async () => {
      expectCiFedGatesUnknown(await gateStatus());
      const artifacts = path.join(work, 'artifacts');
      const emulate = artifactEmulator(artifacts);
      const gates = await runCiJobs({
        repoDir: dir,
        workRoot: work,
        jobs: GATE_JOBS,
        unavailable: UNAVAILABLE,
        env: env(),
        emulate,
        prepare: cwd => gitCommitAll(cwd),
        // the postgres service container of the job is the local server here
        jobEnvOverrides: { 'integration-tests': db.env },
      });
      process.stderr.write(
        `${formatCiReport('typescript-service', gates.steps)}\n`,
      );
      await expectGateJobsGreen({
        run: gates,
        db,
        unavailable: UNAVAILABLE,
        minRan: 14,
      });
      expect(await fs.pathExists(path.join(work, 'build/dist/main.js'))).toBe(
        true,
      );
      await fs.outputJson(
        path.join(artifacts, 'dependency-report/reports/npm-audit.json'),
        AUDIT_REPORT,
      );

      const report = await runCiJobs({
        repoDir: dir,
        workRoot: work,
        jobs: [...GATE_JOBS, 'report'].filter(j => j === 'report'),
        unavailable: [],
        env: {
          ...env(),
          GITHUB_SHA: 'a'.repeat(40),
          GITHUB_RUN_ID: '4711',
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_REPOSITORY: 'acme/payments-api',
          GITHUB_SERVER_URL: 'https://github.com',
        },
        emulate,
        expressions: {
          'vars.GATEKEEPER_URL': url,
          'secrets.GATEKEEPER_CI_TOKEN': TOKEN,
        },
      });
      process.stderr.write(
        `${formatCiReport('typescript-service report', report.steps)}\n`,
      );
      expect(report.failures).toEqual([]);
      const after = await gateStatus();
      expect(after).toMatchObject({
        'coverage-lines': 'pass',
        'lint-clean': 'pass',
        'type-check-clean': 'pass',
        'no-critical-vulnerabilities': 'pass',
        'license-compliance': 'pass',
      });
      expectReportedFacts(await reportedFacts(backend.server));
    }, 600_000);

    it('a lint error fails the lint job and, reported, the lint-clean gate; a bad token is refused', async () => {
      await fs.writeFile(
        path.join(dir, 'src/broken.ts'),
        'export const x: any = 1;\n',
      );
      const artifacts = path.join(work, 'artifacts2');
      const emulate = artifactEmulator(artifacts);
      const run = await runCiJobs({
        repoDir: dir,
        workRoot: work,
        jobs: ['lint', 'report'],
        unavailable: [],
        env: {
          ...env(),
          GITHUB_RUN_ID: '4712',
          GITHUB_RUN_ATTEMPT: '2',
          GITHUB_REPOSITORY: 'acme/payments-api',
        },
        emulate,
        expressions: {
          'vars.GATEKEEPER_URL': url,
          'secrets.GATEKEEPER_CI_TOKEN': TOKEN,
        },
      });
      await fs.remove(path.join(dir, 'src/broken.ts'));
      expect(run.jobs).toEqual({ lint: 'failure', report: 'success' });
      expect(
        run.steps.find(s => s.step === 'Show the lint errors')?.outcome,
      ).toBe('failed');
      expect((await gateStatus())['lint-clean']).toBe('fail');

      const refused = await runCiJobs({
        repoDir: dir,
        workRoot: work,
        jobs: ['report'],
        unavailable: [
          {
            job: 'report',
            step: 'Download the reports',
            reason: 'no artifacts in this run',
            coveredBy: 'the first test',
          },
        ],
        env: env(),
        emulate,
        expressions: {
          'vars.GATEKEEPER_URL': url,
          'secrets.GATEKEEPER_CI_TOKEN': 'wrong-token',
        },
      });
      expect(refused.jobs.report).toBe('failure');
      expect(refused.failures.join('\n')).toMatch(/push failed: HTTP 401/);
    }, 180_000);
    it('fails its own unit-tests job when line coverage drops below 80%', async () => {
      // the unit-tests job directory of the first test still has node_modules
      const jobDir = path.join(work, 'unit-tests');
      const lines = Array.from(
        { length: 400 },
        (_, i) => `  if (x === ${i}) return ${i};`,
      );
      await fs.writeFile(
        path.join(jobDir, 'src/untested.ts'),
        `export function big(x: number): number {\n${lines.join(
          '\n',
        )}\n  return -1;\n}\n`,
      );
      await expect(
        promisify(execFile)('npm', ['test'], { cwd: jobDir, env: env() }),
      ).rejects.toMatchObject({
        stderr: expect.stringMatching(
          /Coverage for lines \([\d.]+%\) does not meet global threshold \(80%\)/,
        ),
      });
    }, 120_000);
    it('the built service passes its own smoke test', async () => {
      const jobDir = path.join(work, 'build');
      const port = 20000 + Math.floor(Math.random() * 2000);
      const server = execFile(process.execPath, ['dist/main.js'], {
        cwd: jobDir,
        env: { ...env(), PORT: String(port) },
      });
      try {
        const { stdout } = await promisify(execFile)(
          'bash',
          ['scripts/smoke-test.sh', `http://127.0.0.1:${port}`],
          { cwd: jobDir },
        );
        expect(stdout).toMatch(/smoke tests passed/);
      } finally {
        server.kill();
      }
    }, 60_000);
  },
);
