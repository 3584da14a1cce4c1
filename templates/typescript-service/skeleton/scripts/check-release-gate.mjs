#!/usr/bin/env node
// Asks the Gatekeeper release gate whether this commit may be promoted
// (GET <GATEKEEPER_URL>/api/scorecards/release-gate/<kind>/<namespace>/<name>
// ?commit=<GITHUB_SHA>&change=<GATEKEEPER_CHANGE_TYPE>). Dependency-free.
//
// Prints every reason to the job log. Exit 0: allow; 1: deny; 2: the gate
// could not be asked or answered something unexpected (fails closed).
// Environment: GATEKEEPER_URL, GATEKEEPER_DEPLOY_GATE_TOKEN, GATEKEEPER_RELEASE_SHA (else GITHUB_SHA),
// GATEKEEPER_ENTITY_REF (default: kind, metadata.namespace and metadata.name
// of catalog-info.yaml), GATEKEEPER_CHANGE_TYPE (normal | p0 | security).
import { appendFileSync } from 'node:fs';
import { readCatalogEntity } from './lib/catalog-info.mjs';

const env = process.env;

function log(message) {
  process.stdout.write(`gatekeeper-release-gate: ${message}\n`);
}
function fail(message) {
  log(`ERROR: ${message}`);
  log('the release is stopped: the gate could not be checked (fail closed)');
  process.exit(2);
}

/** kind, metadata.namespace and metadata.name of catalog-info.yaml (fails closed). */
function entityFromCatalogInfo(file) {
  try {
    return readCatalogEntity(file);
  } catch (error) {
    return fail(error.message);
  }
}

function parseRef(ref) {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!match) fail(`GATEKEEPER_ENTITY_REF "${ref}" is not [kind:][namespace/]name`);
  return {
    kind: (match[1] ?? 'component').toLowerCase(),
    namespace: match[2] ?? 'default',
    name: match[3],
  };
}

const baseUrl = (env.GATEKEEPER_URL ?? '').replace(/\/+$/, '');
const token = env.GATEKEEPER_DEPLOY_GATE_TOKEN ?? '';
// the commit being released (workflow_run: the CI run's head, not GITHUB_SHA)
const commit = env.GATEKEEPER_RELEASE_SHA || env.GITHUB_SHA || '';
const change = env.GATEKEEPER_CHANGE_TYPE || 'normal';
if (!/^https?:\/\//.test(baseUrl)) fail('GATEKEEPER_URL is not set to an http(s) URL');
if (!token) fail('GATEKEEPER_DEPLOY_GATE_TOKEN is not set');
if (!/^[0-9a-fA-F]{7,64}$/.test(commit)) fail('GATEKEEPER_RELEASE_SHA / GITHUB_SHA is not a commit SHA');
const entity = env.GATEKEEPER_ENTITY_REF
  ? parseRef(env.GATEKEEPER_ENTITY_REF)
  : entityFromCatalogInfo('catalog-info.yaml');
const ref = `${entity.kind}:${entity.namespace}/${entity.name}`;
const url = `${baseUrl}/api/scorecards/release-gate/${[entity.kind, entity.namespace, entity.name]
  .map(encodeURIComponent)
  .join('/')}?commit=${encodeURIComponent(commit)}&change=${encodeURIComponent(change)}`;

log(`asking the release gate for ${ref} at ${commit} (${change} change)`);
let response;
let body;
try {
  response = await fetch(url, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    fail(`the release gate answered HTTP ${response.status}: ${body?.error?.message ?? text.slice(0, 300)}`);
  }
} catch (error) {
  fail(`the release gate is unreachable: ${error.message}`);
}
if (!body || (body.decision !== 'allow' && body.decision !== 'deny') || !Array.isArray(body.reasons)) {
  fail('the release gate answered an unexpected body');
}

log(`decision: ${body.decision.toUpperCase()}`);
for (const reason of body.reasons) log(`  - ${reason}`);
const c = body.commit ?? {};
if (c.evaluated) log(`scorecard CI facts describe ${c.evaluated}${c.runUrl ? ` (run ${c.runUrl})` : ''}`);
for (const gate of body.scorecard?.blockingGates ?? []) {
  log(`blocking gate: ${gate.gateId} (${gate.status})`);
}
if (env.GITHUB_STEP_SUMMARY) {
  const lines = [
    `### Gatekeeper release gate: ${body.decision} for ${ref}`,
    '',
    ...body.reasons.map(r => `- ${r}`),
    '',
  ];
  try {
    appendFileSync(env.GITHUB_STEP_SUMMARY, `${lines.join('\n')}\n`);
  } catch {
    // the summary is a convenience; the log has every reason
  }
}
process.exit(body.decision === 'allow' ? 0 : 1);
