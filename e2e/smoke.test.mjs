// Browser smoke test: the catalog list shows the demo entities and a demo
// entity page opens. Screenshots go to test-output/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { launch, open, screenshot } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.context.close();
});

test('catalog list shows the demo components', async () => {
  const { page } = browser;
  await open(
    page,
    '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all',
  );
  const table = page.locator('table');
  await table.getByText('payments-service', { exact: true }).waitFor();
  for (const name of [
    'checkout-web',
    'ledger-worker',
    'search-service',
    'recommendations',
    'build-agent',
    'gatekeeper-portal',
  ]) {
    assert.ok(
      await table.getByText(name, { exact: true }).isVisible(),
      `${name} listed`,
    );
  }
  const file = await screenshot(page, 'catalog-list');
  assert.ok(
    existsSync(file) && statSync(file).size > 10_000,
    'catalog screenshot saved',
  );
});

test('a demo entity page opens with its overview', async () => {
  const { page } = browser;
  await open(page, '/catalog/default/component/payments-service');
  await page
    .getByRole('heading', { name: 'payments-service' })
    .first()
    .waitFor();
  await page
    .getByText('Authorises and captures card payments.')
    .first()
    .waitFor();
  // relations resolved from the demo catalog
  await page.locator('a', { hasText: 'Payments Team' }).first().waitFor();
  await page.locator('a', { hasText: 'Checkout' }).first().waitFor();
  const file = await screenshot(page, 'entity-payments-service');
  assert.ok(statSync(file).size > 10_000, 'entity screenshot saved');
});
