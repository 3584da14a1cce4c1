/*
 * CI pushes while a refresh runs: every 250 ms a fact is pushed for a random
 * entity and its stored scorecard is read until the gate shows it; p50/p95
 * of push start -> visible.
 */
import { prng } from '../scorecards/synthetic';
import { Api } from './benchClient';

export function measurePushVisibility(api: Api, entities: number) {
  const random = prng(5);
  const latencies: number[] = [];
  let running = true;
  let failures = 0;
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const name = `svc-${Math.floor(random() * entities)}`;
      const passed = n % 2 === 0;
      const start = performance.now();
      try {
        await api.json('/api/scorecards/facts', {
          method: 'POST',
          body: JSON.stringify({
            entityRef: `component:default/${name}`,
            source: 'bench-ci',
            facts: { 'ci.tests.passed': passed },
          }),
        });
        for (;;) {
          const card = await api.json<{
            gates: Array<{ gateId: string; status: string }>;
          }>(`/api/scorecards/entities/default/component/${name}`);
          const gate = card.gates.find(g => g.gateId === 'ci-tests');
          if (gate?.status === (passed ? 'pass' : 'fail')) break;
          if (performance.now() - start > 30_000) throw new Error('timeout');
          await new Promise(r => setTimeout(r, 20));
        }
        latencies.push(performance.now() - start);
      } catch {
        failures++;
      }
      await new Promise(r => setTimeout(r, 250));
    }
  })();
  return {
    async stop(): Promise<string> {
      running = false;
      await loop;
      latencies.sort((a, b) => a - b);
      const p = (q: number) =>
        latencies[
          Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)
        ] ?? NaN;
      return `${latencies.length} pushes, p50 ${p(0.5).toFixed(0)} ms, p95 ${p(
        0.95,
      ).toFixed(0)} ms, max ${(latencies[latencies.length - 1] ?? NaN).toFixed(
        0,
      )} ms, ${failures} failed`;
    },
  };
}
