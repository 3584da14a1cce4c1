import { DeploymentEvent, RollbackEvent } from '@gatekeeper/plugin-slo-common';
import { DeploymentStore } from './DeploymentStore';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Per demo service: deployments per week, lead time (hours) and how often one is rolled back. */
const PROFILES = [
  { name: 'search-service', perWeek: 4, leadHours: 20, rollbackEvery: 9 },
  { name: 'checkout-web', perWeek: 7, leadHours: 6, rollbackEvery: 6 },
  { name: 'payments-service', perWeek: 2, leadHours: 48, rollbackEvery: 12 },
];

/** A deterministic generator (mulberry32), so the demo shows the same figures each start. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo events of the last 91 days (13 weeks), ids `demo:*`. */
export function demoDeliveryEvents(now: number) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const deployments: DeploymentEvent[] = [];
  const rollbacks: RollbackEvent[] = [];
  PROFILES.forEach((p, pi) => {
    const next = random(pi + 1);
    const entityRef = `component:default/${p.name}`;
    const count = Math.round((p.perWeek * 91) / 7);
    for (let i = 0; i < count; i++) {
      const finishedAt = now - 91 * DAY + ((i + next()) * 91 * DAY) / count;
      if (finishedAt > now - HOUR) break;
      const rolledBack = i % p.rollbackEvery === p.rollbackEvery - 1;
      const id = `demo:${p.name}:${i}`;
      const version = `1.${Math.floor(i / 10)}.${i % 10}`;
      deployments.push({
        id,
        entityRef,
        environment: 'production',
        commit: (0x1000000 + pi * 0x100000 + i).toString(16).padEnd(40, '0'),
        commitAt: iso(finishedAt - p.leadHours * HOUR * (0.5 + next())),
        startedAt: iso(finishedAt - (8 + 10 * next()) * MINUTE),
        finishedAt: iso(finishedAt),
        status: rolledBack ? 'rolled_back' : 'succeeded',
        version,
        source: 'push',
      });
      if (rolledBack) {
        const started = finishedAt + (5 + 20 * next()) * MINUTE;
        rollbacks.push({
          id: `${id}:rollback`,
          entityRef,
          environment: 'production',
          fromVersion: version,
          startedAt: iso(started),
          finishedAt: iso(started + (3 + 10 * next()) * MINUTE),
        });
      }
    }
  });
  return { deployments, rollbacks };
}

/**
 * Seeds demo deployment events (flagged demo, shown as DEMO in the UI) once,
 * so the demo portal shows delivery metrics; only with the demo datasource.
 */
export async function seedDemoDeployments(
  store: DeploymentStore,
  now = Date.now(),
) {
  if (await store.hasDemoEvents()) return;
  await store.recordEvents({ ...demoDeliveryEvents(now), demo: true });
}
