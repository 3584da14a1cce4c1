/*
 * End to end: generate the typescript-service, install it with the
 * machine's npm and run its own lint, type-check and tests (which enforce
 * 80% line coverage). Reaches the npm registry; skip offline with
 * GATEKEEPER_SKIP_E2E=1. Runs by default, also in CI.
 */
import { execFile } from 'node:child_process';
import fs from 'fs-extra';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  makeTempDir,
  PARAMETER_SETS,
  renderWithFetchTemplate,
} from './__testUtils__/templates';

const run = promisify(execFile);
const skip = process.env.GATEKEEPER_SKIP_E2E === '1';
const maybe = skip ? describe.skip : describe;

maybe('typescript-service end to end', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir('e2e');
    await renderWithFetchTemplate(
      'typescript-service',
      PARAMETER_SETS[1].params,
      dir,
    );
  });

  afterAll(async () => {
    await fs.remove(dir);
  });

  const npm = (...args: string[]) =>
    run('npm', args, {
      cwd: dir,
      env: {
        ...process.env,
        CI: '1',
        NO_COLOR: '1',
        npm_config_update_notifier: 'false',
      },
      maxBuffer: 20 * 1024 * 1024,
    });

  it('installs, lints, type-checks and passes its tests with at least 80% line coverage', async () => {
    await npm('install', '--no-audit', '--no-fund', '--loglevel=error');
    await npm('run', 'lint');
    await npm('run', 'typecheck');
    const test = await npm('test');
    // eslint-disable-next-line no-control-regex
    expect(test.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(
      /Tests\s+\d+ passed/,
    );
    const summary = await fs.readJson(
      path.join(dir, 'coverage/coverage-summary.json'),
    );
    expect(summary.total.lines.pct).toBeGreaterThanOrEqual(80);
    const check = await run(
      process.execPath,
      [
        'scripts/check-coverage-threshold.mjs',
        'coverage/coverage-summary.json',
        '80',
      ],
      { cwd: dir },
    );
    expect(check.stdout).toMatch(
      /line coverage [\d.]+% meets the 80% threshold/,
    );
    await npm('run', 'build');
    // the schema-check job: Spectral lint of the rendered OpenAPI contract
    await run(
      'npx',
      [
        '--yes',
        '@stoplight/spectral-cli@6',
        'lint',
        '--fail-severity',
        'warn',
        'api/openapi.yaml',
      ],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(await fs.pathExists(path.join(dir, 'dist/main.js'))).toBe(true);
  }, 240_000);

  it('fails its own tests when line coverage drops below 80%', async () => {
    // an untested module pulls coverage under the threshold
    const lines = Array.from(
      { length: 400 },
      (_, i) => `  if (x === ${i}) return ${i};`,
    );
    await fs.writeFile(
      path.join(dir, 'src/untested.ts'),
      `export function big(x: number): number {\n${lines.join(
        '\n',
      )}\n  return -1;\n}\n`,
    );
    await expect(npm('test')).rejects.toMatchObject({
      stderr: expect.stringMatching(
        /Coverage for lines \([\d.]+%\) does not meet global threshold \(80%\)/,
      ),
    });
    await fs.remove(path.join(dir, 'src/untested.ts'));
  }, 120_000);
});
