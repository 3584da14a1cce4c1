#!/usr/bin/env node
// Licence policy as an allow-list over the full installed dependency tree
// (every package.json under node_modules, nested ones included).
// Usage: node scripts/check-licenses.mjs [report.json]
// Writes { checked, violations: [{ name, version, license, path }] } and
// exits 1 when a package's licence is not on the allow-list.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ALLOWED = new Set([
  'MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'BlueOak-1.0.0',
  'CC0-1.0', 'CC-BY-4.0', 'Python-2.0', 'Unlicense', 'MIT-0', 'MPL-2.0',
]);
const out = process.argv[2] ?? 'reports/licenses.json';

/** True when an SPDX expression can be satisfied with allowed licences. */
export function allowed(expression) {
  if (typeof expression !== 'string' || !expression.trim()) return false;
  const expr = expression.replace(/[()]/g, ' ').trim();
  return expr.split(/\s+OR\s+/).some(alt =>
    alt.split(/\s+AND\s+/).every(id => ALLOWED.has(id.trim().replace(/\+$/, ''))),
  );
}

function packages(dir, acc = []) {
  if (!existsSync(dir)) return acc;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (name.startsWith('@')) {
      packages(full, acc);
      continue;
    }
    const manifest = path.join(full, 'package.json');
    if (existsSync(manifest)) {
      acc.push(manifest);
      packages(path.join(full, 'node_modules'), acc);
    }
  }
  return acc;
}

const violations = [];
const manifests = packages('node_modules');
for (const manifest of manifests) {
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const license =
    typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? pkg.licenses?.[0]?.type;
  if (!allowed(license)) {
    violations.push({ name: pkg.name, version: pkg.version, license: license ?? null, path: path.dirname(manifest) });
  }
}
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ checked: manifests.length, violations }, null, 2)}\n`);
for (const v of violations) process.stderr.write(`licence not allowed: ${v.name}@${v.version} (${v.license})\n`);
process.stdout.write(`${manifests.length} packages checked, ${violations.length} licence violation(s)\n`);
if (manifests.length === 0) {
  process.stderr.write('no installed packages found: run npm ci first\n');
  process.exit(1);
}
process.exit(violations.length > 0 ? 1 : 0);
