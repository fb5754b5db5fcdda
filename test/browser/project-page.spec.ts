import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AccordHarness, eventually } from '../support/accord-harness';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, seriousViolations, signIn } from './browser-session';

jest.setTimeout(120_000);

const PM = { user: 'paula', roles: ['pm'] };
const CUSTOMER = { user: 'carl', roles: ['customer'] };

/**
 * Issue 12, points 5 and 6: a project manager starts a project in the browser, records the
 * expectations and signs; the customer finds the signature waiting in the portal and signs;
 * the project page shows it completed. Each test builds on the state the one before left.
 */
describe('a project and the customer portal in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let pmPage: Page;
  let customerContext: BrowserContext;
  let customerPage: Page;
  let pmToken: string;
  let projectId: string;

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    pmToken = accord.token(PM.user, PM.roles);
    browser = await launchChromium();
    ({ page: pmPage } = await newPage(browser, accord));
    ({ context: customerContext, page: customerPage } = await newPage(browser, accord));
  });

  afterAll(async () => {
    await customerContext?.close();
    await browser?.close();
    await accord?.stop();
  });

  async function expectAccessible(page: Page, what: string): Promise<void> {
    expect({ page: what, violations: await seriousViolations(page) }).toEqual({ page: what, violations: [] });
  }

  it('lets a project manager start a project with its team, landing on its page', async () => {
    await pmPage.goto('/app/projects/new');
    await signIn(pmPage, PM.user);
    await pmPage.getByRole('heading', { name: 'Start a project' }).waitFor();
    await expectAccessible(pmPage, 'start a project');
    // A project manager may not read the definition registry: the key is typed.
    await pmPage.getByLabel('Definition').fill('expectation-signoff');
    await pmPage.getByLabel('Project name').fill('Globex CRM roll-out');
    await pmPage.getByLabel('Member 1: person').fill(CUSTOMER.user);
    await pmPage.getByLabel('Member 1: role').fill('customer');
    await pmPage.getByRole('button', { name: 'Start the project' }).click();
    await pmPage.waitForURL(/\/app\/projects\/(?!new)[^/]+$/);
    projectId = decodeURIComponent(new URL(pmPage.url()).pathname.split('/').pop() ?? '');
    await pmPage.getByRole('heading', { name: 'Globex CRM roll-out' }).waitFor();
    expect(await pmPage.getByTestId('project-status').innerText()).toBe('Running');
    // Two weekly reports while it runs, for the chart of progress and deviation over time.
    for (const [week, actualPercent] of [
      [1, 45],
      [2, 58],
    ] as const) {
      const row = { phase: 'Set-up', task: 'Configure the CRM', owner: PM.user, due: '2027-03-01', plannedPercent: 40 + 10 * week, actualPercent };
      const posted = await accord.request('POST', `/projects/${projectId}/metric-readings`, {
        token: pmToken,
        body: { progress: { rows: [row] }, survey: { overall: 3 + week, deliverables: 4, service: 4 } },
        headers: { 'idempotency-key': `week-${week}` },
      });
      expect(posted.status).toBe(202);
    }
    const members = await accord.request('GET', `/projects/${projectId}/members`, { token: pmToken });
    expect(members.body.items ?? members.body).toEqual(expect.arrayContaining([expect.objectContaining({ user: CUSTOMER.user, role: 'customer' })]));
  });

  it('records the expectations and signs for the company, with the dated timeline on the project page', async () => {
    const record = await accord.taskOf(pmToken, projectId, 'record');
    await pmPage.goto(`/app/tasks/${encodeURIComponent(record.id)}`);
    await pmPage.locator('#root_summary').fill('Go live before the trade fair');
    await pmPage.locator('#root_priority').selectOption('high');
    await pmPage.getByRole('button', { name: 'Submit' }).click();
    await pmPage.getByText('Done: paula chose Submit.').waitFor();

    const sign = await accord.taskOf(pmToken, projectId, 'sign');
    await pmPage.goto(`/app/tasks/${encodeURIComponent(sign.id)}`);
    await pmPage.getByLabel('Comment').fill('Signed for the company');
    await pmPage.getByRole('button', { name: 'Approve' }).click();
    await pmPage.getByText('Done: paula chose Approve.').waitFor();

    await pmPage.goto(`/app/projects/${encodeURIComponent(projectId)}`);
    const timeline = pmPage.getByTestId('timeline');
    await timeline.getByText('Task completed').first().waitFor();
    expect(await pmPage.getByTestId('open-incidents').innerText()).toBe('0');
    // The tracking table as last reported: week 2, planned 60% against 58% done.
    const progress = pmPage.getByTestId('progress');
    const row = progress.getByRole('row', { name: /Configure the CRM/ });
    const cells = (await row.getByRole('cell').allInnerTexts()).map((cell) => cell.trim());
    expect(cells.slice(0, 5)).toEqual(['Set-up', 'Configure the CRM', PM.user, '1 Mar 2027', '60%']);
    expect(cells[5]).toMatch(/^58%\s*Behind plan$/);
    // The chart library arrives with the first chart, not with the app.
    for (const chart of ['chart-deviation', 'chart-progress', 'chart-satisfaction']) await pmPage.getByTestId(chart).locator('canvas').waitFor();
  });

  it('shows the customer, in the portal, what waits for their signature, and takes the signature', async () => {
    await customerPage.goto('/app/portal');
    await signIn(customerPage, CUSTOMER.user);
    await customerPage.getByRole('heading', { name: 'My portal' }).waitFor();
    const waiting = customerPage.getByTestId('portal-waiting');
    await waiting.getByRole('link', { name: 'Sign the expectation summary' }).waitFor({ timeout: 15_000 });
    await customerPage.getByTestId('portal-projects').getByRole('link', { name: 'Globex CRM roll-out' }).waitFor();
    await screenshot(customerPage, 'portal');
    await expectAccessible(customerPage, 'portal');
    // The internal pages are not offered to a customer.
    expect(await customerPage.getByRole('link', { name: 'Start a project' }).count()).toBe(0);

    await waiting.getByRole('link', { name: 'Sign the expectation summary' }).click();
    await customerPage.getByText('Go live before the trade fair').waitFor();
    await customerPage.getByRole('button', { name: 'Approve' }).click();
    await customerPage.getByText('Done: carl chose Approve.').waitFor();

    await customerPage.goto('/app/portal');
    await customerPage.getByTestId('portal-signed').getByRole('link', { name: 'Sign the expectation summary' }).waitFor({ timeout: 15_000 });
    await waiting.getByText('Nothing waits for your signature.').waitFor();
  });

  it('shows the customer the project without the internal trail (timeline, KPIs, incidents)', async () => {
    await customerPage.goto(`/app/projects/${encodeURIComponent(projectId)}`);
    await customerPage.getByRole('heading', { name: 'Globex CRM roll-out' }).waitFor();
    await customerPage.getByTestId('expectation-document').waitFor();
    expect(await customerPage.getByTestId('timeline').count()).toBe(0);
    expect(await customerPage.getByTestId('kpis').count()).toBe(0);
    expect(await customerPage.getByTestId('open-incidents').count()).toBe(0);
    await expectAccessible(customerPage, 'project page for the customer');
  });

  it('shows the project completed, with both signatures in its history', async () => {
    await eventually(
      async () => ((await accord.request('GET', `/projects/${projectId}`, { token: pmToken })).body.status === 'completed' ? true : undefined),
      'the project to complete',
    );
    await pmPage.goto(`/app/projects/${encodeURIComponent(projectId)}`);
    await pmPage.getByTestId('project-status').getByText('Completed').waitFor({ timeout: 15_000 });
    const timeline = pmPage.getByTestId('timeline');
    await timeline.getByText('Stage completed').first().waitFor({ timeout: 15_000 });
    const history = await timeline.innerText();
    // expectation-signoff has no expectation document or baseline: its two signatures are the approvals of its sign step.
    expect(history).toMatch(/approved by paula/);
    expect(history).toMatch(/approved by carl/);
    expect(await pmPage.getByRole('alert').count()).toBe(0);
    await screenshot(pmPage, 'project');
    await expectAccessible(pmPage, 'project page');
  });

  it("does not open another customer's project to a customer: a plain not-found message", async () => {
    const other = await accord.request('POST', '/projects', {
      token: pmToken,
      body: { definitionKey: 'expectation-signoff', name: 'Initech payroll', members: [{ user: 'cora', role: 'customer' }] },
    });
    expect(other.status).toBe(201);
    await customerPage.goto(`/app/projects/${encodeURIComponent(other.body.id)}`);
    await customerPage.getByTestId('project-not-available').waitFor();
    expect(await customerPage.getByText('Initech payroll').count()).toBe(0);
    await screenshot(customerPage, 'project-not-available');
    await expectAccessible(customerPage, 'project not available');
  });

  it('speaks Simplified Chinese on the project page', async () => {
    await pmPage.goto(`/app/projects/${encodeURIComponent(projectId)}`);
    await pmPage.getByLabel('Language').selectOption('zh-CN');
    await pmPage.getByTestId('project-status').getByText('已完成').waitFor();
    await pmPage.getByRole('heading', { name: '时间线' }).waitFor();
    await pmPage.getByRole('heading', { name: '期望文档' }).waitFor();
    await pmPage.getByTestId('timeline').locator('time').first().waitFor();
    expect(await pmPage.getByTestId('timeline').innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await screenshot(pmPage, 'project-zh-CN');
    await expectAccessible(pmPage, 'project page in Chinese');
    await pmPage.getByLabel('语言').selectOption('en');
  });
});
