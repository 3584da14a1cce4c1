// Shared browser helpers for the e2e tests: Debian chromium through playwright-core.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const baseUrl = process.env.GK_E2E_URL ?? 'http://localhost:7007';
export const outDir =
  process.env.GK_E2E_OUT ?? join(process.cwd(), 'test-output', 'e2e');
mkdirSync(outDir, { recursive: true });

/** `bypassCSP` lets a test inject scripts such as axe-core into the page. */
export async function launch({ bypassCSP = false } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'gk-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    bypassCSP,
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
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  return { context, page };
}

/** Opens a path; signs in as guest when the sign-in page shows up. */
export async function open(page, path) {
  await page.goto(`${baseUrl}${path}`);
  const enter = page.getByRole('button', { name: /enter/i });
  const ready = page.locator('main, [data-testid="sign-in-page"], h1').first();
  await ready.waitFor();
  if (await enter.isVisible().catch(() => false)) {
    await enter.click();
  }
}

export async function screenshot(page, name) {
  const file = join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
