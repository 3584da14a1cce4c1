// Two backend replicas on one PostgreSQL database (started by run.sh):
// the scheduled refresh runs once per interval across both, pushes are read
// back from the other replica, concurrent duplicates run once, and a replica
// SIGKILLed in the middle of a refresh loses nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  api,
  connect,
  evaluations,
  expectedEntities,
  fleetRef,
  fleetSize,
  frequencyMs,
  refreshRuns,
  refreshTask,
  refreshWorkerState,
  replicas,
  sleep,
  waitForIdleRefresh,
} from './replicas.mjs';
import { assertNoHalfWrittenRows, killMidRefresh } from './killMidRefresh.mjs';
import {
  pushBothWithKey,
  pushBothWithoutKey,
  sendAlertToBoth,
  sendIncidentToBoth,
} from './duplicates.mjs';

const { a, b } = replicas;
let db;

before(async () => {
  db = await connect();
});

after(async () => {
  await db?.end();
});

const runCount = runs => runs.a.length + runs.b.length;

/** Log counts taken while no refresh runs (re-taken if one started). */
async function settledSnapshot() {
  for (;;) {
    const task = await waitForIdleRefresh(db, 60_000);
    const snapshot = { runs: refreshRuns(), evals: evaluations('schedule') };
    const again = await refreshTask(db);
    if (
      !again.current_run_ticket &&
      String(again.last_run_ended_at) === String(task.last_run_ended_at)
    ) {
      return { ...snapshot, at: Date.now() };
    }
  }
}

/** Samples both replicas' local worker state until `stop()`. */
function sampleWorkers() {
  const running = { a: 0, b: 0, both: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const [sa, sb] = await Promise.all([
        refreshWorkerState(a),
        refreshWorkerState(b),
      ]);
      if (sa === 'running') running.a++;
      if (sb === 'running') running.b++;
      if (sa === 'running' && sb === 'running') running.both++;
      await sleep(150);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return running;
  };
}

test('the scheduled refresh runs once per interval across both replicas', async () => {
  const start = await settledSnapshot();
  const stop = sampleWorkers();
  const deadline = Date.now() + 6 * frequencyMs + 60_000;
  let end;
  do {
    await sleep(500);
    assert.ok(Date.now() < deadline, 'fewer than 3 refreshes ran in time');
    end = await settledSnapshot();
  } while (runCount(end.runs) - runCount(start.runs) < 3);
  const running = await stop();

  const runs = runCount(end.runs) - runCount(start.runs);
  const elapsed = end.at - start.at;
  const newLines = [
    ...end.runs.a.slice(start.runs.a.length),
    ...end.runs.b.slice(start.runs.b.length),
  ];
  console.log(
    `[replicas] ${runs} refreshes in ${(elapsed / 1000).toFixed(1)} s ` +
      `(a ${end.runs.a.length - start.runs.a.length}, b ${
        end.runs.b.length - start.runs.b.length
      }); worker samples running ${JSON.stringify(running)}`,
  );
  assert.equal(running.both, 0, 'both replicas ran the refresh at once');
  assert.ok(
    runs <= Math.floor(elapsed / frequencyMs) + 1,
    `${runs} refreshes in ${elapsed} ms is more than one per interval`,
  );
  for (const line of newLines) {
    assert.match(
      line,
      new RegExp(
        `^Scorecards refreshed: ${expectedEntities} entities evaluated`,
      ),
    );
  }
  // Every fleet component was evaluated exactly once per run, by one replica.
  for (let i = 1; i <= fleetSize; i++) {
    const ref = fleetRef(i);
    const count = (end.evals.get(ref) ?? 0) - (start.evals.get(ref) ?? 0);
    assert.equal(
      count,
      runs,
      `${ref} evaluated ${count} times in ${runs} runs`,
    );
  }
});

/** Pushes coverage to `to`, reads the gate and the fact back from `from`. */
async function pushAndReadBack(to, from, ref, coverage) {
  const pushed = await api(to, '/api/scorecards/facts', {
    body: { entityRef: ref, facts: { 'ci.coverage.lines': coverage } },
  });
  assert.equal(pushed.status, 200, JSON.stringify(pushed.body));
  const expected = coverage >= 80 ? 'pass' : 'fail';
  const gateOf = card => card.gates.find(g => g.gateId === 'coverage-lines');
  assert.equal(gateOf(pushed.body.scorecard).status, expected);
  const path = `/api/scorecards/entities/default/component/${
    ref.split('/')[1]
  }`;
  const card = await api(from, path);
  assert.equal(card.status, 200);
  assert.equal(
    gateOf(card.body).status,
    expected,
    `${ref}: ${coverage}% pushed to ${to.name}, ${from.name} shows ${
      gateOf(card.body).status
    }`,
  );
  const facts = await api(from, `${path}/facts`);
  const fact = facts.body.items.find(f => f.fact === 'ci.coverage.lines');
  assert.equal(fact?.value, coverage);
}

test('a fact pushed to one replica is in the scorecard read from the other', async () => {
  // while the refresh keeps running: the push must survive a refresh that
  // read the entity's facts just before it
  for (let round = 0; round < 12; round++) {
    const coverage = round % 2 === 0 ? 91 + round : 20 + round;
    await pushAndReadBack(a, b, fleetRef(2), coverage);
    await pushAndReadBack(b, a, fleetRef(3), coverage);
  }
});

test('one push sent to both replicas at once with one Idempotency-Key runs once', async () => {
  await pushBothWithKey(db, fleetRef(4));
});

test('one change pushed to both replicas at once adds one history row', async () => {
  await pushBothWithoutKey(db, fleetRef(5));
});

test('one incident sent to both replicas at once with one Idempotency-Key is created once', async () => {
  await sendIncidentToBoth(db, fleetRef(6));
});

test('one Alertmanager notification delivered to both replicas creates one incident', async () => {
  await sendAlertToBoth(db, fleetRef(7));
});

test('a replica killed in the middle of a refresh loses nothing', async () => {
  const result = await killMidRefresh(db);
  console.log(
    `[replicas] killed ${result.victim} after ${result.evaluatedBeforeKill}/${expectedEntities} entities; ` +
      `${result.survivor} finished a refresh ${(
        result.recoveredMs / 1000
      ).toFixed(1)} s later`,
  );
  await assertNoHalfWrittenRows(db);
});
