/*
 * Scorecards engine benchmark: 10,000 synthetic entities x 30 gates with the
 * Gatekeeper compiled engine and with the Tech Insights json-rules-engine
 * fact checker (JsonRulesEngineFactCheckerFactory) on the same facts, in one
 * run. Run from the repository root:
 *
 *   yarn tsx bench/scorecards/engine-bench.ts [entities] [runs]
 */
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { compilePolicy } from '../../plugins/scorecards-backend/src/engine/compilePolicy';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import type { FactRecord } from '../../plugins/scorecards-backend/src/engine/types';
import {
  factIds,
  GATE_COUNT,
  jsonfcChecks,
  noopLogger,
  prng,
  syntheticFacts,
  syntheticPolicy,
} from './synthetic';

const ENTITIES = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 3);
const RETRIEVER = 'bench-retriever';

type OurFacts = Map<string, FactRecord>;
type Checker = ReturnType<JsonRulesEngineFactCheckerFactory['construct']>;

/**
 * Gatekeeper's facts as loaded from the store: every entity has its own
 * timestamps (repository facts and CI facts observed at different times), ISO
 * text included (the jsonfc facts carry their timestamp as text too).
 */
function ourFacts(raw: ReturnType<typeof syntheticFacts>[], now: number) {
  return raw.map((f, i) => {
    const repoAt = now - 60_000 - i * 1_000;
    const ciAt = now - 3_600_000 - i * 7_000;
    return new Map<string, FactRecord>(
      Object.entries(f).map(([k, v]) => {
        const at = k.includes('check') ? repoAt : ciAt;
        return [
          k,
          {
            value: v,
            observedAt: at,
            observedAtIso: new Date(at).toISOString(),
            source: 'bench',
          },
        ];
      }),
    );
  });
}

/** In-memory TechInsightsStore with the same facts: the checker only needs these two reads. */
function techInsightsRepository(
  refs: string[],
  raw: ReturnType<typeof syntheticFacts>[],
  now: number,
) {
  const schema = Object.fromEntries(
    factIds().map(id => [
      id,
      { type: id.includes('check') ? 'boolean' : 'number', description: id },
    ]),
  );
  const theirs = new Map(
    refs.map((ref, i) => [
      ref,
      {
        [RETRIEVER]: {
          id: RETRIEVER,
          entity: { namespace: 'default', kind: 'component', name: `svc-${i}` },
          timestamp: new Date(now - 60_000).toISOString(),
          version: '0.1.0',
          facts: raw[i],
        },
      },
    ]),
  );
  const repository: any = {
    getLatestFactsByIds: async (_ids: string[], entity: string) =>
      theirs.get(entity) ?? {},
    getLatestSchemas: async () => [schema],
  };
  return repository;
}

/** Gatekeeper: compile once, evaluate every entity. */
function timeGatekeeper(
  policy: ReturnType<typeof syntheticPolicy>,
  refs: string[],
  ours: OurFacts[],
  now: number,
) {
  const t0 = process.hrtime.bigint();
  const compiled = compilePolicy(policy);
  const pass = new Array(GATE_COUNT).fill(0);
  for (let i = 0; i < ENTITIES; i++) {
    const { scorecard } = compiled.evaluate({
      entityRef: refs[i],
      facts: ours[i],
      now,
    });
    const gates = scorecard.gates;
    for (let g = 0; g < gates.length; g++)
      if (gates[g].status === 'pass') pass[g]++;
  }
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, pass };
}

/** Tech Insights jsonfc: one runChecks per entity (as its run endpoints do). */
async function timeJsonfc(checker: Checker, refs: string[]) {
  const t1 = process.hrtime.bigint();
  const theirs = new Array(GATE_COUNT).fill(0);
  for (let i = 0; i < ENTITIES; i++) {
    const results = await checker.runChecks(refs[i]);
    for (const r of results)
      if (r.result) theirs[Number(r.check.id.slice(5))]++;
  }
  return { ms: Number(process.hrtime.bigint() - t1) / 1e6, pass: theirs };
}

function report(options: {
  oursRuns: number[];
  theirsRuns: number[];
  ourPass: number[];
  theirPass: number[];
}) {
  const { oursRuns, theirsRuns, ourPass, theirPass } = options;
  const best = (runs: number[]) => Math.min(...runs);
  const median = (runs: number[]) =>
    [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const oursMs = best(oursRuns);
  const theirsMs = best(theirsRuns);

  const agree = ourPass.every((n, g) => n === theirPass[g]);
  const evaluations = ENTITIES * GATE_COUNT;
  console.log(
    `entities: ${ENTITIES}, gates: ${GATE_COUNT} (${evaluations} gate evaluations)`,
  );
  console.log(
    `gatekeeper compiled engine : best ${oursMs.toFixed(1)} ms (${(
      (evaluations / oursMs) *
      1000
    ).toFixed(0)} gate evaluations/s)`,
  );
  console.log(
    `tech-insights jsonfc       : best ${theirsMs.toFixed(1)} ms (${(
      (evaluations / theirsMs) *
      1000
    ).toFixed(0)} gate evaluations/s)`,
  );
  console.log(
    `ratio (jsonfc / gatekeeper): ${(theirsMs / oursMs).toFixed(
      1,
    )}x (best of ${RUNS} runs), ${(
      median(theirsRuns) / median(oursRuns)
    ).toFixed(1)}x (medians)`,
  );
  console.log(
    `runs (ms): gatekeeper ${oursRuns
      .map(r => r.toFixed(0))
      .join(', ')}; jsonfc ${theirsRuns.map(r => r.toFixed(0)).join(', ')}`,
  );
  console.log(`same pass counts per gate  : ${agree ? 'yes' : 'NO'}`);
  if (!agree) {
    console.log('ours  ', ourPass.join(','));
    console.log('theirs', theirPass.join(','));
    process.exitCode = 1;
  }
}

async function main() {
  const random = prng(42);
  const now = Date.now();
  const refs = Array.from(
    { length: ENTITIES },
    (_, i) => `component:default/svc-${i}`,
  );
  const raw = refs.map(() => syntheticFacts(random));

  // Same facts, in the shape each engine reads them.
  const ours = ourFacts(raw, now);
  const repository = techInsightsRepository(refs, raw, now);

  const policy = syntheticPolicy();
  const factory = new JsonRulesEngineFactCheckerFactory({
    checks: jsonfcChecks(RETRIEVER) as any,
    logger: noopLogger,
  });
  const checker = factory.construct(repository);

  // Warm-up both (JIT), not measured.
  const warm = compilePolicy(policy);
  for (let i = 0; i < 200; i++)
    warm.evaluate({ entityRef: refs[i], facts: ours[i], now });
  for (let i = 0; i < 50; i++) await checker.runChecks(refs[i]);

  // The machine may be shared: each engine runs several times and the best
  // (least disturbed) run counts, as well as the median.
  const oursRuns: number[] = [];
  const theirsRuns: number[] = [];
  let ourPass: number[] = [];
  let theirPass: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const gk = timeGatekeeper(policy, refs, ours, now);
    oursRuns.push(gk.ms);
    ourPass = gk.pass;
    const ti = await timeJsonfc(checker, refs);
    theirsRuns.push(ti.ms);
    theirPass = ti.pass;
  }
  report({ oursRuns, theirsRuns, ourPass, theirPass });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
