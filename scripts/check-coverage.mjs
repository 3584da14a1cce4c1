// Enforces at least 80% line coverage per workspace package, from the
// json-summary that `backstage-cli repo test --coverage` writes.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const threshold = Number(process.env.GK_COVERAGE_LINES ?? 80);
const summary = JSON.parse(
  readFileSync(join(root, 'coverage', 'coverage-summary.json'), 'utf8'),
);

const packages = ['packages', 'plugins'].flatMap(dir =>
  readdirSync(join(root, dir))
    .map(name => join(dir, name))
    .filter(p => existsSync(join(root, p, 'package.json'))),
);

// Process entry points: they only wire plugins together and run when the
// backend starts, which the browser tests (e2e/) exercise.
const entryPoints = new Set(['packages/backend/src/index.ts']);

const totals = new Map(packages.map(p => [p, { covered: 0, total: 0 }]));
for (const [file, data] of Object.entries(summary)) {
  if (file === 'total') continue;
  const rel = relative(root, file);
  if (entryPoints.has(rel.split(sep).join('/'))) continue;
  const pkg = packages.find(p => rel.startsWith(p + sep));
  if (pkg) {
    totals.get(pkg).covered += data.lines.covered;
    totals.get(pkg).total += data.lines.total;
  }
}

let failed = 0;
for (const [pkg, { covered, total }] of totals) {
  if (total === 0) {
    console.log(`FAIL ${pkg}: no coverage data (no tests ran?)`);
    failed++;
    continue;
  }
  const pct = (100 * covered) / total;
  const ok = pct >= threshold;
  if (!ok) failed++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${pkg}: ${pct.toFixed(
      1,
    )}% lines (${covered}/${total})`,
  );
}
if (failed) {
  console.error(`${failed} package(s) below ${threshold}% line coverage`);
  process.exit(1);
}
