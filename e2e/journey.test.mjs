// The golden-path journey through the UI, offline: /create -> TypeScript
// template -> form -> create -> task completes (published to the local git
// repository, registered in the catalog) -> link to the new entity -> its
// scorecard shows the repository-derived gates passing.
// Signs in with the demo's guest button; GK_E2E_USER names the user that
// button signs in as (run.sh runs this file as the guest, a platform-team
// member, and again as bob of payments-team, outside the platform group).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot } from './browser.mjs';

const user = process.env.GK_E2E_USER ?? 'guest';
const name = `journey-${user}-${Date.now().toString(36)}`;
// gates computed from the files of the published repository
const REPO_GATES = ['code-ownership', 'ci-quality-steps', 'runbooks'];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.context.close();
});

async function fillServiceStep(page) {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page
    .getByLabel('Description', { exact: true })
    .fill('Created by the journey browser test');
  const owner = page.getByLabel('Owner', { exact: true });
  await owner.fill('payments-team');
  await page.getByRole('option', { name: /payments-team/i }).first().click();
  const system = page.getByLabel('System', { exact: true });
  await system.fill('checkout');
  await page.getByRole('option', { name: /checkout/i }).first().click();
  await page.getByRole('button', { name: 'Next' }).click();
}

async function fillRemainingSteps(page) {
  await page.getByLabel('PagerDuty service id').fill('PJOURNEY1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Owner', { exact: true }).fill('demo');
  await page.getByLabel('Repository', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
}

/** Reloads until the catalog has processed the new entity. */
async function waitForEntityPage(page) {
  const card = page.getByTestId('scorecard-card');
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await card.isVisible().catch(() => false)) return card;
    await card.waitFor({ timeout: 3_000 }).catch(() => page.reload());
  }
  await card.waitFor({ timeout: 5_000 });
  return card;
}

test(`the TypeScript golden path completes offline as ${user}`, async () => {
  const { page } = browser;
  const started = Date.now();
  await open(page, '/create');
  const template = page
    .locator('article, [class*="MuiCard-root"]')
    .filter({ hasText: 'TypeScript HTTP service (golden path)' })
    .first();
  await template.getByRole('button', { name: /choose/i }).click();
  await fillServiceStep(page);
  await fillRemainingSteps(page);

  const link = page.getByRole('link', { name: 'Open in catalog' });
  const failed = page.getByText(/failed|error/i).first();
  await Promise.race([link.waitFor({ timeout: 120_000 }), failed.waitFor({ timeout: 120_000 }).then(async () => {
    await screenshot(page, `journey-${user}-task-failed`);
  })]);
  await screenshot(page, `journey-${user}-task`);
  assert.ok(await link.isVisible(), 'the task completed with a catalog link');
  await link.click();
  await page.waitForURL(`**/catalog/default/component/${name}**`);

  const card = await waitForEntityPage(page);
  await card.getByTestId('scorecard-verdict').waitFor();
  await screenshot(page, `journey-${user}-entity`);

  await open(page, `/catalog/default/component/${name}/scorecard`);
  const rows = page.getByTestId('scorecard-gate-row');
  await rows.first().waitFor();
  const statuses = Object.fromEntries(
    await rows.evaluateAll(els =>
      els.map(e => [e.getAttribute('data-gate-id'), e.getAttribute('data-status')]),
    ),
  );
  for (const gate of REPO_GATES) {
    assert.equal(statuses[gate], 'pass', `${gate}: ${JSON.stringify(statuses)}`);
  }
  await screenshot(page, `journey-${user}-scorecard`);
  const seconds = Math.round((Date.now() - started) / 1000);
  assert.ok(seconds < 180, `journey took ${seconds}s`);
  console.log(`[e2e] journey as ${user}: ${seconds}s from /create to scorecard`);
});
