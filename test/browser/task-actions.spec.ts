import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AccordHarness, eventually } from '../support/accord-harness';
import { dateInDays } from '../support/dates';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, seriousViolations, signIn } from './browser-session';

jest.setTimeout(120_000);

const PM = { user: 'paula', roles: ['pm'] };
const CUSTOMER = { user: 'carl', roles: ['customer'] };
/** A colleague in the project as sales: a task is delegated only to a member who may hold it. */
const TECH = { user: 'sam', roles: ['sales'] };
/** A project manager who submitted nothing. */
const OTHER_PM = { user: 'pete', roles: ['pm'] };
/** A date and time as en-GB shows it: 2 Dec 2026, 08:09. */
const WHEN = String.raw`\d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}`;

// Goals signed by both sides and published as a baseline.
const BASELINE_DEFINITION = `key: baseline-signatures
name: Baseline signatures
starters: [pm]
roles: { pm: { name: Project manager }, customer: { name: Customer contact, external: true } }
stages:
  - id: set
    steps:
      - { id: draft-goals, name: Draft SMART goals, type: task, assignee: { role: pm } }
      - { id: sign-goals, name: Sign the goals, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }
      - { id: baseline, name: Publish the baseline, type: service, action: publish-baseline, with: { goals: draft-goals, signatures: sign-goals } }
`;
const GOALS = {
  goals: [
    {
      kind: 'milestone',
      specific: 'ERP live in both plants before the trade fair',
      metric: 'plants live',
      target: 2,
      unit: 'plants',
      achievability: 'The same team delivered this module for two customers last year',
      expectations: ['Go live before the trade fair'],
      deadline: dateInDays(90),
    },
  ],
};

// The same, where a refusal sends the goals back for rework.
const REWORK_DEFINITION = BASELINE_DEFINITION.replace('key: baseline-signatures', 'key: goals-rework').replace(
  'approvers: [ { role: pm }, { role: customer } ] } }',
  'approvers: [ { role: pm }, { role: customer } ] }, onReject: { rework: draft-goals, maxRounds: 2 } }',
);

/**
 * Issue 12: delegation and withdrawal in the browser. A project manager hands a task to a
 * colleague, who finds it in their inbox; the submitter of an expectation summary sees both
 * sides of its dual signature and withdraws the request.
 */
describe('delegating and withdrawing tasks in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let pmContext: BrowserContext;
  let pmPage: Page;
  let pmToken: string;
  let customerToken: string;

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    pmToken = accord.token(PM.user, PM.roles);
    customerToken = accord.token(CUSTOMER.user, CUSTOMER.roles);
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

  async function startProject(name: string, definitionKey = 'expectation-signoff'): Promise<string> {
    const members = [
      { user: CUSTOMER.user, role: 'customer' },
      { user: OTHER_PM.user, role: 'pm' },
      // Only the expectation sign-off has a sales role: the other definitions here do not.
      ...(definitionKey === 'expectation-signoff' ? [{ user: TECH.user, role: 'sales' }] : []),
    ];
    const started = await accord.request('POST', '/projects', { token: pmToken, body: { definitionKey, name, members } });
    expect(started.status).toBe(201);
    return started.body.id;
  }

  const taskUrl = (id: string) => `/app/tasks/${encodeURIComponent(id)}`;

  it('delegates a task, refusing a delegation to oneself on its field, and the delegate finds it in their inbox', async () => {
    const projectId = await startProject('Initech portal');
    const record = await accord.taskOf(pmToken, projectId, 'record');
    await pmPage.goto(taskUrl(record.id));
    await signIn(pmPage, PM.user);
    await pmPage.getByRole('heading', { name: 'Hand over or withdraw' }).waitFor();
    // Recording is not an approval: nothing to withdraw.
    expect(await pmPage.getByRole('button', { name: 'Withdraw the request' }).count()).toBe(0);

    await pmPage.getByLabel('Delegate to (user name)').fill(PM.user);
    await pmPage.getByRole('button', { name: 'Delegate', exact: true }).click();
    await pmPage.getByText('must be another user').waitFor();
    expect(await pmPage.getByLabel('Delegate to (user name)').getAttribute('aria-invalid')).toBe('true');

    await pmPage.getByLabel('Delegate to (user name)').fill('tina');
    await pmPage.getByRole('button', { name: 'Delegate', exact: true }).click();
    await pmPage.getByText('tina is no member of this project').waitFor();

    await pmPage.getByLabel('Delegate to (user name)').fill(TECH.user);
    await pmPage.getByRole('button', { name: 'Delegate', exact: true }).click();
    const answer = pmPage.getByRole('status').filter({ hasText: 'Delegated to sam' }).or(pmPage.getByRole('alert')).or(pmPage.locator('.field-error'));
    await answer.first().waitFor();
    expect(await answer.first().innerText()).toBe('Delegated to sam: it is in their inbox now.');
    await screenshot(pmPage, 'task-delegated');
    await expectAccessible(pmPage, 'task after delegation');

    const { context, page } = await newPage(browser, accord);
    try {
      await page.goto('/app/');
      await signIn(page, TECH.user);
      const link = page.getByRole('link', { name: "Record the customer's expectations" });
      await link.waitFor({ timeout: 15_000 });
      await link.click();
      await page.getByRole('heading', { name: "Record the customer's expectations" }).waitFor();
      await page.locator('#root_summary').waitFor();
      await screenshot(page, 'task-delegate-sees');
      await expectAccessible(page, 'the delegated task for its delegate');
    } finally {
      await context.close();
    }
  });

  it('shows each side of a dual signature, and lets its submitter withdraw the request', async () => {
    const projectId = await startProject('Umbrella intranet');
    expect((await accord.completeStep(pmToken, projectId, 'record', { data: { summary: 'Intranet live by spring', priority: 'normal' } })).status).toBe(200);
    // The customer signs first; the project manager's own signature is still open.
    expect((await accord.completeStep(customerToken, projectId, 'sign', { outcome: 'approve', comment: 'Agreed' })).status).toBe(200);
    const sign = await accord.taskOf(pmToken, projectId, 'sign');

    await pmPage.goto(taskUrl(sign.id));
    const signatures = pmPage.getByTestId('approval-signatures');
    // Each decision says when it was given and on which version of the submission.
    await signatures.getByText(new RegExp(`carl chose Approve on version 1 \\(${WHEN}\\)`)).waitFor({ timeout: 15_000 });
    await signatures.getByText('waiting for a decision').waitFor();
    expect(await signatures.getByTestId('submission').innerText()).toMatch(
      new RegExp(`^Decides on version 1 of “Record the customer's expectations”, submitted by paula on ${WHEN}\\.$`),
    );
    const withdraw = pmPage.getByRole('button', { name: 'Withdraw the request' });
    await withdraw.waitFor();
    await screenshot(pmPage, 'task-dual-signature');
    await expectAccessible(pmPage, 'approval with a dual signature');

    await withdraw.click();
    await pmPage.getByText('Request withdrawn: the approval is closed and the work goes back for rework.').waitFor();
    await pmPage.getByText(/This task is (cancelled|withdrawn)/i).waitFor({ timeout: 15_000 });
    await screenshot(pmPage, 'task-withdrawn');
    const after = await accord.request('GET', `/tasks/${encodeURIComponent(sign.id)}`, { token: pmToken });
    expect(after.body.history.map((entry: { action: string }) => entry.action)).toContain('approval.withdrawn');
  });

  it('does not offer withdrawal to an approver who did not submit, of either side', async () => {
    const projectId = await startProject('Hooli mail');
    // Another project manager submits: paula, on the company side, may decide but not withdraw.
    const otherPmToken = accord.token(OTHER_PM.user, OTHER_PM.roles);
    expect((await accord.completeStep(otherPmToken, projectId, 'record', { data: { summary: 'Mail migrated', priority: 'low' } })).status).toBe(200);
    const companySide = await accord.taskOf(pmToken, projectId, 'sign');
    const customerSide = await accord.taskOf(customerToken, projectId, 'sign');

    const expectNoWithdrawal = async (page: Page, approver: string) => {
      await page
        .getByTestId('approval-signatures')
        .getByText("Decides on version 1 of “Record the customer's expectations”, submitted by pete")
        .waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Approve' }).waitFor();
      expect({ approver, withdraw: await page.getByRole('button', { name: 'Withdraw the request' }).count() }).toEqual({ approver, withdraw: 0 });
    };
    await pmPage.goto(taskUrl(companySide.id));
    await expectNoWithdrawal(pmPage, PM.user);
    const { context, page } = await newPage(browser, accord);
    try {
      await page.goto(taskUrl(customerSide.id));
      await signIn(page, CUSTOMER.user);
      await expectNoWithdrawal(page, CUSTOMER.user);
    } finally {
      await context.close();
    }
  });

  it('shows on the project page when each side signed the baseline', async () => {
    await accord.publish('baseline-signatures', BASELINE_DEFINITION);
    const projectId = await startProject('Stark ERP', 'baseline-signatures');
    expect((await accord.completeStep(pmToken, projectId, 'draft-goals', { data: GOALS })).status).toBe(200);
    expect((await accord.completeStep(customerToken, projectId, 'sign-goals', { outcome: 'approve' })).status).toBe(200);
    expect((await accord.completeStep(pmToken, projectId, 'sign-goals', { outcome: 'approve' })).status).toBe(200);
    await eventually(
      async () => ((await accord.request('GET', `/projects/${projectId}/baselines`, { token: pmToken })).body.items?.length > 0 ? true : undefined),
      'baseline v1',
    );

    await pmPage.goto(`/app/projects/${encodeURIComponent(projectId)}`);
    const baselines = pmPage.getByTestId('baselines');
    await baselines.getByTestId('signature').first().waitFor({ timeout: 15_000 });
    expect(await baselines.getByTestId('signature').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^paula for pm: approved on ${WHEN}$`)),
      expect.stringMatching(new RegExp(`^carl for customer: approved on ${WHEN}$`)),
    ]);
    await screenshot(pmPage, 'project-baseline-signatures');
    await expectAccessible(pmPage, 'project page with a signed baseline');
  });

  it('keeps a comment in the history, and a refusal with its reason sends the work back for rework', async () => {
    await accord.publish('goals-rework', REWORK_DEFINITION);
    const projectId = await startProject('Wayne ERP', 'goals-rework');
    expect((await accord.completeStep(pmToken, projectId, 'draft-goals', { data: GOALS })).status).toBe(200);
    const customerSide = await accord.taskOf(customerToken, projectId, 'sign-goals');
    const { context, page } = await newPage(browser, accord);
    try {
      await page.goto(taskUrl(customerSide.id));
      await signIn(page, CUSTOMER.user);
      const comment = page.getByLabel('Comment');
      await comment.fill('Which plants come first?');
      await page.getByRole('button', { name: 'Add comment' }).click();
      const history = page.getByRole('region', { name: 'History' });
      await history.getByText('Which plants come first?').waitFor({ timeout: 15_000 });
      expect(await history.getByRole('listitem').last().innerText()).toMatch(new RegExp(`^${WHEN} Comment · carl Which plants come first\\?$`));

      await comment.fill('Both plants by the fair is not realistic: stagger them');
      await page.getByRole('button', { name: 'Reject' }).click();
      await page.getByText('Done: carl chose Reject.').waitFor();
      await expectAccessible(page, 'a refused approval');
    } finally {
      await context.close();
    }
    // The project manager finds the goals back in their inbox, and sees why.
    const redraft = await eventually(async () => {
      const inbox = await accord.request('GET', `/inbox?project=${projectId}`, { token: pmToken });
      return (inbox.body.items as { id: string; stepId: string }[]).find((item) => item.stepId === 'draft-goals');
    }, 'the goals back for rework');
    await pmPage.goto(taskUrl(redraft.id));
    const decided = pmPage.getByRole('region', { name: 'Decided so far in this stage' });
    await decided.getByText('Both plants by the fair is not realistic: stagger them').waitFor({ timeout: 15_000 });
    await screenshot(pmPage, 'task-returned-for-rework');
  });
});
