import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AccordHarness, eventually } from '../support/accord-harness';
import { scriptMembers, shippedScript } from '../support/shipped-script';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, SCREENSHOTS, seriousViolations, signIn } from './browser-session';

jest.setTimeout(120_000);

const SCRIPT = shippedScript('customer-review');
const MEMBERS = scriptMembers(SCRIPT);
const GATHER: [role: string, step: string][] = [
  ['sales', 'interview'],
  ['sales', 'survey-needs'],
  ['pm', 'competitor-analysis'],
  ['sales', 'market-research'],
];

/**
 * The customer review drawn as a diagram: an admin reads a version with how many running
 * projects wait on each step; a project manager reads where their project stands on it; a
 * project manager cannot reach the counts. Projects are started and moved through the HTTP API.
 */
describe('process diagrams in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let adminPage: Page;
  let pmPage: Page;
  const tokens: Record<string, string> = {};
  let version: number;
  let gathered: string;
  const diagramUrl = () => `/app/admin/definitions/customer-review/versions/${version}/diagram`;
  const start = async (name: string) => {
    const started = await accord.request('POST', '/projects', { token: tokens.pm, body: { definitionKey: 'customer-review', name, members: MEMBERS } });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };
  const node = (page: Page, stepPath: string) => page.getByTestId('process-diagram').locator(`[data-testid="diagram-node"][data-path="${stepPath}"]`);
  async function expectAccessible(page: Page, what: string): Promise<void> {
    expect({ page: what, violations: await seriousViolations(page) }).toEqual({ page: what, violations: [] });
  }

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    for (const [role, user] of Object.entries(SCRIPT.people)) tokens[role] = accord.token(user, [role]);
    tokens.admin = accord.token('ada', ['admin']);
    const versions = await accord.request('GET', '/definitions/customer-review/versions', { token: tokens.admin });
    version = (versions.body as { version: number; status: string }[]).find((row) => row.status === 'published')!.version;
    gathered = await start('Warehouse handhelds');
    await start('Cold store scanners');
    await start('Dock scheduling');
    for (const [role, step] of GATHER) expect((await accord.completeStep(tokens[role], gathered, step, { data: SCRIPT.tasks[step].data })).status).toBe(200);
    await eventually(async () => {
      const counts = await accord.request('GET', `/definitions/customer-review/versions/${version}/step-counts`, { token: tokens.admin });
      const paths = (counts.body.counts as { path: string; projects: number }[]).map((count) => `${count.path}=${count.projects}`);
      return paths.includes('requirement-analysis/interview=2') && paths.includes('requirement-analysis/specify=1') ? true : undefined;
    }, 'two projects on the interview and one on the specification');
    browser = await launchChromium();
    ({ page: adminPage } = await newPage(browser, accord));
    ({ page: pmPage } = await newPage(browser, accord));
    await adminPage.goto(diagramUrl());
    await signIn(adminPage, 'ada');
    await pmPage.goto(`/app/projects/${gathered}`);
    await signIn(pmPage, 'paula');
    // The web app may need building first: minutes on a busy machine.
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await accord?.stop();
  });

  it('draws the shipped customer review: five stages in order, then the on-demand ones', async () => {
    const diagram = adminPage.getByTestId('process-diagram');
    await diagram.getByTestId('diagram-stage').first().waitFor();
    expect(await diagram.getByTestId('diagram-stage').locator('.pd-stage-title strong').allInnerTexts()).toEqual([
      'Requirement analysis',
      'Solution review',
      'Contract review',
      'Progress review',
      'Customer feedback review',
      'Complaint handling',
      'Schedule recovery',
      'Customer retention',
    ]);
    expect(await diagram.getByTestId('diagram-stage').filter({ hasText: 'On-demand stage' }).count()).toBe(3);
    const outline = adminPage.getByTestId('diagram-outline');
    expect(await outline.getByTestId('outline-stage').locator('> strong').allInnerTexts()).toHaveLength(8);
  });

  it('draws the solution review sending a rejected board decision back to the design', async () => {
    const loop = adminPage.getByRole('img', { name: /^Rework loop: Review board decision → design \(rejected \(at most 2\)\)$/ });
    await loop.waitFor({ state: 'attached' });
    await adminPage.getByTestId('diagram-outline').getByText('If rejected: back to design (at most 2 rounds)').waitFor();
  });

  it('draws the process-level handlers into complaint handling, schedule recovery and retention', async () => {
    const labels = await adminPage.locator('.pd-edge-label-handler').allInnerTexts();
    expect(labels.sort()).toEqual(['schedule_deviation > 0.1', 'signal churn-warning', 'signal complaint']);
    expect(await adminPage.getByTestId('outline-handler').allInnerTexts()).toEqual([
      'signal complaint starts Complaint handling',
      'schedule_deviation > 0.1 starts Schedule recovery',
      'signal churn-warning starts Customer retention',
    ]);
  });

  it('shows an admin how many running projects wait on each step', async () => {
    await adminPage.getByTestId('diagram-running').getByText('3 running projects on this version.').waitFor();
    await node(adminPage, 'requirement-analysis/interview').getByTestId('diagram-count').getByText('2 projects here').waitFor();
    await node(adminPage, 'requirement-analysis/specify').getByTestId('diagram-count').getByText('1 project here').waitFor();
    expect(await node(adminPage, 'solution-review/board-decision').getByTestId('diagram-count').count()).toBe(0);
    await screenshot(adminPage, 'definition-diagram-counts');
    // The canvas alone, at the size a reader sees it, to check that the layout reads well.
    await adminPage.locator('.pd-canvas').screenshot({ path: path.join(SCREENSHOTS, 'definition-diagram-canvas.png') });
    await expectAccessible(adminPage, 'definition diagram with counts');
  });

  it("marks a running project's done steps and its open task", async () => {
    const section = pmPage.getByTestId('process-diagram-section');
    await section.getByTestId('diagram-node').first().waitFor();
    for (const [, step] of GATHER) await node(pmPage, `requirement-analysis/${step}`).getByText('Done').waitFor();
    const specify = node(pmPage, 'requirement-analysis/specify');
    await specify.getByText('Open').waitFor();
    expect(await specify.getAttribute('class')).toContain('pd-state-open');
    await node(pmPage, 'requirement-analysis/requirement-review').getByText('Not reached').waitFor();
    await section.getByTestId('outline-open-task').getByText('Open task: Write the requirement specification (anyone in the role pm)').waitFor();
    await screenshot(pmPage, 'project-diagram');
    await expectAccessible(pmPage, 'project page with its diagram');
  });

  it('keeps the counts from a project manager: the page says so and the API answers 403', async () => {
    await pmPage.goto(diagramUrl());
    await pmPage.getByTestId('diagram-forbidden').getByText('Only administrators and auditors may see running projects per step.').waitFor();
    expect(await pmPage.getByTestId('process-diagram').count()).toBe(0);
    const response = await pmPage.request.get(`/definitions/customer-review/versions/${version}/step-counts`);
    expect(response.status()).toBe(403);
    await screenshot(pmPage, 'definition-diagram-forbidden');
    await expectAccessible(pmPage, 'definition diagram refused');
  });
});
