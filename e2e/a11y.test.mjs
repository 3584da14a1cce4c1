// Accessibility of the Gatekeeper views: axe-core (WCAG 2 A/AA rules) on the
// scorecard card, scorecard tab, scorecards page, SLO tab and incidents tab,
// in the light and the dark theme. Results go to test-output/e2e/axe.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { baseUrl, launch, open, outDir, screenshot } from './browser.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const views = [
  {
    name: 'scorecard card',
    path: '/catalog/default/component/checkout-web',
    ready: '[data-testid="scorecard-card"] [data-testid="scorecard-verdict"]',
    scope: '[data-testid="scorecard-card"]',
  },
  {
    name: 'scorecard tab',
    path: '/catalog/default/component/ledger-worker/scorecard',
    ready: '[data-testid="scorecard-gate-row"]',
    scope: '[data-testid="scorecard-content"]',
  },
  {
    name: 'scorecards page',
    path: '/scorecards',
    ready: '[data-testid="scorecards-heatmap"]',
    scope: 'main',
  },
  {
    name: 'SLO tab',
    path: '/catalog/default/component/search-service/slo',
    ready: '[data-testid="slo-burn-rate-table"]',
    scope: '[data-testid="slo-content"]',
  },
  {
    name: 'incidents tab',
    path: '/catalog/default/component/search-service/incidents',
    ready: '[data-testid="incidents-content"]',
    scope: '[data-testid="incidents-content"]',
  },
];

let browser;
const results = [];
before(async () => {
  browser = await launch({ bypassCSP: true });
});
after(async () => {
  writeFileSync(
    join(outDir, 'axe.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  await browser?.context.close();
});

async function setTheme(page, theme) {
  await page.goto(`${baseUrl}/`);
  await page.evaluate(t => window.localStorage.setItem('theme', t), theme);
}

async function audit(page, scope) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(
    async ({ scope, tags }) => {
      // eslint-disable-next-line no-undef
      const result = await axe.run(scope, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ')),
      }));
    },
    { scope, tags: WCAG_TAGS },
  );
}

// Known remaining violations (colour contrast in the SLO and scorecard views,
// label/name mismatch on the heatmap's gate buttons) are being fixed; until
// the audit is clean the views run as `todo`: the audit and its assertion run
// and report, without failing CI. Set GK_E2E_AXE_STRICT=1 to make them fail.
const todo = process.env.GK_E2E_AXE_STRICT
  ? undefined
  : 'WCAG violations remain (test-output/e2e/axe.json)';

for (const theme of ['light', 'dark']) {
  for (const view of views) {
    const name = `no WCAG 2 A/AA violations: ${view.name}, ${theme} theme`;
    test(name, { todo }, async () => {
      const { page } = browser;
      await setTheme(page, theme);
      await open(page, view.path);
      await page.locator(view.ready).first().waitFor();
      const mode = await page.evaluate(() =>
        document.body.getAttribute('data-theme-mode'),
      );
      // let lazy parts (charts, chips) settle before auditing
      await page.waitForTimeout(500);
      const violations = await audit(page, view.scope);
      const elements = violations.reduce((n, v) => n + v.nodes.length, 0);
      results.push({ view: view.name, theme, mode, violations, elements });
      if (violations.length > 0) {
        await screenshot(page, `axe-${theme}-${view.name.replace(/ /g, '-')}`);
      }
      assert.equal(mode, theme, 'the app renders in the requested theme');
      assert.deepEqual(
        violations,
        [],
        `${view.name} (${theme}): ${elements} elements violate ${violations
          .map(v => v.id)
          .join(', ')}`,
      );
    });
  }
}
