// Waits until the backend answers the catalog API with the demo entities
// and the scorecards of the demo entities (and serves the built app), or
// fails after a bounded time.
const base = process.env.GK_E2E_URL;
const token =
  process.env.GATEKEEPER_CI_TOKEN ?? 'gatekeeper-demo-ci-token-change-me';
const deadline = Date.now() + 240_000;

async function ready() {
  const res = await fetch(
    `${base}/api/catalog/entities/by-query?filter=kind=component&limit=50`,
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  if (!res.ok) return false;
  const body = await res.json();
  const app = await fetch(`${base}/`);
  // the scheduled scorecard evaluation of the demo entities has run
  const overview = await fetch(`${base}/api/scorecards/overview`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const scored = overview.ok ? (await overview.json()).totalItems : 0;
  return body.items?.length >= 7 && app.ok && scored >= 7;
}

for (;;) {
  try {
    if (await ready()) {
      console.log(`[e2e] backend ready at ${base}`);
      break;
    }
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error('[e2e] backend did not become ready in time');
    process.exit(1);
  }
  await new Promise(r => setTimeout(r, 1000));
}
