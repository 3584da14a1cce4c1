#!/usr/bin/env node
// Pushes the measured outcomes of this CI run to the Gatekeeper scorecard
// (POST <GATEKEEPER_URL>/api/scorecards/facts). Dependency-free.
//
// Usage: node scripts/report-to-gatekeeper.mjs <artifacts-dir>
// Reads, when present (a missing report leaves its fact unknown, never 0):
//   coverage/coverage-summary.json  vitest json-summary  -> ci.coverage.lines
//   reports/eslint.json             eslint json          -> ci.lint.errors
//   reports/tsc.txt                 tsc output           -> ci.typecheck.errors
//   reports/vitest.json             vitest json          -> ci.tests.*
//   reports/npm-audit.json          npm audit --json     -> ci.vulnerabilities.*
//   reports/licenses.json           check-licenses.mjs   -> ci.licenses.violations
//   *.spdx.json / *.sigstore.json / provenance bundle    -> ci.sbom/signature/provenance.present
// Environment: GATEKEEPER_URL, GATEKEEPER_CI_TOKEN, GATE_RESULTS (toJSON(needs)),
// GITHUB_SHA, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');

function walk(dir) {
  let out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(walk(full));
    else out.push(full);
  }
  return out;
}
const files = walk(root);
const find = suffix => files.find(f => f.split(path.sep).join('/').endsWith(suffix));
const readJson = suffix => {
  const file = find(suffix);
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    log(`${suffix} is not JSON; its facts stay unknown`);
    return undefined;
  }
};
function log(message) {
  process.stdout.write(`gatekeeper-report: ${message}\n`);
}

let results = {};
try {
  results = JSON.parse(process.env.GATE_RESULTS || '{}');
} catch {
  results = {};
}
/** A count of 0 from a job that failed is not trusted (the tool may have crashed). */
function count(job, value, fact) {
  if (value === undefined) return undefined;
  if (value === 0 && results[job] && results[job].result === 'failure') {
    log(`${job} failed but its report shows no errors: ${fact} stays unknown`);
    return undefined;
  }
  return value;
}

export function collectFacts() {
  const facts = {};
  const coverage = readJson('coverage/coverage-summary.json');
  const pct = coverage?.total?.lines?.pct;
  if (typeof pct === 'number') facts['ci.coverage.lines'] = pct;

  const eslint = readJson('reports/eslint.json');
  if (Array.isArray(eslint)) {
    const errors = eslint.reduce((n, f) => n + (f.errorCount ?? 0) + (f.fatalErrorCount ?? 0), 0);
    facts['ci.lint.errors'] = count('lint', errors, 'ci.lint.errors');
    facts['ci.lint.warnings'] = eslint.reduce((n, f) => n + (f.warningCount ?? 0), 0);
  }
  const tsc = find('reports/tsc.txt');
  if (tsc) {
    const errors = (readFileSync(tsc, 'utf8').match(/error TS\d+:/g) ?? []).length;
    facts['ci.typecheck.errors'] = count('type-check', errors, 'ci.typecheck.errors');
  }
  const tests = readJson('reports/vitest.json');
  if (tests && typeof tests.numTotalTests === 'number') {
    facts['ci.tests.total'] = tests.numTotalTests;
    facts['ci.tests.passed'] = tests.numPassedTests;
    facts['ci.tests.failed'] = tests.numFailedTests;
  }
  const audit = readJson('reports/npm-audit.json');
  const severities = audit?.metadata?.vulnerabilities;
  if (severities && typeof severities.critical === 'number') {
    facts['ci.vulnerabilities.critical'] = severities.critical;
    facts['ci.vulnerabilities.high'] = severities.high;
  }
  const licenses = readJson('reports/licenses.json');
  if (licenses && Array.isArray(licenses.violations)) {
    facts['ci.licenses.violations'] = licenses.violations.length;
  }
  const has = re => files.some(f => re.test(f.split(path.sep).join('/')));
  if (results.sbom) facts['ci.sbom.present'] = has(/\.(spdx|cdx)\.json(\/|$)/);
  if (results['sign-and-attest'] && results['sign-and-attest'].result !== 'skipped') {
    facts['ci.signature.present'] = has(/\.tgz\.sigstore\.json$/);
    facts['ci.provenance.present'] = has(/\/provenance\.(intoto\.jsonl|sigstore\.json)$/);
  }
  for (const key of Object.keys(facts)) if (facts[key] === undefined) delete facts[key];
  const env = process.env;
  if (env.GITHUB_SHA) facts['ci.run.commit'] = env.GITHUB_SHA;
  if (env.GITHUB_RUN_ID) {
    facts['ci.run.url'] = `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/attempts/${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  }
  return facts;
}

/** `component:<namespace>/<name>` from catalog-info.yaml (first document). */
export function entityRef(text) {
  const doc = text.split(/^---\s*$/m).find(d => /^kind:/m.test(d)) ?? '';
  const kind = /^kind:\s*(\S+)/m.exec(doc)?.[1] ?? 'Component';
  const meta = /^metadata:\s*\n((?:[ \t]+.*\n?)*)/m.exec(doc)?.[1] ?? '';
  const name = /^[ \t]+name:\s*['"]?([^'"\s]+)/m.exec(meta)?.[1];
  const namespace = /^[ \t]+namespace:\s*['"]?([^'"\s]+)/m.exec(meta)?.[1] ?? 'default';
  if (!name) throw new Error('catalog-info.yaml has no metadata.name');
  return `${kind.toLowerCase()}:${namespace}/${name}`;
}

async function main() {
  const { GATEKEEPER_URL: url, GATEKEEPER_CI_TOKEN: token } = process.env;
  if (!url || !token) {
    log('GATEKEEPER_URL (repository variable) and GATEKEEPER_CI_TOKEN (secret) must be set');
    process.exit(1);
  }
  const ref = entityRef(readFileSync('catalog-info.yaml', 'utf8'));
  const facts = collectFacts();
  const runId = process.env.GITHUB_RUN_ID ?? 'local';
  const attempt = process.env.GITHUB_RUN_ATTEMPT ?? '1';
  const body = { entityRef: ref, facts, source: `gha.${runId}.${attempt}`.slice(0, 64) };
  const res = await fetch(`${url.replace(/\/$/, '')}/api/scorecards/facts`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': `${process.env.GITHUB_REPOSITORY ?? ref}/${runId}/${attempt}`,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    log(`push failed: HTTP ${res.status} ${text}`);
    process.exit(1);
  }
  const answer = JSON.parse(text);
  log(`pushed ${answer.accepted.length} facts for ${ref}: ${JSON.stringify(facts)}`);
  for (const gate of answer.scorecard?.gates ?? []) log(`gate ${gate.gateId}: ${gate.status}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch(e => {
    log(`error: ${e.message}`);
    process.exit(1);
  });
}
