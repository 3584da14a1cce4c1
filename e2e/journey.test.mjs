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

async function pick(page, input, text, option) {
  await page.locator(input).fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

async function fillForm(page) {
  // Service
  await page.locator('#root_name').fill(name);
  await page
    .locator('#root_description')
    .fill('Created by the journey browser test');
  await pick(page, '#root_owner', 'payments', 'Payments Team');
  await pick(page, '#root_system', 'checkout', 'Checkout');
  await page.getByRole('button', { name: 'Next' }).click();
  // Reliability (objective and window keep their defaults)
  await page.locator('#root_pagerdutyServiceId').fill('PJOURNEY1');
  await page.getByRole('button', { name: 'Next' }).click();
  // Repository: host github.com; the demo publishes it to local git
  // autocomplete fields: type, then leave the field so the value commits
  await page.getByLabel(/^Owner/).pressSequentially('demo');
  await page.keyboard.press('Tab');
  await page.getByLabel(/^Repository/).pressSequentially(name);
  await page.keyboard.press('Tab');
  await page.waitForTimeout(1_000); // the picker debounces its value
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

test(`the TypeScript golden path completes offline as ${user}`, async t => {
  const { page } = browser;
  t.after(() => screenshot(page, `journey-${user}-last`));
  const started = Date.now();
  await open(page, '/create');
  const choose = 'template-card-actions--create';
  await page
    .getByText('TypeScript HTTP service (golden path)', { exact: true })
    .locator(`xpath=ancestor::*[.//button[@data-testid="${choose}"]][1]`)
    .getByTestId(choose)
    .click();
  await fillForm(page);

  const link = page.getByRole('link', { name: 'Open in catalog' });
  const failed = page.getByText(/failed|error/i).first();
  await Promise.race([
    link.waitFor({ timeout: 120_000 }),
    failed.waitFor({ timeout: 120_000 }).then(async () => {
      await screenshot(page, `journey-${user}-task-failed`);
    }),
  ]);
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
      els.map(e => [
        e.getAttribute('data-gate-id'),
        e.getAttribute('data-status'),
      ]),
    ),
  );
  for (const gate of REPO_GATES) {
    assert.equal(
      statuses[gate],
      'pass',
      `${gate}: ${JSON.stringify(statuses)}`,
    );
  }
  await screenshot(page, `journey-${user}-scorecard`);
  const seconds = Math.round((Date.now() - started) / 1000);
  assert.ok(seconds < 180, `journey took ${seconds}s`);
  console.log(
    `[e2e] journey as ${user}: ${seconds}s from /create to scorecard`,
  );
});
