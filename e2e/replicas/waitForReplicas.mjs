// Waits until both replicas answer, their catalogs hold every component (the
// demo's and the fleet) and the scheduled refresh has scored all of them.
// With `--readiness <url>`: only until that backend reports ready.
const urls = [process.env.GK_REPLICA_A_URL, process.env.GK_REPLICA_B_URL];
const expected = 7 + Number(process.env.GK_REPLICAS_FLEET_SIZE ?? 40);
const headers = { Authorization: `Bearer ${process.env.GATEKEEPER_CI_TOKEN}` };
const started = Date.now();
const deadline = started + 150_000;
let last;

async function count(base, path) {
  const res = await fetch(`${base}${path}`, { headers });
  if (!res.ok) return -res.status;
  const body = await res.json();
  return body.totalItems ?? body.items?.length ?? 0;
}

async function ready() {
  last = [];
  for (const base of urls) {
    const components = await count(
      base,
      '/api/catalog/entities/by-query?filter=kind=component&limit=1',
    );
    const scored = await count(base, '/api/scorecards/overview?limit=1');
    last.push({ components, scored });
  }
  return last.every(r => r.components >= expected && r.scored >= expected);
}

async function readiness(base) {
  const res = await fetch(`${base}/.backstage/health/v1/readiness`);
  return res.ok;
}

const only = process.argv[2] === '--readiness' ? process.argv[3] : undefined;
const check = only ? () => readiness(only) : ready;

for (;;) {
  try {
    if (await check()) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `[replicas-e2e] ${only ?? 'both replicas'} ready after ${seconds} s`,
      );
      break;
    }
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error(
      `[replicas-e2e] replicas not ready in time: ${JSON.stringify(last)}`,
    );
    process.exit(1);
  }
  await new Promise(r => setTimeout(r, 1000));
}
