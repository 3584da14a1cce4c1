// gatekeeper-drift as an adopter gets it: the bin of the packed
// @gatekeeper/plugin-scaffolder-backend-module-gatekeeper tarball installed in
// the create-app backend (no src/ in the tarball, so the bin runs dist/).
// Renders the typescript-service template with the package's own exports,
// stamps it, then runs `yarn gatekeeper-drift` three times: --help (exit 0),
// the untouched repository (exit 0, in sync) and after editing a generated
// file (exit 1, the file reported as drifted).
//
//   node e2e/adoption/driftCheck.mjs <app-dir> <templates-root>
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [appDir, templatesRoot] = process.argv.slice(2).map(p => resolve(p));
const backendDir = join(appDir, 'packages/backend');
const pkgName = '@gatekeeper/plugin-scaffolder-backend-module-gatekeeper';
const requireFromBackend = createRequire(join(backendDir, 'package.json'));
const packageJson = requireFromBackend(`${pkgName}/package.json`);
assert.ok(
  !requireFromBackend.resolve(`${pkgName}/package.json`).includes('/plugins/'),
  'the module resolves from the installed tarball, not the monorepo',
);
const { renderTemplate, writeStamp } = requireFromBackend(pkgName);

const drift = (...args) => {
  const yarn = join(appDir, '.yarn/releases/yarn-4.13.0.cjs');
  const r = spawnSync(process.execPath, [yarn, 'gatekeeper-drift', ...args], {
    cwd: backendDir,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, out: `${r.stdout}${r.stderr}` };
};

const repo = mkdtempSync(join(tmpdir(), 'gk-adoption-drift-'));
try {
  const help = drift('--help');
  assert.equal(help.code, 0, help.out);
  assert.match(help.out, /Usage: gatekeeper-drift <repo-dir>/);

  const values = {
    name: 'adoption-api',
    description: 'Generated in the adoption test',
    owner: 'group:default/guests',
    system: 'system:default/adoption',
    lifecycle: 'experimental',
    sloObjective: 0.995,
    sloWindow: '28d',
    pagerdutyServiceId: 'PADOPT1',
    repoUrl: 'github.com?owner=acme&repo=adoption-api',
    templateName: 'typescript-service',
    templateVersion: '1.0.0',
  };
  await renderTemplate({
    templateDir: join(templatesRoot, 'typescript-service'),
    values,
    targetDir: repo,
  });
  await writeStamp({
    rootDir: repo,
    template: { name: 'typescript-service', version: '1.0.0' },
    values,
  });

  const clean = drift(repo, '--templates-root', templatesRoot, '--json');
  assert.equal(clean.code, 0, clean.out);
  assert.equal(JSON.parse(clean.stdout).inSync, true, clean.out);

  const edited = 'catalog-info.yaml';
  assert.match(readFileSync(join(repo, edited), 'utf8'), /adoption-api/);
  appendFileSync(join(repo, edited), '# edited by hand\n');
  const dirty = drift(repo, '--templates-root', templatesRoot);
  assert.equal(dirty.code, 1, dirty.out);
  assert.ok(dirty.out.includes(edited), dirty.out);
  console.log(
    `[drift] ${pkgName}@${packageJson.version}: --help, in sync, ${edited} drifted`,
  );
} finally {
  rmSync(repo, { recursive: true, force: true });
}
