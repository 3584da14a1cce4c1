// Accessibility of the Gatekeeper views: axe-core (WCAG 2.0/2.1 A and AA
// rules) on every page, tab and card of the suite (a11yViews.mjs), in the
// light and the dark theme, and on the stock catalog page as the baseline
// (with the portal's sidebar). Every violation fails the test, except the
// baseline's one listed upstream issue (a11yViews.mjs). The results go to test-output/e2e/axe.json
// and a screenshot of each view to test-output/e2e/axe-<theme>-<view>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { baseUrl, launch, open, outDir, screenshot } from './browser.mjs';
import { baseline, suiteViews } from './a11yViews.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let browser;
const results = [];
before(async () => {
  browser = await launch({ bypassCSP: true });
});
after(async () => {
  const summary = results.map(r => `${r.view} (${r.theme}): ${r.elements}`);
  writeFileSync(
    join(outDir, 'axe.json'),
    `${JSON.stringify({ summary, results }, null, 2)}\n`,
  );
  await browser?.context.close();
});

async function setTheme(page, theme) {
  await page.goto(`${baseUrl}/`);
  await page.evaluate(t => window.localStorage.setItem('theme', t), theme);
}

/** Runs axe on the view's scope: a selector, or the MUI card around `card`. */
async function audit(page, view) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(
    async ({ scope, card, tags }) => {
      const context = card
        ? document.querySelector(card).closest('.MuiCard-root') ??
          document.querySelector(card)
        : scope;
      // eslint-disable-next-line no-undef
      const result = await axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map(n => ({
          target: n.target.join(' '),
          html: n.html.slice(0, 300),
          summary: n.failureSummary,
        })),
      }));
    },
    { scope: view.scope ?? null, card: view.card ?? null, tags: WCAG_TAGS },
  );
}

/** Drops the nodes of `view.knownUpstream` (rule id and target pattern). */
function withoutKnownUpstream(violations, view) {
  const known = view.knownUpstream ?? [];
  return violations
    .map(v => ({
      ...v,
      nodes: v.nodes.filter(
        n => !known.some(k => k.id === v.id && k.target.test(n.target)),
      ),
    }))
    .filter(v => v.nodes.length > 0);
}

async function auditView(view, theme) {
  const { page } = browser;
  await setTheme(page, theme);
  await open(page, view.path);
  await page.locator(view.ready).first().waitFor();
  if (view.before) {
    await view.before(page);
  }
  const mode = await page.evaluate(() =>
    document.body.getAttribute('data-theme-mode'),
  );
  // let transitions (tab indicator, ripples) and lazy parts settle
  await page.waitForTimeout(500);
  const violations = withoutKnownUpstream(await audit(page, view), view);
  const elements = violations.reduce((n, v) => n + v.nodes.length, 0);
  const file = `axe-${theme}-${view.name.replace(/[^a-z0-9]+/gi, '-')}`;
  await screenshot(page, file);
  results.push({ view: view.name, theme, mode, elements, violations });
  assert.equal(mode, theme, 'the app renders in the requested theme');
  assert.deepEqual(
    violations.map(v => `${v.id}: ${v.nodes.map(n => n.target).join(' | ')}`),
    [],
    `${view.name} (${theme}): ${elements} elements in violation`,
  );
}

for (const theme of ['light', 'dark']) {
  for (const view of [baseline, ...suiteViews]) {
    test(`no WCAG 2 A/AA violations: ${view.name}, ${theme} theme`, () =>
      auditView(view, theme));
  }
}
