// Browser half of scripts/adoption-test.sh: the fresh create-app app with the
// packed Gatekeeper packages shows the scorecard card and the SLO tab.
//   GK_E2E_URL=http://localhost:<port> node --test e2e/adoption/adoption.test.mjs
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot } from '../browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.context.close();
});

test('entity page shows the scorecard card and the SLO tab', async () => {
  const { page } = browser;
  await open(page, '/catalog/default/component/adoption-service');
  try {
    const card = page.getByTestId('scorecard-card');
    await card.waitFor();
    const verdict = await page.getByTestId('scorecard-verdict').first();
    await verdict.waitFor();
    assert.match(
      (await verdict.getAttribute('data-verdict')) ?? '',
      /^(ready|at-risk|blocked)$/,
    );
    // The new frontend system entity page (EntityLayoutBui) renders its
    // contents in the @backstage/ui Header nav: each one is a link (role
    // "link", aria-current="page" when selected), not a MUI role="tab".
    const sloTab = page
      .getByRole('navigation')
      .getByRole('link', { name: 'SLOs', exact: true });
    await sloTab.waitFor();
    await sloTab.click();
    await page.waitForURL(/\/adoption-service\/slo$/);
    assert.equal(await sloTab.getAttribute('aria-current'), 'page');
    const content = page.getByTestId('slo-content');
    await content.getByText('adoption-service-availability').first().waitFor();
  } finally {
    await screenshot(page, 'adoption-entity');
  }
});
