#!/usr/bin/env node
// Reports a deployment or rollback of this release to Gatekeeper's delivery
// metrics (POST <GATEKEEPER_URL>/api/slo/deployments). Dependency-free.
//
// The event id comes from the run id, attempt, event and environment, so a
// re-run of the step stores the event once; a new attempt of the workflow is
// a new deployment. The Idempotency-Key (event id + finish time) makes the
// step's own retries replay the first answer. Reporting never stops the
// release: failures are warnings (exit 0) unless GATEKEEPER_REPORT_STRICT=1
// (exit 2).
// Environment: GATEKEEPER_URL, GATEKEEPER_CI_TOKEN, GATEKEEPER_EVENT
// (deployment | rollback), GATEKEEPER_ENVIRONMENT, GATEKEEPER_STATUS
// (succeeded | failed | rolled_back, or a job status success | failure),
// GATEKEEPER_STARTED_AT, GATEKEEPER_RELEASE_SHA (else GITHUB_SHA),
// GATEKEEPER_COMMIT_AT (else the commit time of HEAD), GATEKEEPER_VERSION,
// GATEKEEPER_FROM_VERSION, GATEKEEPER_TO_VERSION, GATEKEEPER_ENTITY_REF
// (default: catalog-info.yaml), GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT,
// GITHUB_SERVER_URL, GITHUB_REPOSITORY.
import { execFileSync } from 'node:child_process';
import { readCatalogEntity } from './lib/catalog-info.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

const env = process.env;
const strict = env.GATEKEEPER_REPORT_STRICT === '1';

function log(message) {
  process.stdout.write(`gatekeeper-report-deployment: ${message}\n`);
}
function fail(message) {
  log(`${strict ? 'ERROR' : 'WARNING'}: ${message}`);
  if (!strict) process.stdout.write(`::warning::deployment not reported: ${message}\n`);
  process.exit(strict ? 2 : 0);
}

/** kind:namespace/name of the first document of catalog-info.yaml. */
function entityRefFromCatalogInfo(file) {
  try {
    const entity = readCatalogEntity(file);
    return `${entity.kind}:${entity.namespace}/${entity.name}`;
  } catch (error) {
    return fail(error.message);
  }
}

function commitTimeOfHead() {
  try {
    return execFileSync('git', ['show', '-s', '--format=%cI', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const isoOrNow = value => new Date(value && !Number.isNaN(Date.parse(value)) ? value : Date.now()).toISOString();
const STATUS = { success: 'succeeded', failure: 'failed', cancelled: 'failed' };

const baseUrl = (env.GATEKEEPER_URL ?? '').replace(/\/+$/, '');
const token = env.GATEKEEPER_CI_TOKEN ?? '';
const event = env.GATEKEEPER_EVENT || 'deployment';
const environment = env.GATEKEEPER_ENVIRONMENT || 'production';
const runId = env.GITHUB_RUN_ID ?? '';
const attempt = env.GITHUB_RUN_ATTEMPT || '1';
if (!/^https?:\/\//.test(baseUrl)) fail('GATEKEEPER_URL is not set to an http(s) URL');
if (!token) fail('GATEKEEPER_CI_TOKEN is not set');
if (!/^\d+$/.test(runId) || !/^\d+$/.test(attempt)) fail('GITHUB_RUN_ID / GITHUB_RUN_ATTEMPT are not run numbers');
if (event !== 'deployment' && event !== 'rollback') fail(`GATEKEEPER_EVENT "${event}" is not deployment or rollback`);
if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(environment)) fail(`GATEKEEPER_ENVIRONMENT "${environment}" is invalid`);

const entityRef = env.GATEKEEPER_ENTITY_REF || entityRefFromCatalogInfo('catalog-info.yaml');
const id = `gh-${runId}-${attempt}-${event}-${environment}`;
const finishedAt = new Date().toISOString();
const startedAt = isoOrNow(env.GATEKEEPER_STARTED_AT);
const runUrl =
  env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY
    ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${runId}/attempts/${attempt}`
    : undefined;
const optional = (key, value) => (value ? { [key]: value } : {});
let body;
if (event === 'deployment') {
  const commit = env.GATEKEEPER_RELEASE_SHA || env.GITHUB_SHA || '';
  if (!/^[0-9a-fA-F]{7,64}$/.test(commit)) fail('GATEKEEPER_RELEASE_SHA / GITHUB_SHA is not a commit SHA');
  const status = STATUS[env.GATEKEEPER_STATUS] ?? env.GATEKEEPER_STATUS ?? 'succeeded';
  const commitAt = env.GATEKEEPER_COMMIT_AT || commitTimeOfHead();
  body = {
    deployments: [
      {
        id,
        entityRef,
        environment,
        commit,
        ...optional('commitAt', commitAt && !Number.isNaN(Date.parse(commitAt)) ? new Date(commitAt).toISOString() : ''),
        startedAt,
        finishedAt,
        status,
        ...optional('runUrl', runUrl),
        ...optional('version', env.GATEKEEPER_VERSION),
      },
    ],
  };
} else {
  body = {
    rollbacks: [
      {
        id,
        entityRef,
        environment,
        startedAt,
        finishedAt,
        ...optional('runUrl', runUrl),
        ...optional('fromVersion', env.GATEKEEPER_FROM_VERSION),
        ...optional('toVersion', env.GATEKEEPER_TO_VERSION),
      },
    ],
  };
}

log(`reporting ${event} ${id} of ${entityRef} (${environment})`);
let lastError = '';
for (let i = 0; i < 3; i++) {
  try {
    const response = await fetch(`${baseUrl}/api/slo/deployments`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        // retries of this request replay; another run of the step (a new
        // finish time) is stored once through the event id
        'Idempotency-Key': `${id}:${Date.parse(finishedAt)}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (response.ok) {
      const result = JSON.parse(text);
      log(result.stored ? 'stored' : 'already stored (replay)');
      process.exit(0);
    }
    lastError = `HTTP ${response.status}: ${text.slice(0, 300)}`;
    // 4xx other than 409/429 will not change on retry
    if (response.status < 500 && response.status !== 409 && response.status !== 429) break;
  } catch (error) {
    lastError = error.message;
  }
  await sleep(1000 * 2 ** i);
}
fail(`Gatekeeper did not accept the event: ${lastError}`);
