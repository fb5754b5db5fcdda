import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AccordHarness, eventually } from '../support/accord-harness';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, SCREENSHOTS, seriousViolations, signIn } from './browser-session';

jest.setTimeout(120_000);

const PM = { user: 'paula', roles: ['pm'] };
const CUSTOMER = { user: 'carl', roles: ['customer'] };
const PETE = { user: 'pete', roles: ['pm'] };

/** When a row of the step's task first shows in the page, as the page's own clock tells it (ms since the epoch). */
async function firstSight(page: Page, stepId: string): Promise<number> {
  const probe = `[...document.querySelectorAll('tr[data-task-id]')].some((row) => row.getAttribute('data-task-id').includes(${JSON.stringify(`:${stepId}`)})) ? Date.now() : undefined`;
  const handle = await page.waitForFunction(probe, undefined, { timeout: 45_000, polling: 20 });
  return (await handle.jsonValue()) as number;
}

/**
 * Issue 12, first slice: the web app in Debian's Chromium against the real API, worker,
 * Temporal and PostgreSQL. Each test builds on the project state of the one before, as a
 * person's morning would: sign in, record the expectations, sign them.
 */
describe('the web app in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let page: Page;
  let pmToken: string;
  let projectId: string;

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    pmToken = accord.token(PM.user, PM.roles);
    browser = await launchChromium();
    ({ page } = await newPage(browser, accord));
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.stop();
  });

  async function expectAccessible(what: string): Promise<void> {
    expect({ page: what, violations: await seriousViolations(page) }).toEqual({ page: what, violations: [] });
  }

  it('is served under /app, deep links included, while the API keeps its routes', async () => {
    const index = await fetch(`${accord.baseUrl}/app/tasks/some-task`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    expect((await fetch(`${accord.baseUrl}/app/assets/missing.js`)).status).toBe(404);
    expect((await accord.request('GET', '/health')).status).toBe(200);
    expect((await accord.request('GET', '/inbox')).status).toBe(401);
  });

  it('sends a browser that opens the bare address to the web app, query and all, and nothing else', async () => {
    const root = await fetch(`${accord.baseUrl}/?priority=high`, { redirect: 'manual' });
    expect({ status: root.status, location: root.headers.get('location') }).toEqual({ status: 302, location: '/app/?priority=high' });
    const head = await fetch(`${accord.baseUrl}/`, { method: 'HEAD', redirect: 'manual' });
    expect({ status: head.status, location: head.headers.get('location') }).toEqual({ status: 302, location: '/app/' });
    // Only the root moves: an unknown path stays the API's 404, and a POST to the root is no page.
    expect((await fetch(`${accord.baseUrl}/nothing-here`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${accord.baseUrl}/`, { method: 'POST', redirect: 'manual' })).status).toBe(404);
    await page.goto('/');
    await page.waitForURL(/\/app\/sign-in\?returnTo=/);
    await page.getByRole('heading', { name: /Sign in|登录/ }).waitFor();
    await screenshot(page, 'root-redirect');
  });

  it('sends a person without a session to sign in, and back to where they were going', async () => {
    await page.goto('/app/?priority=high');
    await page.waitForURL(/\/app\/sign-in\?returnTo=/);
    await screenshot(page, 'sign-in');
    await expectAccessible('sign-in');
    await signIn(page, PM.user);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toMatch(/^\/app\/?\?priority=high$/);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'accord_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate('JSON.stringify(window.localStorage)')).not.toMatch(/ey[A-Za-z0-9_-]{10,}\./);
  });

  it('shows live, without a reload, a task that arrives and one someone else takes, and counts per filter', async () => {
    await page.goto('/app/');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    // The API's event stream is open: changes arrive as events, not by the 3 s poll.
    await page.getByTestId('inbox-freshness').getByText('Live').waitFor();
    const members = [
      { user: CUSTOMER.user, role: 'customer' },
      { user: PETE.user, role: 'pm' },
    ];
    const started = await accord.request('POST', '/projects', {
      token: pmToken,
      body: { definitionKey: 'expectation-signoff', name: 'ACME ERP roll-out', members },
    });
    expect(started.status).toBe(201);
    projectId = started.body.id;
    const row = (id: string) => page.locator(`tr[data-task-id="${id}"]`);
    // Whichever comes first: the API answering with the task, or the page showing it.
    const [task, shownAt] = await Promise.all([
      accord.taskOf(pmToken, projectId, 'record').then((found) => ({ ...found, at: Date.now() })),
      firstSight(page, 'record'),
    ]);
    await row(task.id).waitFor();
    const arrivalMs = shownAt - task.at;

    const counts = page.getByTestId('inbox-counts');
    await counts.getByRole('button', { name: /^All open\s+1$/ }).waitFor();
    await counts.getByRole('button', { name: /^ACME ERP roll-out\s+1$/ }).waitFor();
    await counts.getByRole('button', { name: /^pm\s+1$/ }).click();
    await page.waitForURL(/role=pm/);
    // The page re-renders after the address changes: wait for the chosen filter to be marked.
    await counts
      .locator('button[aria-current="true"]')
      .filter({ hasText: /^pm\s+1$/ })
      .waitFor();
    expect(await counts.locator('button[aria-current="true"]').count()).toBe(1);

    // A colleague takes it: it leaves this inbox at once, and comes back when released.
    const petesToken = accord.token(PETE.user, PETE.roles);
    const taskPath = `/tasks/${encodeURIComponent(task.id)}`;
    expect((await accord.request('POST', `${taskPath}/claim`, { token: petesToken, body: {} })).status).toBe(200);
    const claimedAt = Date.now();
    await row(task.id).waitFor({ state: 'detached', timeout: 15_000 });
    const departureMs = Date.now() - claimedAt;
    await counts.getByRole('button', { name: /^All open\s+0$/ }).waitFor();
    expect((await accord.request('POST', `${taskPath}/release`, { token: petesToken, body: {} })).status).toBe(200);
    await row(task.id).waitFor({ timeout: 15_000 });

    fs.mkdirSync(path.dirname(SCREENSHOTS), { recursive: true });
    const figures = { arrivalMs, departureMs, measuredAt: new Date().toISOString() };
    fs.writeFileSync(path.join(path.dirname(SCREENSHOTS), 'inbox-live-delay.json'), `${JSON.stringify(figures)}\n`);
    await screenshot(page, 'inbox');
    await expectAccessible('inbox');
  });

  it("shows the API's form error on the field it names, then completes the task", async () => {
    await page.getByRole('link', { name: "Record the customer's expectations" }).click();
    await page.getByRole('heading', { name: "Record the customer's expectations" }).waitFor();
    await page.locator('#root_summary').fill('x');
    await page.locator('#root_priority').selectOption('high');
    await page.getByRole('button', { name: 'Submit' }).click();
    const fieldError = page.locator('#root_summary__error');
    await fieldError.waitFor();
    expect((await fieldError.innerText()).trim()).not.toBe('');
    await expect(page.locator('#root_priority__error').count()).resolves.toBe(0);
    await screenshot(page, 'task-form-error');
    await expectAccessible('task with a form error');

    await page.locator('#root_summary').fill('Go live before the trade fair');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Done: paula chose Submit.').waitFor();
    expect(await page.getByTestId('task-status').innerText()).toBe('Completed');
  });

  it('lets an approver claim the signature task and approve it, with what was decided in view', async () => {
    await page.goto('/app/');
    const sign = await accord.taskOf(pmToken, projectId, 'sign');
    const row = page.locator(`tr[data-task-id="${sign.id}"]`);
    await row.getByRole('button', { name: /^Claim/ }).click();
    await row.getByRole('button', { name: /^Release/ }).waitFor();
    await row.getByRole('link', { name: /^Sign the expectation summary/ }).click();
    await page.getByText('Go live before the trade fair').waitFor();
    await screenshot(page, 'task-approval');
    await expectAccessible('approval task');
    await page.getByLabel('Comment').fill('Signed for the company');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Done: paula chose Approve.').waitFor();
  });

  it('says plainly when someone else decided first, and shows the task as it is now', async () => {
    const { context, page: customerPage } = await newPage(browser, accord);
    try {
      const customerToken = accord.token(CUSTOMER.user, CUSTOMER.roles);
      const sign = await accord.taskOf(customerToken, projectId, 'sign');
      await customerPage.goto(`/app/tasks/${encodeURIComponent(sign.id)}`);
      await signIn(customerPage, CUSTOMER.user);
      await customerPage.getByRole('button', { name: 'Approve' }).waitFor();
      // Decided elsewhere (another tab, the API) while this page still offers the decision.
      const elsewhere = await accord.request('POST', `/tasks/${encodeURIComponent(sign.id)}/complete`, { token: customerToken, body: { outcome: 'approve' } });
      expect(elsewhere.status).toBe(200);
      await customerPage.getByRole('button', { name: 'Approve' }).click();
      await customerPage.getByText('Someone else decided this task first').waitFor();
      await customerPage.getByText('Done: carl chose Approve.').waitFor();
      await screenshot(customerPage, 'task-conflict');
    } finally {
      await context.close();
    }
    await eventually(
      async () => ((await accord.request('GET', `/projects/${projectId}`, { token: pmToken })).body.status === 'completed' ? true : undefined),
      'the project to complete',
    );
  });

  it('speaks Simplified Chinese when chosen, with dates in that locale', async () => {
    await page.goto('/app/?status=completed');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '待办任务' }).waitFor();
    expect(await page.getByRole('button', { name: '应用筛选' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('table.tasks').innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await screenshot(page, 'inbox-zh-CN');
    await expectAccessible('inbox in Chinese');
    await page.getByLabel('语言').selectOption('en');
  });

  it('signs out: the cookie is gone and the app asks who you are again', async () => {
    await page.goto('/app/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/app\/sign-in/);
    expect((await page.context().cookies()).find((cookie) => cookie.name === 'accord_session')).toBeUndefined();
  });
});
