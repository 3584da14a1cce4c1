/*
 * The generated release's stop-ship step, executed: the rendered
 * release.yml's `Gatekeeper release gate` step (exactly as the workflow
 * writes it) asks a real scorecards backend, which asks a real SLO backend,
 * for an allowed entity, one with a failing critical gate, one in an
 * error-budget freeze, and with a wrong token / an unreachable gate.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// the real backends the generated release gate step asks (test only)
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@gatekeeper/plugin-slo-backend';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import fs from 'fs-extra';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { referencedFiles } from './lib/referencedFiles';
import { parseWorkflow } from './lib/workflows';
import {
  findReleaseGateStep,
  runReleaseGateStep,
} from './__testUtils__/releaseGateStep';
import {
  makeTempDir,
  PARAMETER_SETS,
  policy,
  renderWithFetchTemplate,
} from './__testUtils__/templates';

const skip = process.env.GATEKEEPER_SKIP_E2E === '1';
const maybe = skip ? describe.skip : describe;

const TOKEN = mockCredentials.service.token();
const SHA = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c';
const NAME = PARAMETER_SETS[0].params.name;

/** CI facts as the generated report job pushes them (all gates green). */
const greenFacts = (coverage: number) => ({
  'ci.coverage.lines': coverage,
  'ci.lint.errors': 0,
  'ci.typecheck.errors': 0,
  'ci.vulnerabilities.critical': 0,
  'ci.vulnerabilities.high': 0,
  'ci.licenses.violations': 0,
  'ci.run.commit': SHA,
  'ci.run.url':
    'https://github.com/acme/payments-api/actions/runs/9/attempts/1',
});

async function startBackends(dir: string) {
  const rendered = parseAllDocuments(
    await fs.readFile(path.join(dir, 'catalog-info.yaml'), 'utf8'),
  )[0].toJS() as Entity;
  const copy = (name: string): Entity => ({
    ...rendered,
    metadata: {
      ...rendered.metadata,
      name,
      namespace: 'default',
      annotations: {
        ...rendered.metadata.annotations,
        'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
      },
    },
  });
  const backend = await startTestBackend({
    features: [
      scorecardsPlugin,
      sloPlugin,
      gatePolicyServiceFactory(policy),
      catalogServiceMock.factory({
        entities: [copy(NAME), copy(`${NAME}-blocked`), copy(`${NAME}-frozen`)],
      }),
      mockServices.rootConfig.factory({
        data: {
          scorecards: {
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 5 },
              initialDelay: { hours: 1 },
            },
          },
          slo: {
            demo: {
              seedIncidents: false,
              profiles: {
                [NAME]: { burnRate: 0.1 },
                [`${NAME}-blocked`]: { burnRate: 0.1 },
                [`${NAME}-frozen`]: { burnRate: 2 },
              },
            },
          },
        },
      }),
    ],
  });
  for (const [name, coverage] of [
    [NAME, 91],
    [`${NAME}-blocked`, 52],
    [`${NAME}-frozen`, 91],
  ] as const) {
    const res = await request(backend.server)
      .post('/api/scorecards/facts')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({
        entityRef: `component:default/${name}`,
        source: 'gha.9.1',
        facts: greenFacts(coverage),
      });
    if (res.status !== 200) throw new Error(`push ${name}: ${res.status}`);
  }
  const url = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }`;
  return { backend, url };
}

for (const template of ['typescript-service', 'python-service']) {
  maybe(`${template} release: the Gatekeeper release gate step`, () => {
    let dir: string;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let url: string;

    beforeAll(async () => {
      dir = await makeTempDir(`release-gate-${template}`);
      await renderWithFetchTemplate(template, PARAMETER_SETS[0].params, dir);
      ({ backend, url } = await startBackends(dir));
    }, 120_000);
    afterAll(async () => {
      await backend?.stop();
      await fs.remove(dir);
    });

    const run = (
      over: {
        entityRef?: string;
        change?: string;
        token?: string;
        url?: string;
      } = {},
    ) =>
      runReleaseGateStep({
        repoDir: dir,
        expressions: {
          'vars.GATEKEEPER_URL': over.url ?? url,
          'secrets.GATEKEEPER_DEPLOY_GATE_TOKEN': over.token ?? TOKEN,
          'vars.GATEKEEPER_ENTITY_REF': over.entityRef ?? '',
          'inputs.change-type': over.change ?? '',
          // workflow_run: the released commit is the CI run's head
          'env.RELEASE_SHA': SHA,
        },
        // GITHUB_SHA of a workflow_run is the default branch's newest commit
        env: { GITHUB_SHA: 'f'.repeat(40) },
      });

    it('runs in its own job that production needs, so a denial skips production and its rollback', async () => {
      const { workflow, jobId } = await findReleaseGateStep(dir);
      expect(workflow.jobs.production.needs).toContain(jobId);
      expect(workflow.jobs.rollback.needs).toEqual(['production']);
      expect(String(workflow.jobs.rollback.if)).toContain(
        "needs.production.result == 'failure'",
      );
    });

    it('references a script that baseline verify finds in the rendered repository', async () => {
      const file = '.github/workflows/release.yml';
      const refs = referencedFiles([
        parseWorkflow(file, await fs.readFile(path.join(dir, file), 'utf8')),
      ]).filter(r => r.job === 'release-gate');
      expect(refs.map(r => r.path)).toEqual([
        template === 'typescript-service'
          ? 'scripts/check-release-gate.mjs'
          : 'scripts/check_release_gate.py',
      ]);
      expect(await fs.pathExists(path.join(dir, refs[0].path))).toBe(true);
    });

    it('allows the service named in catalog-info.yaml: exit 0, reasons in the log', async () => {
      const { code, log } = await run();
      expect([code, log]).toEqual([
        0,
        expect.stringContaining('decision: ALLOW'),
      ]);
      expect(log).toContain(
        `asking the release gate for component:default/${NAME} at ${SHA} (normal change)`,
      );
      expect(log).toMatch(/ {2}- allowed: no critical gate blocks/);
      expect(log).toContain(
        `scorecard CI facts describe ${SHA} (run https://github.com/acme/payments-api/actions/runs/9/attempts/1)`,
      );
    }, 60_000);

    it('stops a service whose critical coverage gate fails: exit 1, the reason printed', async () => {
      const { code, log } = await run({
        entityRef: `component:default/${NAME}-blocked`,
      });
      expect([code, log]).toEqual([
        1,
        expect.stringContaining('decision: DENY'),
      ]);
      expect(log).toMatch(
        / {2}- critical gate coverage-lines fails: ci.coverage.lines: 52 < 80/,
      );
      expect(log).toContain('blocking gate: coverage-lines (fail)');
    }, 60_000);

    it('stops a normal change in an error-budget freeze and lets a P0 change through as an exception', async () => {
      const frozen = await run({ entityRef: `${NAME}-frozen` });
      expect(frozen.code).toBe(1);
      expect(frozen.log).toContain(
        'error-budget policy denies a normal change',
      );
      expect(frozen.log).toMatch(
        /error budget: SLO .*: error budget exhausted/,
      );
      const p0 = await run({ entityRef: `${NAME}-frozen`, change: 'p0' });
      expect([p0.code, p0.log]).toEqual([
        0,
        expect.stringContaining('decision: ALLOW'),
      ]);
      expect(p0.log).toMatch(/exception applied: .*allowed as a p0 change/);
    }, 60_000);

    it('fails closed with exit 2 on a wrong token and on an unreachable gate', async () => {
      const refused = await run({ token: 'wrong-token' });
      expect(refused.code).toBe(2);
      expect(refused.log).toMatch(/the release gate answered HTTP 401/);
      expect(refused.log).toContain('the release is stopped');
      const unreachable = await run({ url: 'http://127.0.0.1:9' });
      expect(unreachable.code).toBe(2);
      expect(unreachable.log).toMatch(/the release gate is unreachable/);
      const noToken = await run({ token: '' });
      expect(noToken.code).toBe(2);
      expect(noToken.log).toContain('GATEKEEPER_DEPLOY_GATE_TOKEN is not set');
    }, 60_000);
  });
}
