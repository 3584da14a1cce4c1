// The views the accessibility audit (a11y.test.mjs) checks: every page, tab
// and card of the Gatekeeper suite on the demo data, and the stock catalog
// page as the baseline. `scope` is the element audited (a card is audited
// with its header, i.e. the whole MUI card around the test id); `before`
// runs after the page has loaded (e.g. switches to a tab).

/**
 * The stock Backstage catalog page, the whole document with the portal's
 * sidebar: if it fails, the theme or the app shell is to blame.
 */
export const baseline = {
  name: 'catalog page (baseline)',
  path: '/catalog',
  ready: 'table tbody tr a[href^="/catalog/default/component/"]',
  scope: 'body',
  // Upstream, not Gatekeeper: the catalog table's column headers
  // (material-table) put the focusable sort button inside a focusable header.
  // Nothing else is allowed, on this page or any other.
  knownUpstream: [
    { id: 'nested-interactive', target: /^th:nth-child\(\d+\) > / },
  ],
};

export const suiteViews = [
  {
    name: 'home page',
    path: '/home',
    ready: '[data-testid="my-services-card"]',
    before: async page => {
      // both widgets loaded: the scorecards' sections are all in
      await page
        .locator('[data-testid="my-gatekeeper-card"] h3')
        .nth(2)
        .waitFor();
      await page.waitForFunction(
        () =>
          !document.querySelector(
            '[data-testid="gatekeeper-home"] [role="progressbar"]',
          ),
      );
    },
    scope: 'main',
  },
  {
    name: 'campaigns page',
    path: '/campaigns',
    ready: 'table[aria-label="Campaigns"] tbody tr',
    scope: 'main',
  },
  {
    name: 'campaign details',
    path: '/campaigns',
    ready: 'table[aria-label="Campaigns"] tbody tr',
    before: async page => {
      await page
        .getByRole('button', { name: /Code owners and branch protection/ })
        .click();
      await page.getByRole('table', { name: 'Per team' }).waitFor();
    },
    scope: 'main',
  },
  {
    name: 'scorecard card',
    path: '/catalog/default/component/checkout-web',
    ready: '[data-testid="scorecard-card"] [data-testid="scorecard-verdict"]',
    card: '[data-testid="scorecard-card"]',
  },
  {
    name: 'scorecard tab',
    path: '/catalog/default/component/ledger-worker/scorecard',
    ready: '[data-testid="scorecard-gate-row"]',
    scope: '[data-testid="scorecard-content"]',
  },
  {
    name: 'scorecard tab, facts open',
    path: '/catalog/default/component/ledger-worker/scorecard',
    ready: '[data-testid="scorecard-gate-row"]',
    before: async page => {
      await page.getByRole('button', { name: 'Facts' }).click();
      await page
        .locator('[data-testid="scorecard-fact-row"]')
        .first()
        .waitFor();
    },
    scope: '[data-testid="scorecard-content"]',
  },
  {
    name: 'scorecards page, heatmap',
    path: '/scorecards',
    ready: '[data-testid="heatmap-cell"]',
    scope: 'main',
  },
  {
    name: 'scorecards page, roll-ups',
    path: '/scorecards',
    ready: '[data-testid="scorecards-heatmap"]',
    before: async page => {
      await page.getByRole('tab', { name: 'Roll-ups' }).click();
      await page.locator('[data-testid="rollup-row"]').first().waitFor();
    },
    scope: 'main',
  },
  {
    name: 'scorecards page, waiver requests',
    path: '/scorecards',
    ready: '[data-testid="scorecards-heatmap"]',
    before: async page => {
      await page.getByRole('tab', { name: 'Waiver requests' }).click();
      await page
        .getByTestId('waiver-requests-view')
        .getByText(/waiver requests|Requested|Approved/)
        .first()
        .waitFor();
    },
    scope: 'main',
  },
  {
    name: 'scorecard tab, request waiver dialog',
    path: '/catalog/default/component/search-service/scorecard',
    ready: '[data-testid="gate-request-waiver"]',
    before: async page => {
      await page.getByTestId('gate-request-waiver').first().click();
      await page.getByTestId('request-waiver-dialog').waitFor();
    },
    scope: '[role="dialog"]',
  },
  {
    name: 'scorecard roll-up card (group page)',
    path: '/catalog/default/group/platform-team',
    ready:
      '[data-testid="scorecard-rollup-card"] [data-testid="scorecard-rollup-entity"]',
    card: '[data-testid="scorecard-rollup-card"]',
  },
  {
    name: 'SLO card',
    path: '/catalog/default/component/search-service',
    ready: '[data-testid="slo-card"] [data-testid="slo-budget-row"]',
    card: '[data-testid="slo-card"]',
  },
  {
    name: 'incidents card',
    path: '/catalog/default/component/search-service',
    ready: '[data-testid="incidents-card"] [data-testid="incidents-count"]',
    card: '[data-testid="incidents-card"]',
  },
  {
    name: 'delivery metrics card',
    path: '/catalog/default/component/search-service',
    ready:
      '[data-testid="delivery-metrics-card"] [data-testid="delivery-deploymentFrequency"]',
    card: '[data-testid="delivery-metrics-card"]',
  },
  {
    name: 'delivery metrics roll-up card (group page)',
    path: '/catalog/default/group/platform-team',
    ready:
      '[data-testid="delivery-rollup-card"] [data-testid="delivery-rollup-row"]',
    card: '[data-testid="delivery-rollup-card"]',
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
    ready: '[data-testid="incidents-content"] [data-testid="incidents-count"]',
    scope: '[data-testid="incidents-content"]',
  },
];
