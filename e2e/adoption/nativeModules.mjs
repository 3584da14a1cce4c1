// Native addons of the create-app tree that the workspace has already compiled
// for the same Node (better-sqlite3 etc.): scripts/adoption-test.sh marks them
// `built: false` before `yarn install` and copies the workspace's build/
// output in afterwards, instead of compiling them again (minutes on 2 cores).
//
//   node e2e/adoption/nativeModules.mjs skip <app-dir>
//   node e2e/adoption/nativeModules.mjs copy <app-dir> <workspace-dir>
//
// `copy` prints one line per addon; an addon whose version differs from the
// workspace's is left unbuilt and reported (exit code 2 when it is required).
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// [package, directory holding build/ inside it, required by the app]
const ADDONS = [
  ['better-sqlite3', '.', true],
  ['cpu-features', '.', false],
  ['ssh2', 'lib/protocol/crypto', false],
  ['keytar', '.', false],
];

const [mode, appDir, workspaceDir] = process.argv.slice(2);
const readJson = path => JSON.parse(readFileSync(path, 'utf8'));
const versionIn = root => {
  const file = join(root, 'package.json');
  return existsSync(file) ? readJson(file).version : undefined;
};

if (mode === 'skip') {
  const file = join(appDir, 'package.json');
  const pkg = readJson(file);
  pkg.dependenciesMeta = { ...pkg.dependenciesMeta };
  for (const [name] of ADDONS) pkg.dependenciesMeta[name] = { built: false };
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (mode === 'copy') {
  let missing = false;
  for (const [name, subdir, required] of ADDONS) {
    const target = join(appDir, 'node_modules', name);
    const source = join(workspaceDir, 'node_modules', name);
    const version = versionIn(target);
    if (!version) continue;
    const built = join(source, subdir, 'build');
    if (versionIn(source) === version && existsSync(join(built, 'Release'))) {
      cpSync(built, join(target, subdir, 'build'), { recursive: true });
      console.log(`[native] ${name}@${version}: workspace build reused`);
    } else {
      console.log(`[native] ${name}@${version}: no workspace build to reuse`);
      missing ||= required;
    }
  }
  process.exit(missing ? 2 : 0);
} else {
  throw new Error(`usage: nativeModules.mjs skip|copy <app-dir> [workspace]`);
}
