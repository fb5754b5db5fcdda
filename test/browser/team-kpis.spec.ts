import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AuditEntry } from '@accord/contracts';
import { createActivities } from '@accord/activities';
import { AccordHarness, eventually } from '../support/accord-harness';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, seriousViolations, signIn } from './browser-session';

jest.setTimeout(180_000);

const TEAM = 'erp-east';
const PM = { user: 'paula', roles: ['pm'] };
const CUSTOMER = { user: 'carl', roles: ['customer'] };
/** Leads a project of the team that Paula is not in. */
const OTHER_PM = { user: 'pete', roles: ['pm'] };
/** In no project of the team. */
const OUTSIDER = { user: 'sam', roles: ['sales'] };

/** A weekly report: one row of the progress table, and the customer's survey when there was one. */
const weeklyReport = (week: number, planned: number, actual: number, survey?: { overall: number; deliverables: number; service: number }) => ({
  progress: {
    rows: [{ phase: 'implementation', task: 'Finance roll-out', owner: PM.user, due: '2027-03-01', plannedPercent: planned, actualPercent: actual }],
  },
  ...(survey ? { survey } : {}),
  week,
});

/**
 * Issue 13: a manager reads a team's KPIs. Two projects of the team that Paula leads report
 * progress and satisfaction through the API; the first is signed off and assessed; a third,
 * Pete's, stays out of Paula's view. Paula reads the roll-up, the chart and the tallies;
 * someone in none of the team's projects finds nothing.
 */
describe('a team’s KPIs in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let pmContext: BrowserContext;
  let pmPage: Page;
  let pmToken: string;
  const projects: Record<'erp' | 'crm', string> = { erp: '', crm: '' };

  const startProject = async (token: string, name: string) => {
    const started = await accord.request('POST', '/projects', {
      token,
      body: { definitionKey: 'expectation-signoff', name, team: TEAM, members: [{ user: CUSTOMER.user, role: 'customer' }] },
    });
    expect(started.status).toBe(201);
    const projectId = started.body.id as string;
    // The starter's membership reaches the read model a moment after the start; readings need it.
    const starter = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string;
    await eventually(async () => {
      const members = await accord.request<{ user: string }[]>('GET', `/projects/${projectId}/members`, { token });
      return members.status === 200 && members.body.some((member) => member.user === starter) ? true : undefined;
    }, `${starter} to be a member of ${name}`);
    return projectId;
  };
  const report = async (projectId: string, { week, ...measured }: ReturnType<typeof weeklyReport>) => {
    // A project that has just started may still be between stages (409): a client posts again.
    const posted = await eventually(async () => {
      const answer = await accord.request('POST', `/projects/${projectId}/metric-readings`, {
        token: pmToken,
        body: measured,
        headers: { 'idempotency-key': `week-${week}-${Date.now()}` },
      });
      return answer.status === 409 && answer.body.code === 'PROJECT_BETWEEN_STAGES' ? undefined : answer;
    }, `week ${week}'s report taken`);
    expect(posted.status).toBe(202);
  };
  /** What the assess stage of customer-expectation records, through its own activities: a whole run of that process would take minutes. */
  const assess = async (projectId: string, survey: { overall: number; deliverables: number; service: number }) => {
    const activities = createActivities({ dataSource: accord.database.dataSource });
    const at = new Date().toISOString();
    const audit = (action: AuditEntry['action']): AuditEntry => ({ id: `${action}:${projectId}`, projectId, action, actor: 'system', at, detail: {} });
    await activities.recordKpis({ projectId, survey, verifications: [], at, audit: audit('kpis.recorded') });
    await activities.recommendIncentives({ projectId, internalRoles: ['pm', 'sales'], at, audit: audit('incentives.recommended') });
  };

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    pmToken = accord.token(PM.user, PM.roles);
    const customerToken = accord.token(CUSTOMER.user, CUSTOMER.roles);
    const petes = startProject(accord.token(OTHER_PM.user, OTHER_PM.roles), 'Initech payroll');
    // One after the other: the report lists the team's projects oldest first.
    projects.erp = await startProject(pmToken, 'ACME ERP roll-out');
    projects.crm = await startProject(pmToken, 'Globex CRM roll-out');
    await petes;
    await Promise.all([
      (async () => {
        await report(projects.erp, weeklyReport(1, 40, 40));
        await report(projects.erp, weeklyReport(2, 60, 54, { overall: 5, deliverables: 4, service: 3 }));
        // Signed by both sides, the project ends; then it is assessed.
        expect(
          (await accord.completeStep(pmToken, projects.erp, 'record', { data: { summary: 'ERP live before the trade fair', priority: 'high' } })).status,
        ).toBe(200);
        expect((await accord.completeStep(pmToken, projects.erp, 'sign', { outcome: 'approve' })).status).toBe(200);
        expect((await accord.completeStep(customerToken, projects.erp, 'sign', { outcome: 'approve' })).status).toBe(200);
        await eventually(
          async () => ((await accord.request('GET', `/projects/${projects.erp}`, { token: pmToken })).body.status === 'completed' ? true : undefined),
          'the ERP project to complete',
        );
        await assess(projects.erp, { overall: 5, deliverables: 4, service: 3 });
      })(),
      (async () => {
        await report(projects.crm, weeklyReport(1, 50, 45, { overall: 4, deliverables: 4, service: 3 }));
        await report(projects.crm, weeklyReport(2, 80, 60, { overall: 3, deliverables: 3, service: 3 }));
      })(),
    ]);
    browser = await launchChromium();
    ({ context: pmContext, page: pmPage } = await newPage(browser, accord));
  });

  afterAll(async () => {
    await pmContext?.close();
    await browser?.close();
    await accord?.stop();
  });

  async function expectAccessible(page: Page, what: string): Promise<void> {
    expect({ page: what, violations: await seriousViolations(page) }).toEqual({ page: what, violations: [] });
  }
  const kpi = (name: string) => pmPage.getByTestId('team-kpis').locator(`[data-kpi="${name}"] dd`).innerText();

  it('links the team from its project page, whose KPIs show deviation, progress and satisfaction as charts with their tables', async () => {
    await pmPage.goto(`/app/projects/${encodeURIComponent(projects.crm)}`);
    await signIn(pmPage, PM.user);
    await pmPage.getByRole('heading', { name: 'Globex CRM roll-out' }).waitFor();
    const kpis = pmPage.getByTestId('kpis');
    for (const chart of ['chart-deviation', 'chart-progress', 'chart-satisfaction']) await kpis.getByTestId(chart).locator('canvas').waitFor();
    // The figures a screen reader reads, in tables named as the charts are.
    const deviation = kpis.getByRole('table', { name: 'Schedule deviation over time' });
    expect(await deviation.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/-10%\s+within ±10%$/),
      expect.stringMatching(/-25%\s+beyond ±10%$/),
    ]);
    expect(await kpis.getByRole('figure', { name: /Schedule deviation over time/ }).innerText()).toMatch(/tolerance of ±10% \(the default threshold\)/);
    const progress = kpis.getByRole('table', { name: 'Planned and actual progress over time' });
    expect(await progress.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/50%\s+45%$/), expect.stringMatching(/80%\s+60%$/)]);
    const satisfaction = kpis.getByRole('table', { name: 'Satisfaction surveys over time' });
    expect(await satisfaction.locator('thead').innerText()).toMatch(/Score\s+Overall\s+Deliverables\s+Service/);
    expect(await satisfaction.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/3\.67\s+4\s+4\s+3$/),
      expect.stringMatching(/3\s+3\s+3\s+3$/),
    ]);
    expect(await kpis.locator('dl').innerText()).toMatch(/Schedule deviation:?\s+-25%/);
    await screenshot(pmPage, 'project-kpi-charts');
    await expectAccessible(pmPage, 'project page with KPI charts');

    await pmPage.getByTestId('project-team').click();
    await pmPage.waitForURL(`**/app/teams/${TEAM}`);
  });

  it('shows a manager the team’s roll-up, satisfaction per project, each person’s incentives, and what was left out', async () => {
    await pmPage.getByRole('heading', { name: `Team ${TEAM}` }).waitFor();
    expect(await kpi('projects')).toBe('2 (1 assessed)');
    expect(await kpi('satisfactionScore')).toBe('3.5 of 5');
    expect(await kpi('scheduleDeviation')).toBe('-17.5%');
    expect(await kpi('goalsMet')).toBe('no goals set yet');
    expect(await kpi('nonConformityRate')).toBe('not measured yet');
    expect(await kpi('complaints')).toBe('0 in 0 feedback items');
    expect(await pmPage.getByTestId('team-not-visible').innerText()).toBe('1 project of the team is not included: you are not in it in an internal role.');

    const chart = pmPage.getByTestId('team-satisfaction-chart');
    await chart.locator('canvas').waitFor();
    expect(await chart.getByRole('table', { name: 'Customer satisfaction per project' }).locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^ACME ERP roll-out\s+4 of 5$/),
      expect.stringMatching(/^Globex CRM roll-out\s+3 of 5$/),
    ]);
    const rows = await pmPage.getByTestId('team-projects').locator('tbody tr').allInnerTexts();
    expect(rows).toEqual([
      expect.stringMatching(/^ACME ERP roll-out\s+Completed \(final KPIs\)\s+4 of 5\s+—\s+-10%\s+0$/),
      expect.stringMatching(/^Globex CRM roll-out\s+Running \(KPIs so far\)\s+3 of 5\s+—\s+-25%\s+0$/),
    ]);
    expect(await pmPage.getByTestId('team-incentives').locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^paula\s+1\s+0\s+1\s+0$/)]);
    await screenshot(pmPage, 'team-kpis');
    await expectAccessible(pmPage, 'team KPIs');
  });

  it('downloads the same report as CSV through a plain link the session cookie authenticates', async () => {
    const [download] = await Promise.all([pmPage.waitForEvent('download'), pmPage.getByTestId('team-csv').click()]);
    expect(download.suggestedFilename()).toBe(`kpi-report-team-${TEAM}.csv`);
    const lines = fs.readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe('section,name,value,detail');
    expect(lines).toEqual(expect.arrayContaining([`report,team,${TEAM},`, 'report,projectsNotVisible,1,', 'kpi,projects,2,', 'kpi,satisfactionScore,3.5,']));
  });

  it('speaks Simplified Chinese on the team page', async () => {
    await pmPage.getByLabel('Language').selectOption('zh-CN');
    await pmPage.getByRole('heading', { name: `团队 ${TEAM}` }).waitFor();
    expect(await kpi('satisfactionScore')).toBe('3.5 分（满分 5 分）');
    expect(await kpi('projects')).toBe('2 个（已评估 1 个）');
    await pmPage.getByTestId('team-satisfaction-chart').locator('canvas').waitFor();
    await screenshot(pmPage, 'team-kpis-zh-CN');
    await expectAccessible(pmPage, 'team KPIs in Chinese');
    await pmPage.getByLabel('语言').selectOption('en');
  });

  it('tells someone in none of the team’s projects that there is no such team for them', async () => {
    const { context, page } = await newPage(browser, accord);
    try {
      await page.goto(`/app/teams/${TEAM}`);
      await signIn(page, OUTSIDER.user);
      await page.getByTestId('team-not-available').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Team not available');
      expect(await page.getByText('ACME ERP roll-out').count()).toBe(0);
      await screenshot(page, 'team-not-available');
      await expectAccessible(page, 'team not available');
    } finally {
      await context.close();
    }
  });
});
