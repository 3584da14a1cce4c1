// Browser test of the notifications loop: a CI push turns a demo entity's
// verdict blocked, the scorecards notifications module tells the owning
// group (platform-team, of which the demo guest is a member), and the
// notification appears on the portal's notifications page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, open, screenshot } from './browser.mjs';

const ciToken =
  process.env.GATEKEEPER_CI_TOKEN ?? 'gatekeeper-demo-ci-token-change-me';
const entityRef = 'component:default/build-agent';
const title = `${entityRef} is blocked from release`;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.context.close();
});

async function api(path, init = {}) {
  const res = await fetch(`${baseUrl}/api/scorecards${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${ciToken}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  const body = await res.json().catch(() => undefined);
  return { status: res.status, body };
}

test('a verdict turning blocked reaches the owning group on the notifications page', async () => {
  const before = await api('/entities/default/component/build-agent');
  assert.equal(before.status, 200);
  assert.notEqual(before.body.verdict, 'blocked', 'starts not blocked');
  // let the notifier remember the entity as it is (it runs every 2 s here)
  await new Promise(r => setTimeout(r, 5000));
  const push = await api('/facts', {
    method: 'POST',
    body: JSON.stringify({
      entityRef,
      facts: { 'ci.coverage.lines': 12 },
      source: 'e2e-notifications',
    }),
  });
  assert.ok(push.status < 300, `push accepted: ${push.status}`);
  const after = await api('/entities/default/component/build-agent');
  assert.equal(after.body.verdict, 'blocked');

  const { page } = browser;
  const deadline = Date.now() + 60_000;
  await open(page, '/notifications');
  // the notifier runs every 2 s; the page shows new notifications on reload
  for (;;) {
    const shown = await page
      .getByText(title)
      .first()
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    if (Date.now() > deadline) {
      await screenshot(page, 'notifications-missing');
      assert.fail(`"${title}" not shown within 60 s`);
    }
    await page.reload();
  }
  await screenshot(page, 'notifications-verdict-blocked');
  // restore the demo entity for the tests that follow
  await api('/facts', {
    method: 'POST',
    body: JSON.stringify({
      entityRef,
      facts: { 'ci.coverage.lines': 85 },
      source: 'e2e-notifications',
    }),
  });
});
