/*
 * Reads at the floor, against the scale benchmark's backend: autocannon on
 * the catalog read vs the stored scorecard (100 connections), the filtered
 * overview (20 connections) and batched fact pushes.
 */
import autocannon from 'autocannon';
import { prng } from '../scorecards/synthetic';
import { Api, TOKEN } from './benchClient';

const SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 20);
const FACTS_PER_PUSH = 50;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function load(options: {
  url: string;
  connections: number;
  method?: 'GET' | 'POST';
  path: (i: number) => string;
  body?: (i: number) => string;
  entities: number;
}) {
  const random = prng(11);
  const latencies: number[] = [];
  let non2xx = 0;
  let server5xx = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: SECONDS,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    },
    requests: [
      {
        method: options.method ?? 'GET',
        setupRequest: (req: Record<string, unknown>) => {
          const i = Math.floor(random() * options.entities);
          return {
            ...req,
            path: options.path(i),
            ...(options.body ? { body: options.body(i) } : {}),
          };
        },
      },
    ],
  });
  instance.on(
    'response',
    (_c: unknown, status: number, _b: number, responseTime: number) => {
      if (status < 200 || status > 299) non2xx++;
      if (status >= 500) server5xx++;
      latencies.push(responseTime);
    },
  );
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / SECONDS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    non2xx,
    server5xx,
    errors: result.errors + result.timeouts,
  };
}

type Result = Awaited<ReturnType<typeof load>>;
const line = (label: string, r: Result, connections: number) =>
  `${label.padEnd(34)}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(
    1,
  )} ms, p95 ${r.p95.toFixed(1)} ms, ${connections} connections, ${
    r.non2xx
  } non-2xx (${r.server5xx} 5xx), ${r.errors} errors`;

export async function runReads(api: Api, entities: number): Promise<string[]> {
  const url = api.baseUrl;
  const lines = [`\nreads at the floor (autocannon, ${SECONDS} s per run)`];
  const catalog = await load({
    url,
    connections: 100,
    entities,
    path: i => `/api/catalog/entities/by-name/component/default/svc-${i}`,
  });
  lines.push(line('catalog GET by-name', catalog, 100));
  const scorecard = await load({
    url,
    connections: 100,
    entities,
    path: i => `/api/scorecards/entities/default/component/svc-${i}`,
  });
  lines.push(line('scorecards GET stored scorecard', scorecard, 100));
  lines.push(
    `ratio throughput scorecard / catalog: ${(
      scorecard.rps / catalog.rps
    ).toFixed(2)}x, p95 catalog / scorecard: ${(
      catalog.p95 / scorecard.p95
    ).toFixed(2)}x`,
  );
  const overview = await load({
    url,
    connections: 20,
    entities: 40,
    path: i =>
      `/api/scorecards/overview?owner=${encodeURIComponent(
        `group:default/team-${i}`,
      )}&verdict=at-risk&limit=25`,
  });
  lines.push(line('scorecards overview owner+verdict', overview, 20));
  const push = await load({
    url,
    connections: 10,
    method: 'POST',
    entities,
    path: () => '/api/scorecards/facts',
    body: i =>
      JSON.stringify({
        entityRef: `component:default/svc-${i}`,
        source: 'bench-ci',
        facts: Object.fromEntries(
          Array.from({ length: FACTS_PER_PUSH }, (_, k) => [
            k === 0 ? 'ci.tests.passed' : `ci.bench.metric-${k}`,
            k === 0 ? i % 2 === 0 : (i * k) % 100,
          ]),
        ),
      }),
  });
  lines.push(line(`fact push (${FACTS_PER_PUSH} facts per request)`, push, 10));
  lines.push(
    `fact push throughput: ${(
      (push.rps - push.non2xx / SECONDS) *
      FACTS_PER_PUSH
    ).toFixed(0)} facts/s`,
  );
  return lines;
}
