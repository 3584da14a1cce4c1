// SIGKILL of the replica that runs the refresh, in the middle of it: the
// scheduler's lock times out (scorecards.schedule.timeout), the survivor's
// scheduler janitor (every 60 s in Backstage) frees it, and the survivor
// runs the refresh again over every entity.
import assert from 'node:assert/strict';
import {
  api,
  expectedEntities,
  frequencyMs,
  logLines,
  pidOf,
  refreshRuns,
  refreshTask,
  refreshWorkerState,
  replicas,
  sleep,
  timeoutMs,
} from './replicas.mjs';

async function evaluatedSince(db, ms) {
  const { rows } = await db.query(
    'SELECT count(*)::int AS n FROM scorecards.scorecards_current WHERE evaluated_at > $1',
    [ms],
  );
  return rows[0].n;
}

/** Waits for a refresh some entities into its run; resolves to its runner. */
async function findRunningRefresh(db) {
  const deadline = Date.now() + 4 * frequencyMs + timeoutMs + 30_000;
  while (Date.now() < deadline) {
    for (const replica of Object.values(replicas)) {
      if ((await refreshWorkerState(replica)) !== 'running') continue;
      const task = await refreshTask(db);
      if (!task.current_run_ticket) continue;
      const done = await evaluatedSince(
        db,
        task.current_run_started_at.getTime(),
      );
      if (done >= 3 && done <= expectedEntities - 10) {
        return { victim: replica, evaluatedBeforeKill: done };
      }
    }
    await sleep(50);
  }
  throw new Error('no refresh caught in the middle of its run');
}

export async function killMidRefresh(db) {
  const { victim, evaluatedBeforeKill } = await findRunningRefresh(db);
  const survivor = victim === replicas.a ? replicas.b : replicas.a;
  const runsBefore = refreshRuns()[survivor.name].length;
  process.kill(pidOf(victim), 'SIGKILL');
  const killedAt = Date.now();

  // lock timeout + the janitor's minute + one interval + one refresh
  const deadline = killedAt + timeoutMs + 60_000 + 2 * frequencyMs + 30_000;
  for (;;) {
    const task = await refreshTask(db);
    const ended = task.last_run_ended_at?.getTime() ?? 0;
    if (
      !task.current_run_ticket &&
      ended > killedAt &&
      !task.last_run_error_json &&
      refreshRuns()[survivor.name].length > runsBefore
    ) {
      break;
    }
    assert.ok(Date.now() < deadline, 'the survivor never finished a refresh');
    await sleep(250);
  }
  const recoveredMs = Date.now() - killedAt;
  assert.equal(
    await evaluatedSince(db, killedAt),
    expectedEntities,
    'every entity has a verdict evaluated after the kill',
  );
  const lost = logLines(survivor).filter(l =>
    /Task timed out and was lost: scorecards-refresh/.test(String(l.message)),
  );
  assert.ok(lost.length >= 1, "the survivor's janitor freed the dead lock");
  const card = await api(survivor, '/api/scorecards/overview?limit=1');
  assert.equal(card.status, 200);
  assert.equal(card.body.totalItems, expectedEntities);
  return {
    victim: victim.name,
    survivor: survivor.name,
    evaluatedBeforeKill,
    recoveredMs,
  };
}

/**
 * Every stored scorecard is whole: its JSON parses, its per-gate rows match
 * its gates, and its newest history row matches its verdict and gates.
 */
export async function assertNoHalfWrittenRows(db) {
  const { rows: current } = await db.query(
    'SELECT entity_ref, verdict, score, scorecard FROM scorecards.scorecards_current',
  );
  assert.equal(current.length, expectedEntities);
  const { rows: gateRows } = await db.query(
    'SELECT entity_ref, gate_id, status FROM scorecards.scorecards_gate_status',
  );
  const { rows: latest } = await db.query(
    `SELECT DISTINCT ON (entity_ref) entity_ref, verdict, score, gates
       FROM scorecards.scorecards_history ORDER BY entity_ref, id DESC`,
  );
  const latestByRef = new Map(latest.map(r => [r.entity_ref, r]));
  for (const row of current) {
    const card = JSON.parse(row.scorecard);
    assert.equal(card.verdict, row.verdict, row.entity_ref);
    const gates = Object.fromEntries(card.gates.map(g => [g.gateId, g.status]));
    const stored = Object.fromEntries(
      gateRows
        .filter(g => g.entity_ref === row.entity_ref)
        .map(g => [g.gate_id, g.status]),
    );
    assert.deepEqual(stored, gates, `${row.entity_ref}: gate rows`);
    const history = latestByRef.get(row.entity_ref);
    assert.ok(history, `${row.entity_ref}: no history row`);
    assert.equal(history.verdict, row.verdict, `${row.entity_ref}: history`);
    assert.deepEqual(JSON.parse(history.gates), gates, row.entity_ref);
  }
}
