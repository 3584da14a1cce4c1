/*
 * Runs the generated python-service's own tests (pytest with the 80% line
 * coverage threshold from pyproject.toml) when a Python with pytest and
 * pytest-cov is on the machine; skipped otherwise, and with
 * GATEKEEPER_SKIP_E2E=1.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'fs-extra';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  makeTempDir,
  PARAMETER_SETS,
  renderWithFetchTemplate,
} from './__testUtils__/templates';

const run = promisify(execFile);

function findPython(): string | undefined {
  for (const candidate of [
    'python3',
    'python3.12',
    'python3.11',
    '/usr/bin/python3',
  ]) {
    try {
      execFileSync(
        candidate,
        [
          '-c',
          'import sys, pytest, pytest_cov; assert sys.version_info >= (3, 11)',
        ],
        {
          stdio: 'ignore',
        },
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

maybe('python-service end to end', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir('py-e2e');
    await renderWithFetchTemplate(
      'python-service',
      PARAMETER_SETS[0].params,
      dir,
    );
  });

  afterAll(async () => {
    await fs.remove(dir);
  });

  const pytest = () =>
    run(python!, ['-m', 'pytest', '-p', 'no:cacheprovider'], {
      cwd: dir,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });

  it('passes its own tests with at least 80% line coverage', async () => {
    const { stdout } = await pytest();
    expect(stdout).toMatch(/Required test coverage of 80% reached/);
    expect(stdout).toMatch(/\d+ passed/);
    // the CI job's second check reads the coverage data pytest-cov wrote
    const report = await run(
      python!,
      ['-m', 'coverage', 'report', '--fail-under=80'],
      {
        cwd: dir,
      },
    );
    expect(report.stdout).toMatch(/TOTAL/);
  }, 120_000);

  it('fails its own tests when coverage drops below 80%', async () => {
    const body = Array.from(
      { length: 300 },
      (_, i) => `    if x == ${i}:\n        return ${i}`,
    ).join('\n');
    await fs.writeFile(
      path.join(dir, 'src/service/untested.py'),
      `def big(x: int) -> int:\n${body}\n    return -1\n`,
    );
    await expect(pytest()).rejects.toMatchObject({
      stdout: expect.stringMatching(
        /FAIL Required test coverage of 80% not reached/,
      ),
    });
    await fs.remove(path.join(dir, 'src/service/untested.py'));
  }, 120_000);
});
