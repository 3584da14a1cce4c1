// Browser test of a waiver request with approval, across two users of the
// demo (run.sh runs it on two backends sharing the scorecards database):
// GK_E2E_WAIVER_STEP=request as bob (payments-team, owner of
// payments-service): request a waiver of a gate that does not pass, see that
// another team's entity offers none and that bob cannot approve his own
// request; GK_E2E_WAIVER_STEP=approve as the guest (platform-team): approve
// it in the "Waiver requests" view, and the gate shows waived, as a request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, outDir, screenshot } from './browser.mjs';
import { scorecardsApi as api } from './scorecardsApi.mjs';

const step = process.env.GK_E2E_WAIVER_STEP;
const user = process.env.GK_E2E_USER ?? 'guest';
const entity = 'payments-service';
const entityRef = `component:default/${entity}`;
const handoff = join(outDir, 'waiver-request.json');
const ciToken =
  process.env.GATEKEEPER_CI_TOKEN ?? 'gatekeeper-demo-ci-token-change-me';

let browser;
before(async () => {
  if (step) browser = await launch();
});
after(async () => {
  await browser?.context.close();
});

async function waiverTab(page) {
  await open(page, '/scorecards');
  await page.getByRole('tab', { name: 'Waiver requests' }).click();
  await page.getByTestId('waiver-requests-view').waitFor();
}

test(
  'an owner requests a waiver and cannot approve it',
  {
    skip:
      step !== 'request' &&
      'runs as bob in run.sh (GK_E2E_WAIVER_STEP=request)',
  },
  async t => {
    const { page } = browser;
    t.after(() => screenshot(page, `waivers-request-${user}-last`));
    const gateId = 'lint-clean';
    const push = await api(
      '/facts',
      {
        method: 'POST',
        body: JSON.stringify({
          entityRef,
          facts: { 'ci.lint.errors': 4 },
          source: 'e2e-waivers',
        }),
      },
      ciToken,
    );
    assert.equal(push.status, 200, JSON.stringify(push.body));
    await open(page, `/catalog/default/component/${entity}/scorecard`);
    const row = page.locator(
      `[data-testid="scorecard-gate-row"][data-gate-id="${gateId}"]`,
    );
    await row.getByTestId('gate-request-waiver').waitFor();
    assert.equal(await row.getAttribute('data-status'), 'fail');
    await row.getByTestId('gate-request-waiver').click();
    const dialog = page.getByTestId('request-waiver-dialog');
    await dialog
      .getByTestId('waiver-reason')
      .fill('Tooling migration in progress; fixed next sprint');
    const max = await dialog.getByTestId('waiver-expires').getAttribute('max');
    await dialog.getByTestId('waiver-expires').fill(max);
    await dialog.getByTestId('waiver-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    const request = page.locator(
      `[data-testid="entity-waiver-requests"] [data-testid="waiver-request-row"][data-gate-id="${gateId}"]`,
    );
    await request.waitFor();
    assert.equal(await request.getAttribute('data-state'), 'requested');
    const id = await request.getAttribute('data-request-id');
    assert.notEqual(await row.getAttribute('data-status'), 'waived');
    await screenshot(page, 'waivers-requested');

    // Another team's entity: no request in the UI, 403 from the API.
    await open(page, '/catalog/default/component/search-service/scorecard');
    await page.getByTestId('entity-waiver-requests').waitFor();
    await page.waitForTimeout(1_000); // the permission decision settles
    assert.equal(await page.getByTestId('gate-request-waiver').count(), 0);
    const foreign = await api('/waiver-requests', {
      method: 'POST',
      body: JSON.stringify({
        entityRef: 'component:default/search-service',
        gate: gateId,
        reason: 'not mine to waive',
        expires: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    });
    assert.equal(foreign.status, 403, JSON.stringify(foreign.body));

    // The approval view lists it without decisions for its requester.
    await waiverTab(page);
    const listed = page.locator(
      `[data-testid="waiver-request-row"][data-request-id="${id}"]`,
    );
    await listed.waitFor();
    assert.equal(await listed.getByTestId('waiver-approve').count(), 0);
    const self = await api(`/waiver-requests/${id}/approve`, {
      method: 'POST',
      body: '{}',
    });
    assert.equal(self.status, 403, JSON.stringify(self.body));
    writeFileSync(handoff, JSON.stringify({ id, gateId }));
  },
);

test(
  'a platform member approves it and the gate shows waived',
  {
    skip:
      step !== 'approve' &&
      'runs as the guest in run.sh (GK_E2E_WAIVER_STEP=approve)',
  },
  async t => {
    const { page } = browser;
    t.after(() => screenshot(page, `waivers-approve-${user}-last`));
    const { id, gateId } = JSON.parse(readFileSync(handoff, 'utf8'));
    await waiverTab(page);
    const listed = page.locator(
      `[data-testid="waiver-request-row"][data-request-id="${id}"]`,
    );
    await listed.waitFor();
    await listed.getByTestId('waiver-approve').click();
    await page
      .getByTestId('waiver-comment')
      .fill('Approved until the migration');
    await page.getByTestId('waiver-decision-confirm').click();
    await listed.waitFor({ state: 'detached' });
    const decided = await api(`/waiver-requests?entityRef=${entityRef}`);
    const mine = decided.body.items.find(r => r.id === id);
    assert.equal(mine.state, 'approved');
    assert.equal(mine.decidedBy, `user:default/${user}`);

    await open(page, `/catalog/default/component/${entity}/scorecard`);
    const row = page.locator(
      `[data-testid="scorecard-gate-row"][data-gate-id="${gateId}"]`,
    );
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'waived');
    assert.equal(
      await row.getByTestId('gate-waiver').getAttribute('data-waiver-source'),
      'request',
    );
    await screenshot(page, 'waivers-approved');
  },
);
