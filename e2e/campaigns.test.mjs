// Browser test of a campaign, as the guest (platform-team, who may manage
// campaigns): create one in the UI for the search team's components on the
// line-coverage gate, see the remaining entity and what it must fix, then CI
// pushes good coverage for it and the campaign counts it as done; the
// entity's page lists the campaign with its deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot } from './browser.mjs';
import { scorecardsApi as api } from './scorecardsApi.mjs';

const entity = 'recommendations';
const entityRef = `component:default/${entity}`;
const ciToken =
  process.env.GATEKEEPER_CI_TOKEN ?? 'gatekeeper-demo-ci-token-change-me';
const title = `Coverage for search (${Date.now()})`;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.context.close();
});

async function pushCoverage(lines) {
  const push = await api(
    '/facts',
    {
      method: 'POST',
      body: JSON.stringify({
        entityRef,
        facts: { 'ci.coverage.lines': lines },
        source: 'e2e-campaigns',
      }),
    },
    ciToken,
  );
  assert.equal(push.status, 200, JSON.stringify(push.body));
}

async function fillCampaignForm(page) {
  await page.getByRole('button', { name: 'New campaign' }).click();
  await page.locator('#campaign-title').fill(title);
  await page.locator('#campaign-owner').fill('group:default/platform-team');
  await page.locator('[aria-labelledby^="campaign-gates-label"]').click();
  await page
    .getByRole('option', { name: 'Line coverage at least 80%' })
    .click();
  await page.keyboard.press('Escape');
  await page.locator('#campaign-owners').fill('group:default/search-team');
  await page.locator('#campaign-kinds').fill('Component');
  await page.locator('#campaign-deadline').fill('2027-06-30');
}

function remainingRow(page) {
  return page
    .getByRole('table', { name: 'Remaining entities' })
    .getByRole('row')
    .filter({ has: page.locator(`a[href$="/component/${entity}"]`) });
}

test('a platform member creates a campaign and an entity completes it', async t => {
  const { page } = browser;
  t.after(() => screenshot(page, 'campaigns-last'));
  await pushCoverage(41.5);

  await open(page, '/campaigns');
  await page.getByRole('table', { name: 'Campaigns' }).waitFor();
  await fillCampaignForm(page);
  await page.getByRole('button', { name: 'Create' }).click();

  // The dialog closes on the new campaign's details.
  await page.getByRole('heading', { name: title }).waitFor();
  const row = remainingRow(page);
  await row.waitFor();
  assert.match(await row.innerText(), /coverage-lines: fail/);
  await screenshot(page, 'campaigns-created');

  const list = await api('/campaigns');
  assert.equal(list.status, 200);
  const created = list.body.items.find(c => c.title === title);
  assert.ok(created, 'the campaign is listed');
  const before = await api(`/campaigns/${created.id}`);
  assert.equal(before.status, 200);
  const remainingBefore = before.body.remainingEntities.map(e => e.entityRef);
  assert.ok(remainingBefore.includes(entityRef), JSON.stringify(before.body));

  // CI pushes passing coverage: the push re-evaluates at once, and the
  // campaign's progress (from stored verdicts) counts the entity as done.
  await pushCoverage(92);
  const after = await api(`/campaigns/${created.id}`);
  const remainingAfter = after.body.remainingEntities.map(e => e.entityRef);
  assert.ok(!remainingAfter.includes(entityRef), JSON.stringify(after.body));
  assert.equal(after.body.progress.done, before.body.progress.done + 1);

  await open(page, '/campaigns');
  await page.getByRole('button', { name: title }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  await page.getByText(/of \d+ done/).waitFor();
  assert.equal(await remainingRow(page).count(), 0);
  await screenshot(page, 'campaigns-completed');

  await open(page, `/catalog/default/component/${entity}`);
  const card = page.getByTestId('entity-campaigns');
  await card.getByText(title).waitFor();
  assert.match(await card.innerText(), /2027/);
  await screenshot(page, 'campaigns-entity-card');
});
