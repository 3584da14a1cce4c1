// Production profile in a browser: people sign in through the OIDC provider
// (oidc-provider's login and consent pages) and must match a User entity
// ingested from the org location; the portal then shows the scorecards.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.env.GK_PROD_URL;
const outDir = process.env.GK_E2E_OUT;
const contexts = [];
after(async () => {
  await Promise.all(contexts.map(c => c.close()));
});

async function freshPage() {
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'gk-chromium-')),
    {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1440, height: 1000 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  );
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  return page;
}

/** Clicks "Sign in" on the OIDC card and logs in on the IdP's pages (popup). */
async function signInThroughOidc(page, login) {
  await page.goto(`${base}/`);
  const card = page.getByText('Single sign-on').first();
  await card.waitFor();
  assert.equal(
    await page.getByRole('button', { name: /enter/i }).count(),
    0,
    'no guest sign-in in production',
  );
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: /sign in/i }).click(),
  ]);
  await popup.locator('input[name="login"]').fill(login);
  await popup.locator('input[name="password"]').fill('correct horse');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  await popup.getByRole('button', { name: 'Continue' }).click();
  await popup.waitForEvent('close');
}

test('the portal refuses anonymous API callers', async () => {
  const res = await fetch(`${base}/api/catalog/entities?limit=1`);
  assert.equal(res.status, 401);
  const guest = await fetch(`${base}/api/auth/guest/refresh`);
  assert.equal(guest.status, 404, 'no guest provider');
});

test('an OIDC callback the portal did not start yields no session', async () => {
  const res = await fetch(
    `${base}/api/auth/oidc/handler/frame?code=forged&state=forged`,
  );
  const body = await res.text();
  assert.equal(res.status, 403);
  assert.doesNotMatch(body, /backstageIdentity/);
  assert.match(body, /error/i);
  assert.equal(res.headers.get('set-cookie') ?? '', '');
});

test('users and groups come from the org location only', async () => {
  const headers = {
    Authorization: `Bearer ${process.env.GATEKEEPER_CI_TOKEN}`,
  };
  const byName = name =>
    fetch(`${base}/api/catalog/entities/by-name/${name}`, { headers });
  assert.equal((await byName('user/default/ada')).status, 200);
  assert.equal((await byName('group/default/platform-team')).status, 200);
  // a User from the software catalog (GATEKEEPER_CATALOG_URL) is refused
  assert.equal((await byName('user/default/intruder')).status, 404);
  assert.equal(
    (await byName('component/default/payments-service')).status,
    200,
  );
});

test('ada signs in through OIDC (profile email) and sees the scorecards', async () => {
  const page = await freshPage();
  await signInThroughOidc(page, 'ada');
  // landed on the portal (its nav is not on the sign-in page)
  await page.getByRole('link', { name: 'Scorecards' }).first().waitFor();

  await page.goto(`${base}/settings`);
  await page.getByText('Ada Lovelace').first().waitFor();
  await page.getByText('ada.lovelace@gatekeeper.test').first().waitFor();

  await page.goto(`${base}/scorecards`);
  const heatmap = page.getByTestId('scorecards-heatmap');
  await heatmap.waitFor();
  for (const name of ['payments-service', 'checkout-web', 'recommendations']) {
    await heatmap.getByText(name).first().waitFor();
  }
  await page.screenshot({
    path: join(outDir, 'production-scorecards.png'),
    fullPage: true,
  });

  // the Backstage token names the catalog user
  const identity = await page.evaluate(async url => {
    const res = await fetch(
      `${url}/api/auth/oidc/refresh?optional&env=production`,
      {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
        credentials: 'include',
      },
    );
    return res.json();
  }, base);
  assert.equal(
    identity.backstageIdentity.identity.userEntityRef,
    'user:default/ada',
  );
  assert.deepEqual(
    [...identity.backstageIdentity.identity.ownershipEntityRefs].sort(),
    ['group:default/platform-team', 'user:default/ada'],
  );
});

test('ben signs in through the email local part', async () => {
  const page = await freshPage();
  await signInThroughOidc(page, 'ben');
  // landed on the portal (its nav is not on the sign-in page)
  await page.goto(`${base}/settings`);
  await page.getByText('Ben Ops').first().waitFor();
});

// fixtures/intruder.yaml declares a User with mallory's email outside the org
// location; the catalog rules refuse it, so it cannot be used to sign in.
test('mallory is known to the IdP but not to the catalog: refused', async () => {
  const page = await freshPage();
  await signInThroughOidc(page, 'mallory');
  await page
    .getByText(/Failed to sign-in, unable to resolve user identity/)
    .first()
    .waitFor();
  await page.screenshot({ path: join(outDir, 'production-refused.png') });
  // still on the sign-in page: no portal behind it
  assert.equal(await page.getByText('Single sign-on').count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Scorecards' }).count(), 0);
  assert.equal(await page.getByTestId('scorecards-heatmap').count(), 0);
});
