// Adds the packed Gatekeeper tarballs to a fresh create-app copy the way an
// adopter's `yarn add` would, plus root resolutions so the packages' own
// @gatekeeper/* dependencies come from the same tarballs, not the registry.
//
//   node e2e/adoption/addTarballs.mjs <app-dir> <index.txt from pack-packages.sh>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [appDir, indexFile, monorepoPackageJson] = process.argv.slice(2);
const tarballs = Object.fromEntries(
  readFileSync(indexFile, 'utf8')
    .trim()
    .split('\n')
    .map(line => line.split(' ')),
);
const edit = (file, fn) => {
  const path = join(appDir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  fn(json);
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
};
const dep = name => {
  if (!tarballs[name]) throw new Error(`No tarball for ${name}`);
  return `file:${tarballs[name]}`;
};

edit('package.json', pkg => {
  pkg.resolutions = { ...pkg.resolutions };
  // create-app pins the release with a yarn.lock seed it downloads; that
  // download fails here, so apply the same 1.55 set from the monorepo's
  // resolutions (otherwise newer @backstage packages mix with older ones).
  if (monorepoPackageJson) {
    const { resolutions = {} } = JSON.parse(
      readFileSync(monorepoPackageJson, 'utf8'),
    );
    for (const [name, version] of Object.entries(resolutions)) {
      if (name.startsWith('@backstage/')) pkg.resolutions[name] = version;
    }
  }
  for (const name of Object.keys(tarballs)) pkg.resolutions[name] = dep(name);
});
edit('packages/backend/package.json', pkg => {
  pkg.dependencies['@gatekeeper/plugin-scorecards-backend'] = dep(
    '@gatekeeper/plugin-scorecards-backend',
  );
  pkg.dependencies['@gatekeeper/plugin-slo-backend'] = dep(
    '@gatekeeper/plugin-slo-backend',
  );
  pkg.dependencies['@gatekeeper/plugin-scaffolder-backend-module-gatekeeper'] =
    dep('@gatekeeper/plugin-scaffolder-backend-module-gatekeeper');
});
edit('packages/app/package.json', pkg => {
  pkg.dependencies['@gatekeeper/plugin-scorecards'] = dep(
    '@gatekeeper/plugin-scorecards',
  );
  pkg.dependencies['@gatekeeper/plugin-slo'] = dep('@gatekeeper/plugin-slo');
});

// The documented backend lines (plugins/*-backend/README.md, "Installation").
const indexTs = join(appDir, 'packages/backend/src/index.ts');
const source = readFileSync(indexTs, 'utf8');
const lines = [
  "backend.add(import('@gatekeeper/plugin-scorecards-backend'));",
  "backend.add(import('@gatekeeper/plugin-slo-backend'));",
  "backend.add(import('@gatekeeper/plugin-scaffolder-backend-module-gatekeeper'));",
].join('\n');
if (!source.includes('backend.start();')) {
  throw new Error(`${indexTs} has no backend.start()`);
}
writeFileSync(
  indexTs,
  source.replace('backend.start();', `${lines}\n\nbackend.start();`),
);
