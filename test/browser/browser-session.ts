import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { AccordConfig } from '@accord/runtime';
import type { AccordHarness } from '../support/accord-harness';

// Plain JS set-up shared with `npm test` (it installs Chromium when missing).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const toolchain = require('../../scripts/lib/toolchain');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const { buildWeb, isWebStale } = require('../../scripts/build-web');

export const SCREENSHOTS = path.resolve(__dirname, '..', '..', '.test-results', 'screenshots');

/** Debian's Chromium, headless, driven by playwright-core (no browser download). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = toolchain.ensureChromium();
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Builds the web app when its sources are newer than dist/web (the API serves that folder). */
export function ensureWebAppBuilt(): void {
  if (isWebStale()) buildWeb();
}

/**
 * Turns on local sign-in for a harness's API, as `npm start` does with ACCORD_LOCAL_SIGN_IN=true.
 * Passed as configuration too; until AccordConfig declares that setting, loadConfig drops it,
 * so the running app's configuration is set directly (the setting is read per request).
 */
export function enableLocalSignIn(accord: AccordHarness, enabled = true): void {
  Object.assign(accord.app.get(AccordConfig), { ACCORD_LOCAL_SIGN_IN: enabled ? 'true' : 'false' });
}

export async function newPage(browser: Browser, accord: AccordHarness, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: accord.baseUrl, locale, viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

/** Signs in through the local sign-in page as one of the listed people. */
export async function signIn(page: Page, user: string): Promise<void> {
  await page.getByRole('heading', { name: /Sign in|登录/ }).waitFor();
  await page.getByRole('radio', { name: new RegExp(`^${user}\\b`) }).check();
  await page.getByRole('button', { name: new RegExp(user) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/app/sign-in'));
}

/** Serious or critical accessibility violations on the page as it is now (axe-core). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * What went wrong in a page, as the browser saw it: console errors and warnings, uncaught
 * errors, requests that failed or were answered 4xx/5xx (web workers' included). A test that
 * waits on something the page never shows adds this to its failure, so that a run that cannot
 * be repeated still says why.
 */
export function watchPageTrouble(page: Page): () => string {
  const trouble: string[] = [];
  const at = () => new Date().toISOString().slice(11, 23);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') trouble.push(`${at()} console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => trouble.push(`${at()} page error: ${error.message}`));
  page.on('requestfailed', (request) => trouble.push(`${at()} request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.push(`${at()} ${response.status()} for ${response.request().method()} ${response.url()}`);
  });
  page.on('worker', (worker) => trouble.push(`${at()} worker started: ${worker.url()}`));
  return () => (trouble.length === 0 ? 'the page reported nothing wrong' : `the page reported:\n${trouble.join('\n')}`);
}
