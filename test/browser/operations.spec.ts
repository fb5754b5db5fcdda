import type { Browser, BrowserContext, Page } from 'playwright-core';
import { NotificationDispatcher } from '../../apps/worker/src/notification-dispatcher';
import { WebhookDispatcher } from '../../apps/worker/src/webhook-dispatcher';
import { AccordHarness, eventually } from '../support/accord-harness';
import { WebhookReceiver } from '../support/webhook-receiver';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, seriousViolations, signIn } from './browser-session';

jest.setTimeout(180_000);

const TEMPORAL_UI = 'http://localhost:8233';

const QUICK_CHECK = `key: quick-check
name: Quick check
starters: [pm]
roles: { pm: {} }
stages:
  - id: check
    steps:
      - { id: check, name: Check the delivery, type: task, assignee: { role: pm } }
`;

// A comment on its task writes an audit row: the database refuses it while the test says so, which raises an incident.
const COMMENTED = `key: commented
name: A task people comment on
starters: [pm]
roles: { pm: {} }
stages:
  - id: work
    steps:
      - { id: draft, name: Draft the plan, type: task, assignee: { role: pm } }
`;

// Its first step queues a notification as soon as the project starts.
const ANNOUNCED = `key: announced
name: A project that announces itself
starters: [pm]
roles: { pm: {} }
stages:
  - id: kickoff
    steps:
      - { id: announce, name: Announce the project, type: service, action: notify, with: { to: { role: pm }, subject: Project started } }
      - { id: plan, name: Plan the work, type: task, assignee: { role: pm } }
`;

/**
 * Issue 15 point 4: the operations area, as Camunda Operate gives it. Admins and auditors
 * follow every project (filtered, linked to its page and its workflow in the Temporal UI),
 * the incidents that stop them and the messages that could not be sent; admins fix them.
 * Failures are made as the API's own tests make them: a trigger refuses an audit row
 * (incidents), dispatcher rounds against a sender or receiver that fails (dead letters).
 */
describe('operations in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let crm: WebhookReceiver;
  let adminPage: Page;
  const contexts: BrowserContext[] = [];
  let pmToken: string;
  let adminToken: string;
  const ids = new Map<string, string>();
  const pendingComments: Promise<unknown>[] = [];

  const start = async (definitionKey: string, name: string, extra: Record<string, unknown> = {}) => {
    const started = await accord.request('POST', '/projects', { token: pmToken, body: { definitionKey, name, ...extra } });
    expect(started.status).toBe(201);
    ids.set(name, started.body.id);
    return started.body.id as string;
  };
  const openIncidents = async () =>
    (await accord.request('GET', '/incidents?status=open', { token: adminToken })).body.items as { id: string; projectId: string }[];
  const refuseComments = () =>
    accord.database.dataSource.query(
      `CREATE TRIGGER refuse_comment_audit BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.action = 'task.commented') EXECUTE FUNCTION refuse_comment_audit()`,
    );
  const acceptComments = () => accord.database.dataSource.query(`DROP TRIGGER IF EXISTS refuse_comment_audit ON audit_events`);
  /** A comment the database refuses: the workflow raises an incident and the request waits for an admin. */
  const breakWithComment = async (name: string) => {
    const projectId = await start('commented', name, { team: 'erp-west' });
    const { id: taskId } = await accord.taskOf(pmToken, projectId, 'draft');
    pendingComments.push(accord.request('POST', `/tasks/${encodeURIComponent(taskId)}/comment`, { token: pmToken, body: { text: `Thoughts on ${name}` } }));
    await eventually(async () => ((await openIncidents()).some((incident) => incident.projectId === projectId) ? true : undefined), `the incident of ${name}`);
  };
  const failNotifications = () =>
    new NotificationDispatcher(accord.database.dataSource, { send: () => Promise.reject(new Error('mail server down')) }, { maxAttempts: 1 }).dispatchOnce();

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true', ACCORD_TEMPORAL_UI_URL: `${TEMPORAL_UI}/` });
    enableLocalSignIn(accord);
    pmToken = accord.token('paula', ['pm']);
    adminToken = accord.token('ada', ['admin']);
    await accord.publish('quick-check', QUICK_CHECK);
    await accord.publish('commented', COMMENTED);
    await accord.publish('announced', ANNOUNCED);

    // A CRM that answers 503: the delivery of one project's start runs out of its single attempt.
    crm = await WebhookReceiver.start();
    crm.answer = (_, response) => response.writeHead(503).end();
    const subscription = await accord.request('POST', '/webhooks', {
      token: adminToken,
      body: { url: crm.url, events: ['project.started'], description: 'CRM: project milestones' },
    });
    expect(subscription.status).toBe(201);
    await start('announced', 'Umbrella launch', { team: 'erp-east' });
    const dispatcher = new WebhookDispatcher(accord.database.dataSource, { maxAttempts: 1, backoffMs: 1, backoffCapMs: 1 });
    await eventually(async () => ((await dispatcher.dispatchOnce()).dead > 0 ? true : undefined), 'a dead webhook delivery');
    // No more deliveries: the projects started next are none of its business.
    expect((await accord.request('PATCH', `/webhooks/${subscription.body.id}`, { token: adminToken, body: { active: false } })).status).toBe(200);

    await start('quick-check', 'Globex CRM roll-out', { team: 'erp-east', customer: { key: 'globex', name: 'Globex Corporation' } });
    await start('announced', 'Stark kick-off', { team: 'erp-east' });
    for (const name of ['Umbrella launch', 'Stark kick-off']) {
      await eventually(
        async () =>
          (await accord.request('GET', `/notifications?status=pending&project=${ids.get(name)}`, { token: adminToken })).body.items.length > 0
            ? true
            : undefined,
        `the notification of ${name}`,
      );
    }
    expect(await failNotifications()).toMatchObject({ dead: 2 });

    await accord.database.dataSource.query(`
      CREATE FUNCTION refuse_comment_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'comments are refused by this database' USING ERRCODE = '22000'; END $$`);
    await refuseComments();
    await breakWithComment('Initech payroll');
    await breakWithComment('Hooli search');
    await breakWithComment('Vandelay imports');
    await eventually(async () => {
      const { items } = (await accord.request('GET', '/projects?definition=quick-check', { token: pmToken })).body as {
        items: { currentStage: string | null }[];
      };
      return items[0]?.currentStage === 'check' ? true : undefined;
    }, 'the quick check in its stage');

    browser = await launchChromium();
    let context: BrowserContext;
    ({ context, page: adminPage } = await newPage(browser, accord));
    contexts.push(context);
    await adminPage.goto('/app/');
    await signIn(adminPage, 'ada');
  });

  afterAll(async () => {
    await acceptComments().catch(() => undefined);
    await Promise.allSettled(pendingComments);
    for (const context of contexts) await context.close();
    await browser?.close();
    await crm?.stop();
    await accord?.stop();
  });

  async function expectAccessible(page: Page, what: string): Promise<void> {
    expect({ page: what, violations: await seriousViolations(page) }).toEqual({ page: what, violations: [] });
  }
  const signedIn = async (user: string) => {
    const { context, page } = await newPage(browser, accord);
    contexts.push(context);
    await page.goto('/app/');
    await signIn(page, user);
    return page;
  };
  const tabs = (page: Page) => page.getByRole('navigation', { name: 'Operations sections' });
  const projectRows = (page: Page) => page.locator('table.operations-projects tbody tr');
  const openTable = (page: Page) => page.getByTestId('open-incidents');
  const resolvedTable = (page: Page) => page.getByTestId('resolved-incidents');
  const deadNotifications = (page: Page) => page.getByTestId('dead-notifications');

  it('lets an admin filter every project by definition, version and stage, and by when it started, and follow a row', async () => {
    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
    await adminPage.waitForURL('**/app/admin/operations/projects');
    await adminPage.getByTestId('operations-projects-total').getByText('6 projects').waitFor();
    expect(await tabs(adminPage).getByRole('link', { name: 'Projects' }).getAttribute('aria-current')).toBe('page');

    const filters = adminPage.getByRole('form', { name: 'Operations project filters' });
    await filters.getByLabel('Definition').fill('commented');
    await filters.getByLabel('Version').fill('1');
    await filters.getByLabel('Current stage').fill('work');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await adminPage.waitForURL(/definition=commented&definitionVersion=1.*stage=work/);
    await adminPage.getByTestId('operations-projects-total').getByText('3 projects').waitFor();
    expect((await projectRows(adminPage).locator('th').allInnerTexts()).sort()).toEqual(['Hooli search', 'Initech payroll', 'Vandelay imports']);

    await filters.getByLabel('Definition').fill('quick-check');
    await filters.getByLabel('Current stage').fill('check');
    await filters.getByLabel('Team').fill('ERP-East');
    await filters.getByLabel('Started on or after').fill('2020-01-01');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await adminPage.getByTestId('operations-projects-total').getByText('1 project').waitFor();
    const globex = projectRows(adminPage).filter({ hasText: 'Globex CRM roll-out' });
    expect((await globex.locator('td').allInnerTexts()).slice(0, 5)).toEqual(['quick-check@1', 'Running', 'erp-east', 'Globex Corporation', 'check']);
    const workflow = globex.getByRole('link', { name: 'Open in Temporal: the workflow of Globex CRM roll-out (opens a new tab)' });
    expect(await workflow.getAttribute('href')).toBe(
      `${TEMPORAL_UI}/namespaces/default/workflows/${encodeURIComponent(`project/${ids.get('Globex CRM roll-out')}`)}`,
    );
    await screenshot(adminPage, 'operations-projects');
    await expectAccessible(adminPage, 'operations: projects');

    // Age: nothing here started before 2020.
    await filters.getByLabel('Started on or after').fill('');
    await filters.getByLabel('Started on or before').fill('2020-01-01');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await adminPage.getByTestId('operations-projects-empty').getByText('No projects match these filters.').waitFor();
    await adminPage.getByTestId('operations-projects-empty').getByRole('button', { name: 'Clear filters' }).click();
    await adminPage.getByTestId('operations-projects-total').getByText('6 projects').waitFor();

    await projectRows(adminPage).getByRole('link', { name: 'Globex CRM roll-out', exact: true }).click();
    await adminPage.waitForURL(`**/app/projects/${ids.get('Globex CRM roll-out')}`);
    await adminPage.getByRole('heading', { name: 'Globex CRM roll-out' }).waitFor();
  });

  it('shows an auditor projects, incidents and dead letters, with no button to change them', async () => {
    const page = await signedIn('otto');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
    await page.getByTestId('operations-projects-total').getByText('6 projects').waitFor();

    await tabs(page).getByRole('link', { name: 'Incidents' }).click();
    await page.waitForURL('**/app/admin/operations/incidents');
    await openTable(page).locator('tbody tr').nth(2).waitFor();
    expect((await openTable(page).locator('tbody th').allInnerTexts()).sort()).toEqual(['Hooli search', 'Initech payroll', 'Vandelay imports']);
    const initech = await openTable(page).locator('tbody tr').filter({ hasText: 'Initech payroll' }).locator('td').allInnerTexts();
    expect(initech.slice(0, 2)).toEqual(['work', 'draft']);
    expect(initech[2]).toContain('BadData');
    expect(initech[2]).toContain('22000');
    expect(await page.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Retry|Skip|Cancel project)/ }).count()).toBe(0);
    await screenshot(page, 'operations-incidents-auditor');
    await expectAccessible(page, 'operations: incidents, auditor');

    await tabs(page).getByRole('link', { name: 'Dead letters' }).click();
    await deadNotifications(page).locator('tbody tr').nth(1).waitFor();
    expect(await deadNotifications(page).locator('tbody tr').first().innerText()).toContain('mail server down');
    expect(await page.getByRole('button', { name: /^(Retry|Redeliver)/ }).count()).toBe(0);
    await page.getByTestId('dead-webhook-deliveries').getByText('Webhook deliveries are shown to administrators only.').waitFor();
    await expectAccessible(page, 'operations: dead letters, auditor');
  });

  it('keeps a project manager out: no link, the page says so, and the incident API answers 403', async () => {
    const page = await signedIn('paula');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).count()).toBe(0);
    await page.goto('/app/admin/operations/incidents');
    await page.getByTestId('operations-forbidden').getByText('Only administrators and auditors can use the operations pages.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await screenshot(page, 'operations-forbidden');
    await expectAccessible(page, 'operations: refused to a pm');
    // The same session cookie, asked directly.
    expect((await page.request.get('/incidents')).status()).toBe(403);
    expect((await page.request.get('/notifications')).status()).toBe(403);
    expect((await page.request.get('/settings/links')).status()).toBe(403);
    const incident = (await openIncidents())[0];
    expect((await accord.request('GET', `/incidents/${encodeURIComponent(incident.id)}`, { token: pmToken })).status).toBe(403);
    expect((await accord.request('POST', `/incidents/${encodeURIComponent(incident.id)}/retry`, { token: pmToken, body: {} })).status).toBe(403);
  });

  it('retries an incident from the incidents page, once its cause is fixed: it leaves the open ones', async () => {
    await adminPage.goto('/app/admin/operations/incidents');
    await openTable(adminPage).locator('tbody tr').nth(2).waitFor();
    await screenshot(adminPage, 'operations-incidents');
    await expectAccessible(adminPage, 'operations: incidents, admin');
    await acceptComments();
    await openTable(adminPage).getByRole('button', { name: 'Retry draft of Initech payroll' }).click();
    await adminPage.getByTestId('incident-action-done').getByText('Retried: Initech payroll runs what failed again.').waitFor();
    await openTable(adminPage).locator('tbody tr').filter({ hasText: 'Initech payroll' }).waitFor({ state: 'detached' });
    expect((await openTable(adminPage).locator('tbody th').allInnerTexts()).sort()).toEqual(['Hooli search', 'Vandelay imports']);
    const resolved = resolvedTable(adminPage).locator('tbody tr').filter({ hasText: 'Initech payroll' });
    expect(await resolved.innerText()).toContain('Retried · ada');
    // The comment that waited on the incident is answered.
    expect(((await pendingComments[0]) as { status: number }).status).toBe(200);
  });

  it('shows the API’s 409 when an incident is skipped after someone else resolved it', async () => {
    await adminPage.goto('/app/admin/operations/incidents');
    await openTable(adminPage).getByRole('button', { name: 'Skip draft of Hooli search' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Skip what failed' });
    await dialog.getByLabel('Reason').fill('The plan was discussed by phone');
    await expectAccessible(adminPage, 'operations: skip dialog');
    const hooli = (await openIncidents()).find((incident) => incident.projectId === ids.get('Hooli search'))!;
    expect(
      (await accord.request('POST', `/incidents/${encodeURIComponent(hooli.id)}/retry`, { token: adminToken, body: { reason: 'Retried from another tab' } }))
        .status,
    ).toBe(200);
    await dialog.getByRole('button', { name: 'Skip it' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/^Not done: .+/)
      .waitFor();
    await screenshot(adminPage, 'operations-incident-skip-conflict');
    await dialog.getByRole('button', { name: 'Go back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await openTable(adminPage).locator('tbody tr').filter({ hasText: 'Hooli search' }).waitFor({ state: 'detached' });
  });

  it('cancels the project of an incident only with a reason and a confirmation', async () => {
    await adminPage.goto('/app/admin/operations/incidents');
    await openTable(adminPage).getByRole('button', { name: 'Cancel project Vandelay imports' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Cancel the project' });
    const submit = dialog.getByRole('button', { name: 'Cancel the project' });
    await dialog.getByLabel('Reason').fill('The customer withdrew the order');
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByLabel('Yes, end Vandelay imports as cancelled').check();
    await submit.click();
    await adminPage.getByTestId('incident-action-done').getByText('Vandelay imports is cancelled.').waitFor();
    await openTable(adminPage).getByText('No open incidents: nothing is waiting for an administrator.').waitFor();
    expect(await resolvedTable(adminPage).locator('tbody tr').filter({ hasText: 'Vandelay imports' }).innerText()).toContain('Project cancelled · ada');
    expect((await accord.request('GET', `/projects/${ids.get('Vandelay imports')}`, { token: pmToken })).body.status).toBe('cancelled');
    await screenshot(adminPage, 'operations-incidents-resolved');
  });

  it('puts a dead notification back to be sent, and redelivers a dead webhook delivery', async () => {
    await tabs(adminPage).getByRole('link', { name: 'Dead letters' }).click();
    await adminPage.waitForURL('**/app/admin/operations/dead-letters');
    const rows = deadNotifications(adminPage).locator('tbody tr');
    await rows.nth(1).waitFor();
    const stark = rows.filter({ has: adminPage.locator(`a[href$="${ids.get('Stark kick-off')}"]`) });
    // The outbox keeps the project's id; the page names it.
    await stark.getByRole('link', { name: 'Stark kick-off' }).waitFor();
    expect(await stark.locator('td').allInnerTexts()).toEqual([
      'Message',
      'role pm',
      'Stark kick-off',
      '1',
      'mail server down',
      expect.stringMatching(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/),
      'Retry',
    ]);
    const webhook = adminPage.getByTestId('dead-webhook-deliveries').locator('tbody tr');
    await webhook.first().waitFor();
    expect(await webhook.first().innerText()).toContain('HTTP 503');
    await screenshot(adminPage, 'operations-dead-letters');
    await expectAccessible(adminPage, 'operations: dead letters, admin');

    await stark.getByRole('button', { name: 'Retry “Project started”' }).click();
    await adminPage.getByTestId('dead-letter-done').getByText('“Project started” will be sent again.').waitFor();
    await rows.nth(1).waitFor({ state: 'detached' });
    const pending = (await accord.request('GET', `/notifications?status=pending&project=${ids.get('Stark kick-off')}`, { token: adminToken })).body.items;
    expect(pending).toEqual([expect.objectContaining({ subject: 'Project started', attempts: 0 })]);

    await webhook
      .first()
      .getByRole('button', { name: /^Redeliver project\.started / })
      .click();
    await adminPage.getByTestId('dead-webhook-deliveries').getByText('No webhook delivery ran out of attempts.').waitFor();
  });

  it('speaks Simplified Chinese', async () => {
    await adminPage.goto('/app/admin/operations/incidents');
    await adminPage.getByLabel('Language').selectOption('zh-CN');
    await adminPage.getByRole('heading', { name: '已解决的故障' }).waitFor();
    await resolvedTable(adminPage).getByText('项目已取消 · ada').waitFor();
    await screenshot(adminPage, 'operations-incidents-zh-CN');
    await expectAccessible(adminPage, 'operations in Chinese');
    await adminPage.getByLabel('语言').selectOption('en');
  });
});
