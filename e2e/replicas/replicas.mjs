// Helpers of replicas.test.mjs: the two replicas' APIs, their JSON logs, and
// the shared PostgreSQL database (read directly, as an operator would).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const env = process.env;
export const replicas = {
  a: { name: 'a', url: env.GK_REPLICA_A_URL },
  b: { name: 'b', url: env.GK_REPLICA_B_URL },
};
export const fleetSize = Number(env.GK_REPLICAS_FLEET_SIZE ?? 40);
/** Every scored component: the demo's seven and the fleet. */
export const expectedEntities = 7 + fleetSize;
export const frequencyMs = Number(env.GK_REPLICAS_FREQUENCY_SECONDS) * 1000;
export const timeoutMs = Number(env.GK_REPLICAS_TIMEOUT_SECONDS) * 1000;
export const fleetRef = i =>
  `component:default/fleet-${String(i).padStart(3, '0')}`;

const tokens = {
  ci: env.GATEKEEPER_CI_TOKEN,
  incidents: env.GATEKEEPER_INCIDENT_TOKEN,
  alertmanager: env.GATEKEEPER_ALERTMANAGER_TOKEN,
};

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** One request; resolves to status, JSON body and headers. */
export async function api(replica, path, options = {}) {
  const headers = {
    Authorization: `Bearer ${tokens[options.token ?? 'ci']}`,
    ...(options.body ? { 'Content-Type': 'application/json' } : {}),
    ...options.headers,
  };
  const res = await fetch(`${replica.url}${path}`, {
    method: options.method ?? (options.body ? 'POST' : 'GET'),
    headers,
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

export const scorecardPath = ref => {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `/api/scorecards/entities/${namespace}/${kind}/${name}`;
};

/** The local worker state of the refresh task on one replica. */
export async function refreshWorkerState(replica) {
  const { status, body } = await api(
    replica,
    '/api/scorecards/.backstage/scheduler/v1/tasks',
  );
  if (status !== 200) return `http-${status}`;
  const task = body.tasks?.find(t => t.taskId === 'scorecards-refresh');
  return task?.workerState?.status ?? 'unknown';
}

/** JSON lines of one replica's log. */
export function logLines(replica) {
  const text = readFileSync(join(env.GK_REPLICAS_OUT, `${replica.name}.log`));
  return text
    .toString('utf8')
    .split('\n')
    .filter(l => l.startsWith('{'))
    .map(l => {
      try {
        return JSON.parse(l);
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
}

/** Completed scheduled refreshes so far, per replica. */
export function refreshRuns() {
  const runs = {};
  for (const replica of Object.values(replicas)) {
    runs[replica.name] = logLines(replica)
      .filter(
        l =>
          typeof l.message === 'string' &&
          l.message.startsWith('Scorecards refreshed:'),
      )
      .map(l => l.message);
  }
  return runs;
}

/**
 * Evaluations so far, per entity, across both logs: every evaluation of a
 * fleet component applies its waiver and audits it (waiver-use).
 */
export function evaluations(trigger) {
  const counts = new Map();
  for (const replica of Object.values(replicas)) {
    for (const line of logLines(replica)) {
      if (line.eventId !== 'waiver-use' || line.status !== 'succeeded') {
        continue;
      }
      if (line.meta?.trigger !== trigger) continue;
      const ref = line.meta.entityRef;
      counts.set(ref, (counts.get(ref) ?? 0) + 1);
    }
  }
  return counts;
}

export function pidOf(replica) {
  const file = join(env.GK_REPLICAS_OUT, `${replica.name}.pid`);
  return Number(readFileSync(file, 'utf8').trim());
}

export async function connect() {
  const client = new pg.Client({
    host: env.POSTGRES_HOST,
    port: Number(env.POSTGRES_PORT),
    user: env.POSTGRES_USER,
    database: env.GK_REPLICAS_DB,
  });
  await client.connect();
  return client;
}

/** The refresh task's row of the Backstage scheduler. */
export async function refreshTask(db) {
  const { rows } = await db.query(
    `SELECT current_run_ticket, current_run_started_at, last_run_ended_at,
            last_run_error_json
       FROM scorecards.backstage_backend_tasks__tasks
      WHERE id = 'scorecards-refresh'`,
  );
  return rows[0];
}

/** Waits until no refresh runs (so the log counts are settled). */
export async function waitForIdleRefresh(db, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const task = await refreshTask(db);
    if (!task.current_run_ticket) return task;
    if (Date.now() > deadline) throw new Error('refresh never went idle');
    await sleep(100);
  }
}

export async function historyCount(db, ref) {
  const { rows } = await db.query(
    'SELECT count(*)::int AS n FROM scorecards.scorecards_history WHERE entity_ref = $1',
    [ref],
  );
  return rows[0].n;
}
