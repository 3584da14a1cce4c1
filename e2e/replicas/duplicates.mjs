// The same request delivered to both replicas at the same moment (a retrying
// client behind a load balancer, Alertmanager in HA mode).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { api, evaluations, historyCount, replicas } from './replicas.mjs';

const { a, b } = replicas;
const both = (path, options) =>
  Promise.all([api(a, path, options), api(b, path, options)]);
const replayedCount = responses =>
  responses.filter(r => r.headers.get('idempotent-replayed') === 'true').length;

/** One key, one body, both replicas: one evaluation, one history row. */
export async function pushBothWithKey(db, ref) {
  for (const coverage of [97, 33, 98]) {
    const history = await historyCount(db, ref);
    const evals = evaluations('push').get(ref) ?? 0;
    const responses = await both('/api/scorecards/facts', {
      body: { entityRef: ref, facts: { 'ci.coverage.lines': coverage } },
      headers: { 'Idempotency-Key': `replicas-${randomUUID()}` },
    });
    for (const r of responses) {
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    assert.equal(replayedCount(responses), 1, 'exactly one replay');
    assert.deepEqual(responses[0].body, responses[1].body);
    assert.equal((evaluations('push').get(ref) ?? 0) - evals, 1);
    assert.equal((await historyCount(db, ref)) - history, 1);
  }
}

/**
 * Two pushes of one change without a key (two CI jobs reporting the same
 * coverage): both evaluate, on different replicas, but the change is one
 * history row.
 */
export async function pushBothWithoutKey(db, ref) {
  for (let round = 0; round < 8; round++) {
    const coverage = round % 2 === 0 ? 95 : 40;
    const history = await historyCount(db, ref);
    const responses = await both('/api/scorecards/facts', {
      body: { entityRef: ref, facts: { 'ci.coverage.lines': coverage } },
    });
    for (const r of responses) {
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    assert.equal(
      (await historyCount(db, ref)) - history,
      1,
      `round ${round}: one change, ${
        (await historyCount(db, ref)) - history
      } history rows`,
    );
  }
}

export async function sendIncidentToBoth(db, ref) {
  const title = `Replica test incident ${randomUUID()}`;
  const responses = await both('/api/slo/incidents', {
    token: 'incidents',
    body: { entityRef: ref, title, severity: 'P2' },
    headers: { 'Idempotency-Key': `replicas-${randomUUID()}` },
  });
  for (const r of responses) {
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  assert.equal(replayedCount(responses), 1, 'exactly one replay');
  assert.equal(responses[0].body.id, responses[1].body.id);
  const { rows } = await db.query(
    'SELECT count(*)::int AS n FROM slo.slo_incidents WHERE title = $1',
    [title],
  );
  assert.equal(rows[0].n, 1);
}

function alertPayload(ref, fingerprint, startsAt) {
  return {
    version: '4',
    groupKey: `{}:{alertname="ReplicaTest",fp="${fingerprint}"}`,
    status: 'firing',
    receiver: 'gatekeeper',
    groupLabels: { alertname: 'ReplicaTest' },
    commonLabels: { alertname: 'ReplicaTest', severity: 'critical' },
    commonAnnotations: { summary: 'Replica test alert' },
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'ReplicaTest', backstage_entity: ref },
        annotations: {},
        startsAt,
        endsAt: '0001-01-01T00:00:00Z',
        fingerprint,
      },
    ],
  };
}

/** Five notifications, each delivered to both replicas at once. */
export async function sendAlertToBoth(db, ref) {
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  const fingerprints = Array.from({ length: 5 }, () => randomUUID());
  const pairs = await Promise.all(
    fingerprints.map(fp =>
      both('/api/slo/alertmanager/webhook', {
        token: 'alertmanager',
        body: alertPayload(ref, fp, startsAt),
      }),
    ),
  );
  for (const [i, pair] of pairs.entries()) {
    for (const r of pair) {
      assert.equal(r.status, 200, `alert ${i}: ${JSON.stringify(r.body)}`);
    }
    assert.equal(pair[0].body.created + pair[1].body.created, 1);
    assert.equal(pair[0].body.incidents[0], pair[1].body.incidents[0]);
  }
  for (const fp of fingerprints) {
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM slo.slo_incidents WHERE external_key = $1',
      [`alertmanager:${fp}:${startsAt}`],
    );
    assert.equal(rows[0].n, 1, `alert ${fp}: ${rows[0].n} incidents`);
  }
}
