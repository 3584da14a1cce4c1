// Waits until the production backend serves the app, has ingested the org
// (User ada from GATEKEEPER_ORG_URL) and the demo components (from
// GATEKEEPER_CATALOG_URL), and has evaluated their scorecards (asking for an
// evaluation when the scheduled one ran before the catalog was read).
const base = process.env.GK_PROD_URL;
const headers = { Authorization: `Bearer ${process.env.GATEKEEPER_CI_TOKEN}` };
const deadline = Date.now() + 150_000;
let last;

async function count(path) {
  const res = await fetch(`${base}${path}`, { headers });
  if (!res.ok) return 0;
  const body = await res.json();
  return body.items?.length ?? body.totalItems ?? 0;
}

async function ready() {
  const app = await fetch(`${base}/`);
  if (!app.ok) return false;
  const users = await count('/api/catalog/entities/by-query?filter=kind=user');
  const components = await count(
    '/api/catalog/entities/by-query?filter=kind=component&limit=50',
  );
  let scored = await count('/api/scorecards/overview');
  if (users >= 2 && components >= 7 && scored < 7) {
    // the scheduled evaluation may have run before the catalog was read:
    // evaluate now, as CI would after pushing facts
    const list = await fetch(
      `${base}/api/catalog/entities/by-query?filter=kind=component&limit=50`,
      { headers },
    ).then(r => r.json());
    for (const { metadata } of list.items) {
      await fetch(
        `${base}/api/scorecards/entities/default/component/${metadata.name}/evaluate`,
        { method: 'POST', headers },
      );
    }
    scored = await count('/api/scorecards/overview');
  }
  last = { users, components, scored };
  return users >= 2 && components >= 7 && scored >= 7;
}

for (;;) {
  try {
    if (await ready()) {
      console.log(`[prod-e2e] backend ready at ${base}`);
      break;
    }
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error(
      `[prod-e2e] backend did not become ready in time: ${JSON.stringify(
        last,
      )}`,
    );
    process.exit(1);
  }
  await new Promise(r => setTimeout(r, 1000));
}
