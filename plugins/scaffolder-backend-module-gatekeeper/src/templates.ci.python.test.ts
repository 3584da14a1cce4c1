/*
 * The generated python-service's CI, executed: the `run:` steps of the
 * rendered ci.yml gate jobs run in order, each job in a fresh copy of the
 * rendered repository, in one virtualenv standing in for setup-python. Then
 * the report job pushes what they measured to a real scorecards backend.
 * Steps that cannot run here are named with what covers them. Needs a
 * Python >= 3.11 with venv (GATEKEEPER_PYTHON, else found on the machine);
 * skipped without one and with GATEKEEPER_SKIP_E2E=1.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'fs-extra';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gitCommitAll } from './__testUtils__/gitRepo';
import { artifactEmulator } from './__testUtils__/ciEmulation';
import {
  expectCiFedGatesUnknown,
  expectGateJobsGreen,
} from './__testUtils__/ciAssertions';
import { formatCiReport, runCiJobs } from './__testUtils__/ciRunner';
import { PY_UNAVAILABLE as UNAVAILABLE } from './__testUtils__/unavailableSteps';
import {
  createThrowawayDatabase,
  ThrowawayDatabase,
} from './__testUtils__/throwawayDatabase';
import {
  CI_TOKEN,
  startScorecardsFor,
} from './__testUtils__/scorecardsBackend';
import {
  makeTempDir,
  PARAMETER_SETS,
  renderWithFetchTemplate,
} from './__testUtils__/templates';

const run = promisify(execFile);

function findPython(): string | undefined {
  const pyenv = path.join(os.homedir(), '.pyenv/versions');
  const candidates = [
    process.env.GATEKEEPER_PYTHON,
    ...(fs.existsSync(pyenv)
      ? fs
          .readdirSync(pyenv)
          .filter(v => /^3\.1[1-9]\./.test(v))
          .map(v => path.join(pyenv, v, 'bin/python3'))
      : []),
    'python3.11',
    'python3.12',
    'python3',
  ].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    try {
      execFileSync(
        candidate,
        [
          '-c',
          'import sys, venv, ensurepip; assert sys.version_info >= (3, 11)',
        ],
        { stdio: 'ignore' },
      );
      return candidate;
    } catch {
      // try the next interpreter
    }
  }
  return undefined;
}

const python =
  process.env.GATEKEEPER_SKIP_E2E === '1' ? undefined : findPython();
const maybe = python ? describe : describe.skip;

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

// pip-audit --format json (pip-audit 2.x): dependencies with their vulns
const AUDIT_REPORT = {
  dependencies: [{ name: 'ruff', version: '0.16.9', vulns: [] }],
  fixes: [],
};

type Scorecards = Awaited<ReturnType<typeof startScorecardsFor>>;
type CiRun = Awaited<ReturnType<typeof runCiJobs>>;

/** The report job pushed passing gates and the run's facts. */
async function expectReportedOnScorecard(
  report: CiRun,
  scorecards: Scorecards,
) {
  expect(report.failures).toEqual([]);
  expect(await scorecards.gateStatus()).toMatchObject({
    'coverage-lines': 'pass',
    'lint-clean': 'pass',
    'type-check-clean': 'pass',
    'no-critical-vulnerabilities': 'pass',
    'license-compliance': 'pass',
  });
  const facts = await scorecards.facts();
  expect(facts['ci.run.commit'].value).toBe('b'.repeat(40));
  expect(facts['ci.run.url'].value).toBe(
    'https://github.com/acme/payments-api/actions/runs/99/attempts/3',
  );
  expect(facts['ci.tests.failed'].value).toBe(0);
  expect(facts['ci.tests.total'].value).toBeGreaterThanOrEqual(10);
  expect(facts['ci.coverage.lines'].value).toBeGreaterThanOrEqual(80);
  expect(facts['ci.coverage.lines'].source).toBe('push:gha.99.3');
}

maybe('python-service CI, executed, and its results on the scorecard', () => {
  let dir: string;
  let work: string;
  let db: ThrowawayDatabase;
  let venv: string;
  let scorecards: Scorecards;

  beforeAll(async () => {
    dir = await makeTempDir('ci-py');
    work = await makeTempDir('ci-py-jobs');
    db = await createThrowawayDatabase('gk_py_it');
    await renderWithFetchTemplate(
      'python-service',
      PARAMETER_SETS[0].params,
      dir,
    );
    venv = path.join(work, 'venv');
    await run(python!, ['-m', 'venv', venv]);
    scorecards = await startScorecardsFor(dir);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
    await scorecards?.backend.stop();
    await fs.remove(dir);
    await fs.remove(work);
  }, 120_000);

  const env = (): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${path.join(venv, 'bin')}${path.delimiter}${process.env.PATH}`,
      VIRTUAL_ENV: venv,
      PYTHONDONTWRITEBYTECODE: '1',
      NO_COLOR: '1',
    };
    delete e.PYENV_VERSION;
    // a machine-local package index (no pypi.org here), named in the output
    if (!process.env.PIP_INDEX_URL && fs.existsSync('/opt/pypi/simple')) {
      e.PIP_INDEX_URL = 'file:///opt/pypi/simple';
    }
    return e;
  };

  it('runs every gate job green, then the report job turns the CI-fed gates from unknown to pass', async () => {
    expectCiFedGatesUnknown(await scorecards.gateStatus());
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
      `${formatCiReport(
        `python-service (${python}, PIP_INDEX_URL=${
          env().PIP_INDEX_URL ?? 'default'
        })`,
        gates.steps,
      )}\n`,
    );
    await expectGateJobsGreen({ run: gates, db, unavailable: UNAVAILABLE });
    expect(
      (await fs.readdir(path.join(work, 'build/dist'))).some(f =>
        f.endsWith('.whl'),
      ),
    ).toBe(true);
    await fs.outputJson(
      path.join(artifacts, 'dependency-report/reports/pip-audit.json'),
      AUDIT_REPORT,
    );

    const report = await runCiJobs({
      repoDir: dir,
      workRoot: work,
      jobs: ['report'],
      unavailable: [],
      env: {
        ...env(),
        GITHUB_SHA: 'b'.repeat(40),
        GITHUB_RUN_ID: '99',
        GITHUB_RUN_ATTEMPT: '3',
        GITHUB_REPOSITORY: 'acme/payments-api',
        GITHUB_SERVER_URL: 'https://github.com',
      },
      emulate,
      expressions: {
        'vars.GATEKEEPER_URL': scorecards.url,
        'secrets.GATEKEEPER_CI_TOKEN': CI_TOKEN,
      },
    });
    await expectReportedOnScorecard(report, scorecards);
  }, 600_000);

  it('a type error fails the type-check job and, reported, the type-check-clean gate', async () => {
    await fs.writeFile(
      path.join(dir, 'src/service/broken.py'),
      'def f() -> int:\n    return "x"\n',
    );
    const artifacts = path.join(work, 'artifacts2');
    const result = await runCiJobs({
      repoDir: dir,
      workRoot: work,
      jobs: ['type-check', 'report'],
      unavailable: [],
      env: { ...env(), GITHUB_RUN_ID: '100', GITHUB_RUN_ATTEMPT: '1' },
      emulate: artifactEmulator(artifacts),
      expressions: {
        'vars.GATEKEEPER_URL': scorecards.url,
        'secrets.GATEKEEPER_CI_TOKEN': CI_TOKEN,
      },
    });
    await fs.remove(path.join(dir, 'src/service/broken.py'));
    expect(result.jobs).toEqual({ 'type-check': 'failure', report: 'success' });
    expect((await scorecards.gateStatus())['type-check-clean']).toBe('fail');
    expect((await scorecards.facts())['ci.typecheck.errors'].value).toBe(1);
  }, 200_000);

  it('fails its own tests when coverage drops below 80%', async () => {
    const jobDir = path.join(work, 'unit-tests');
    const body = Array.from(
      { length: 300 },
      (_, i) => `    if x == ${i}:\n        return ${i}`,
    ).join('\n');
    await fs.writeFile(
      path.join(jobDir, 'src/service/untested.py'),
      `def big(x: int) -> int:\n${body}\n    return -1\n`,
    );
    await expect(
      run('pytest', ['-p', 'no:cacheprovider'], { cwd: jobDir, env: env() }),
    ).rejects.toMatchObject({
      stdout: expect.stringMatching(
        /FAIL Required test coverage of 80% not reached/,
      ),
    });
  }, 120_000);

  it('answers its smoke test while an idle connection is open (threaded server)', async () => {
    const jobDir = dir; // the service needs only the standard library
    const port = 18000 + Math.floor(Math.random() * 2000);
    const server = execFile(python!, ['-m', 'service'], {
      cwd: jobDir,
      env: { ...env(), PORT: String(port), PYTHONPATH: 'src' },
    });
    let idle: net.Socket | undefined;
    try {
      await run('bash', [
        '-c',
        `for i in $(seq 50); do curl -sf http://127.0.0.1:${port}/healthz && exit 0; sleep 0.2; done; exit 1`,
      ]);
      idle = net.connect(port, '127.0.0.1');
      const { stdout } = await run(
        'bash',
        ['scripts/smoke-test.sh', `http://127.0.0.1:${port}`],
        { cwd: jobDir },
      );
      expect(stdout).toMatch(/smoke tests passed/);
    } finally {
      idle?.destroy();
      server.kill();
    }
  }, 60_000);
});
