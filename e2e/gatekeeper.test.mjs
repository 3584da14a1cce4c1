// Browser tests of the Gatekeeper views on the demo data: the scorecard card
// and tab, the scorecards overview page, the SLO tab and the incidents card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.context.close();
});

test('the entity overview shows the scorecard card with a blocked verdict', async () => {
  const { page } = browser;
  await open(page, '/catalog/default/component/checkout-web');
  const card = page.getByTestId('scorecard-card');
  await card.waitFor();
  const verdict = card.getByTestId('scorecard-verdict');
  await verdict.waitFor();
  assert.match((await verdict.textContent()) ?? '', /blocked/i);
  // failing critical gate (coverage 62% < 80%) is listed first
  await card.getByText('Line coverage at least 80%').first().waitFor();
  await screenshot(page, 'entity-checkout-web-overview');
});

test("a demo entity's scorecard tab lists every gate with status and evidence", async () => {
  const { page } = browser;
  await open(page, '/catalog/default/component/ledger-worker/scorecard');
  const content = page.getByTestId('scorecard-content');
  await content.waitFor();
  const rows = content.getByTestId('scorecard-gate-row');
  await rows.first().waitFor();
  const count = await rows.count();
  assert.equal(count, 16, 'one row per gate of backstage.config.ts');
  const statuses = await rows.evaluateAll(els =>
    els.map(e => [
      e.getAttribute('data-gate-id'),
      e.getAttribute('data-status'),
    ]),
  );
  const byGate = Object.fromEntries(statuses);
  assert.ok(
    Object.values(byGate).includes('waived'),
    `ledger-worker shows a waived gate: ${JSON.stringify(byGate)}`,
  );
  await screenshot(page, 'entity-ledger-worker-scorecard');
});

test('the scorecards page shows the heatmap of entities x gates', async () => {
  const { page } = browser;
  await open(page, '/scorecards');
  const heatmap = page.getByTestId('scorecards-heatmap');
  await heatmap.waitFor();
  for (const name of ['payments-service', 'checkout-web', 'recommendations']) {
    await heatmap.getByText(name).first().waitFor();
  }
  await screenshot(page, 'scorecards-page');
});

test('the SLO tab shows budgets, burn-rate alerts and the freeze for search-service', async () => {
  const { page } = browser;
  await open(page, '/catalog/default/component/search-service/slo');
  const content = page.getByTestId('slo-content');
  await content.waitFor();
  await content.getByTestId('slo-burn-rate-table').first().waitFor();
  await content.getByTestId('slo-burndown-chart').first().waitFor();
  const table = content.getByTestId('slo-burn-rate-table').first();
  const text = (await table.textContent()) ?? '';
  for (const factor of ['14.4', '6', '3', '1']) {
    assert.ok(text.includes(factor), `burn-rate threshold ${factor} shown`);
  }
  await screenshot(page, 'entity-search-service-slo');

  await open(page, '/catalog/default/component/search-service');
  await page.getByTestId('slo-freeze-banner').first().waitFor();
  await page.getByTestId('incidents-card').first().waitFor();
  await screenshot(page, 'entity-search-service-overview');
});

test('the golden-path templates are offered on the create page', async () => {
  const { page } = browser;
  await open(page, '/create');
  await page
    .getByText('TypeScript HTTP service (golden path)')
    .first()
    .waitFor();
  await page.getByText('Python HTTP service (golden path)').first().waitFor();
  await screenshot(page, 'create-templates');
});
