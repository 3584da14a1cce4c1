/*
 * SLO computation benchmark: 1,000 SLOs x 30 days of 1-minute data (43,200
 * buckets each): attainment, error budget, the four multiwindow burn rates,
 * the exhaustion forecast and a 120-point burn-down series, with the
 * typed-array prefix-sum implementation of @gatekeeper/plugin-slo-node, and
 * with a straightforward object-array implementation (filter/reduce per
 * window, the way the math is usually written) on the same data in the same
 * run. Results of both are cross-checked. Run from the repository root:
 *
 *   yarn tsx bench/slo/slo-bench.ts [slos] [peerSlos]
 */
import {
  DEFAULT_BURN_RATE_RULES,
  SliEventSeries,
} from '@gatekeeper/plugin-slo-node';
import {
  computeSlo,
  toTimeslices,
} from '../../plugins/slo-backend/src/budgets/sloMath';

const SLOS = Number(process.argv[2] ?? 1000);
const PEER_SLOS = Number(process.argv[3] ?? 100);
const POINTS = 30 * 24 * 60;
const STEP = 60;
const WINDOW = 30 * 86400;
const GOAL_MS = 5000;

/** Deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function synthetic(index: number): SliEventSeries {
  const random = prng(index + 1);
  const good = new Float64Array(POINTS);
  const total = new Float64Array(POINTS);
  const errorRate = 0.0002 + 0.002 * random();
  for (let i = 0; i < POINTS; i++) {
    const n = 500 + Math.floor(500 * random());
    const burst = i > POINTS - 90 && index % 7 === 0 ? 20 : 1;
    const bad = Math.round(n * errorRate * burst * 2 * random());
    total[i] = n;
    good[i] = n - Math.min(n, bad);
  }
  return { startMs: Date.UTC(2026, 9, 1), stepSeconds: STEP, good, total };
}

interface Sample {
  t: number;
  good: number;
  total: number;
}

/** The peer: the same math over an array of sample objects with filter/reduce. */
function naive(samples: Sample[], target: number) {
  const allowed = 1 - target;
  const end = samples[samples.length - 1].t;
  const sum = (list: Sample[]) =>
    list.reduce(
      (acc, s) => ({ good: acc.good + s.good, total: acc.total + s.total }),
      { good: 0, total: 0 },
    );
  const burn = (seconds: number) => {
    const w = sum(samples.filter(s => s.t > end - seconds * 1000));
    return w.total > 0 ? (w.total - w.good) / w.total / allowed : 0;
  };
  const all = sum(samples);
  const budget = allowed * all.total;
  const remaining = budget - (all.total - all.good);
  const alerts = DEFAULT_BURN_RATE_RULES.map(rule => {
    const long = burn(rule.longWindowSeconds);
    const short = burn(rule.shortWindowSeconds);
    return {
      long,
      short,
      firing: long > rule.burnRate && short > rule.burnRate,
    };
  });
  const current = burn(3600);
  const series = [];
  for (let p = 0; p < 120; p++) {
    const idx = Math.round(((p + 1) * samples.length) / 120);
    const upTo = sum(samples.slice(0, idx));
    series.push(
      upTo.total > 0
        ? (1 - (upTo.total - upTo.good) / (allowed * upTo.total)) * 100
        : 100,
    );
  }
  return {
    attainment: all.good / all.total,
    remaining,
    alerts,
    tte: current > 0 ? ((remaining / budget) * WINDOW) / current : undefined,
    series,
  };
}

function toSamples(series: SliEventSeries): Sample[] {
  return Array.from(series.total, (total, i) => ({
    t: series.startMs + (i + 1) * STEP * 1000,
    good: series.good[i],
    total,
  }));
}

/** Times the typed-array implementation on every SLO and counts firing alerts and exhausted budgets. */
function measureOurs(targets: number[]) {
  let oursMs = 0;
  let firing = 0;
  let exhausted = 0;
  for (let i = 0; i < SLOS; i++) {
    const series = synthetic(i);
    const target = targets[i % targets.length];
    const t0 = performance.now();
    // Every fourth SLO uses 5-minute Timeslices, the others Occurrences.
    const input =
      i % 4 === 3
        ? toTimeslices(series, {
            sliceSeconds: 300,
            method: 'Timeslices',
            sliceTarget: 0.99,
          })
        : series;
    const r = computeSlo({ series: input, target, windowSeconds: WINDOW });
    oursMs += performance.now() - t0;
    if (r.burnRateAlerts.some(a => a.firing)) firing++;
    if (r.budgetRemaining <= 0) exhausted++;
  }
  return { oursMs, firing, exhausted };
}

function main() {
  const targets = [0.99, 0.995, 0.999, 0.9995];
  const { oursMs, firing, exhausted } = measureOurs(targets);

  let peerMs = 0;
  let oursSubsetMs = 0;
  let maxDiff = 0;
  for (let i = 0; i < PEER_SLOS; i++) {
    const series = synthetic(i);
    const samples = toSamples(series);
    const target = targets[i % targets.length];
    const t0 = performance.now();
    const n = naive(samples, target);
    peerMs += performance.now() - t0;
    const t1 = performance.now();
    const r = computeSlo({ series, target, windowSeconds: WINDOW });
    oursSubsetMs += performance.now() - t1;
    const diffs = [
      Math.abs(n.attainment - r.attainment),
      Math.abs(n.remaining - r.budgetRemaining) / Math.max(1, r.budgetTotal),
      ...n.alerts.map((a, k) =>
        Math.abs(a.long - r.burnRateAlerts[k].longBurnRate),
      ),
      ...n.series.map(
        (v, k) => Math.abs(v - r.series.remainingPercent[k]) / 100,
      ),
    ];
    if (n.alerts.some((a, k) => a.firing !== r.burnRateAlerts[k].firing)) {
      throw new Error(`SLO ${i}: firing state differs between implementations`);
    }
    maxDiff = Math.max(maxDiff, ...diffs);
  }
  if (maxDiff > 1e-9) {
    throw new Error(
      `implementations disagree (max relative difference ${maxDiff})`,
    );
  }

  const perSloOurs = oursSubsetMs / PEER_SLOS;
  const perSloPeer = peerMs / PEER_SLOS;
  const lines = [
    `SLO computation benchmark (node ${process.version})`,
    `${SLOS} SLOs x ${POINTS} one-minute buckets (30 days); ${firing} with a firing burn-rate alert, ${exhausted} with an exhausted budget`,
    `typed arrays + prefix sums: ${oursMs.toFixed(
      0,
    )} ms total for ${SLOS} SLOs (${(oursMs / SLOS).toFixed(
      3,
    )} ms per SLO); goal < ${GOAL_MS} ms: ${
      oursMs < GOAL_MS ? 'met' : 'MISSED'
    }`,
    `peer (object array, filter/reduce per window), ${PEER_SLOS} SLOs: ${perSloPeer.toFixed(
      3,
    )} ms per SLO vs ${perSloOurs.toFixed(3)} ms per SLO -> ${(
      perSloPeer / perSloOurs
    ).toFixed(1)}x faster`,
    `results cross-checked on ${PEER_SLOS} SLOs: max difference ${maxDiff.toExponential(
      1,
    )}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
