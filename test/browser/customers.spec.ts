import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AccordHarness, eventually } from '../support/accord-harness';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, SCREENSHOTS, screenshot, seriousViolations, signIn } from './browser-session';

jest.setTimeout(180_000);

/** Work for a customer that the record reads: complaints and feedback answered, a schedule off by more than 10 % analysed. */
const DEFINITION = `key: crm-work
name: Customer work the customer record reads
starters: [pm]
roles: { pm: {}, qa: {}, customer: { external: true } }
stages:
  - id: deliver
    steps:
      - { id: deliver, name: Deliver the release, type: task, assignee: { role: pm } }
    on:
      - { signal: feedback, start: answer }
      - { signal: complaint, start: answer }
      - { metric: schedule_deviation, above: 0.1, start: analyse }
  - id: answer
    trigger: on-demand
    steps:
      - { id: answer, name: Answer the customer, type: task, assignee: { role: pm } }
  - id: analyse
    trigger: on-demand
    steps:
      - { id: analyse, name: Analyse the deviation, type: task, assignee: { role: pm } }
`;

const PM = { user: 'paula', roles: ['pm'] };
const CUSTOMER = { user: 'carl', roles: ['customer'] };
const QA = { user: 'quinn', roles: ['qa'] };
const ADMIN = { user: 'ada', roles: ['admin'] };
const ACME = { key: 'acme', name: 'ACME Manufacturing' };
const GLOBEX = { key: 'globex', name: 'Globex' };
const PROFILE = {
  industry: 'manufacturing',
  size: 'large',
  region: 'emea',
  annualContractValue: 50_000,
  contacts: [
    {
      name: 'Carla Jones',
      role: 'Head of IT',
      email: 'carla@acme.example',
      phone: '+49 30 1234567',
    },
  ],
};

const HEADER = 'key,name,industry,size,region,annualContractValue,contactName,contactRole,contactEmail,contactPhone';
const BAD_CSV = [
  HEADER,
  'initech,Initech,software,medium,americas,30000,Ivy Chen,CTO,ivy@initech.example,',
  'initech,Initech,software,medium,americas,30000,Bob Porter,Buyer,not-an-address,',
].join('\r\n');
const GOOD_CSV = [
  HEADER,
  'initech,Initech,software,medium,americas,30000,Ivy Chen,CTO,ivy@initech.example,',
  'initech,Initech,software,medium,americas,30000,Bob Porter,Buyer,bob@initech.example,',
  'acme,ACME Manufacturing,manufacturing,large,emea,50000,Carla Jones,Head of IT,carla@acme.example,+49 30 1234567',
].join('\r\n');

/**
 * Issue 15, point 5: the customer list, the record with its three analyses explained, the CSV
 * import and the analytics settings, in a browser against the real stack. ACME has two projects,
 * a contract value of 50,000, two open complaints, a satisfaction that fell and a schedule slip:
 * a churn warning at the default threshold of 0.5. Globex has one quiet project.
 */
describe('customer dashboards in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let pmContext: BrowserContext;
  let pmPage: Page;
  let adminContext: BrowserContext;
  let adminPage: Page;
  const projects: Record<'erp' | 'crm' | 'portal', string> = {
    erp: '',
    crm: '',
    portal: '',
  };

  const start = async (name: string, customer: { key: string; name: string }) => {
    const token = accord.token(PM.user, PM.roles);
    const started = await accord.request('POST', '/projects', {
      token,
      body: {
        definitionKey: 'crm-work',
        name,
        customer,
        members: [
          { user: CUSTOMER.user, role: 'customer' },
          { user: QA.user, role: 'qa' },
        ],
      },
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    // Recorded before the next one starts, so that the customer's page lists them in the order they were started.
    await accord.projectRecorded(token, id);
    return id;
  };
  /** A project that has just started may still be between stages (409): a client posts again. */
  const post = async (path: string, who: { user: string; roles: string[] }, body: unknown, expected: number) => {
    const answer = await eventually(async () => {
      const response = await accord.request('POST', path, {
        token: accord.token(who.user, who.roles),
        body,
      });
      return response.status === 409 ? undefined : response;
    }, `${path} taken`);
    expect([answer.status, answer.body]).toEqual([expected, expect.anything()]);
  };

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    await accord.publish('crm-work', DEFINITION);
    projects.erp = await start('ACME ERP roll-out', ACME);
    projects.crm = await start('ACME CRM roll-out', ACME);
    projects.portal = await start('Globex portal', GLOBEX);
    const pmToken = accord.token(PM.user, PM.roles);
    // The starter's membership reaches the read model a moment after the start; until then the customer is not theirs to see.
    await eventually(
      async () =>
        (
          await accord.request('PUT', `/customers/${ACME.key}/profile`, {
            token: pmToken,
            body: PROFILE,
          })
        ).status === 200
          ? true
          : undefined,
      'the profile taken',
    );

    for (const description of ['The reports come late', 'Invoices name the wrong plant']) {
      await post(`/projects/${projects.erp}/events`, CUSTOMER, { signal: 'complaint', data: { channel: 'hotline', description } }, 200);
    }
    await post(`/projects/${projects.crm}/feedback`, PM, { channel: 'email', description: 'Training went well' }, 202);
    await post(`/projects/${projects.erp}/metric-readings`, PM, { survey: { overall: 3, deliverables: 3, service: 2 } }, 202);
    await post(
      `/projects/${projects.crm}/metric-readings`,
      PM,
      {
        progress: {
          rows: [
            {
              phase: 'build',
              task: 'Interfaces',
              owner: PM.user,
              due: '2027-03-01',
              plannedPercent: 50,
              actualPercent: 20,
            },
          ],
        },
      },
      202,
    );
    // Readings are stamped when posted: an earlier, better survey is arranged in SQL, as time cannot pass through HTTP.
    await accord.database.dataSource.query(
      `INSERT INTO metric_readings (id, project_id, metric, value, at, source, detail) VALUES ('survey-in-july', $1, 'satisfaction', 4.5, now() - interval '150 days', 'survey', '{"overall":5,"deliverables":4,"service":4.5}')`,
      [projects.erp],
    );
    await eventually(async () => {
      const record = await accord.request('GET', `/customers/${ACME.key}`, {
        token: pmToken,
      });
      const signals = (record.body.analyses?.churn.signals ?? []) as {
        name: string;
        from: unknown[];
      }[];
      const counted = (name: string) => signals.find((signal) => signal.name === name)?.from.length;
      return counted('openComplaints') === 2 && counted('scheduleDeviations') === 1 && record.body.surveys.length === 2 ? true : undefined;
    }, 'the complaints, the survey and the breach in the record');

    browser = await launchChromium();
    ({ context: pmContext, page: pmPage } = await newPage(browser, accord));
    ({ context: adminContext, page: adminPage } = await newPage(browser, accord));
  });

  afterAll(async () => {
    await pmContext?.close();
    await adminContext?.close();
    await browser?.close();
    await accord?.stop();
  });

  async function expectAccessible(page: Page, what: string): Promise<void> {
    expect({ page: what, violations: await seriousViolations(page) }).toEqual({
      page: what,
      violations: [],
    });
  }
  const rows = (page: Page) => page.getByTestId('customers-table').locator('tbody tr');
  /** The list's rows once it shows exactly these customers, in this order. */
  const expectRows = async (page: Page, keys: string[]) => {
    // The table names the keys it shows, in order: waiting for them waits for the list the filters ask for.
    await page.locator(`[data-testid="customers-table"][data-keys="${keys.join(',')}"]`).waitFor();
    return rows(page).allInnerTexts();
  };
  const applyFilters = async (page: Page, fields: { label: string; value: string; select?: boolean }[]) => {
    const form = page.getByRole('form', { name: 'Filter customers' });
    for (const field of fields) {
      if (field.select) await form.getByLabel(field.label).selectOption(field.value);
      else await form.getByLabel(field.label).fill(field.value);
    }
    await form.getByRole('button', { name: 'Apply' }).click();
  };

  it('lets a project manager filter and sort the customers, each with class and churn risk in words, and open a record', async () => {
    await pmPage.goto('/app/');
    await signIn(pmPage, PM.user);
    await pmPage.getByRole('navigation', { name: /main/i }).getByRole('link', { name: 'Customers' }).click();
    await pmPage.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    const all = await expectRows(pmPage, ['acme', 'globex']);
    expect(all[0]).toMatch(/^ACME Manufacturing acme\s+Class B · active\s+by contract value\s+Churn warning · 56\.7%\s+50,000\s+manufacturing\s+emea\s+2$/);
    expect(all[1]).toMatch(/^Globex globex\s+Class C · active\s+by number of projects\s+No warning · 0%\s+—\s+—\s+—\s+1$/);
    expect(await pmPage.getByTestId('customers-shown').innerText()).toBe('2 customers');
    await screenshot(pmPage, 'customers-list');
    await expectAccessible(pmPage, 'customer list');

    await applyFilters(pmPage, [{ label: 'Churn risk', value: 'true', select: true }]);
    await expectRows(pmPage, ['acme']);
    expect(pmPage.url()).toContain('churnWarning=true');
    expect(await pmPage.getByTestId('customers-csv').getAttribute('href')).toBe('/customers?churnWarning=true&sort=name&format=csv');

    await applyFilters(pmPage, [
      { label: 'Churn risk', value: '', select: true },
      { label: 'Class', value: 'C', select: true },
    ]);
    await expectRows(pmPage, ['globex']);
    await applyFilters(pmPage, [
      { label: 'Class', value: '', select: true },
      { label: 'Name or key contains', value: 'nothing like it' },
    ]);
    await pmPage.getByTestId('customers-empty').getByText('No customer matches these filters.').waitFor();
    await pmPage.getByTestId('customers-empty').getByRole('button', { name: 'Clear filters' }).click();
    await expectRows(pmPage, ['acme', 'globex']);

    await applyFilters(pmPage, [
      { label: 'Sort by', value: 'churn', select: true },
      { label: 'Region', value: 'EMEA' },
    ]);
    await expectRows(pmPage, ['acme']);
    await applyFilters(pmPage, [
      { label: 'Region', value: '' },
      { label: 'Sort by', value: 'value', select: true },
    ]);
    await expectRows(pmPage, ['acme', 'globex']);

    await rows(pmPage).getByRole('link', { name: 'ACME Manufacturing' }).click();
    await pmPage.getByRole('heading', { name: 'ACME Manufacturing', level: 1 }).waitFor();
    const projectRows = pmPage.getByTestId('customer-projects').locator('tbody tr');
    expect(await projectRows.allInnerTexts()).toEqual([
      expect.stringMatching(/^ACME ERP roll-out\s+Running/),
      expect.stringMatching(/^ACME CRM roll-out\s+Running/),
    ]);
    expect(await pmPage.getByTestId('profile-contract-value').innerText()).toBe('50,000');
    const classification = pmPage.getByTestId('classification-analysis');
    expect(await classification.getByTestId('classification-reason').innerText()).toBe(
      '50,000 reaches the B threshold of 20,000 but not the A threshold of 100,000.',
    );
    expect(await classification.getByTestId('stage-reason').innerText()).toMatch(/^active: /);
    const value = pmPage.getByTestId('value-analysis');
    expect(await value.getByTestId('trend-satisfaction').innerText()).toMatch(/Satisfaction\s+Falling/);
    await value.getByTestId('chart-satisfaction').locator('canvas').waitFor();
    await pmPage.getByTestId('chart-customer-satisfaction').locator('canvas').waitFor();
    const feedback = pmPage.getByTestId('customer-feedback');
    expect(await feedback.locator('tbody tr').count()).toBe(3);
    await feedback.getByRole('button', { name: 'Closed' }).click();
    await feedback.getByText('Nothing to show.').waitFor();
    await feedback.getByRole('button', { name: 'All' }).click();
    await screenshot(pmPage, 'customer-record');
    await expectAccessible(pmPage, 'customer record');
  });

  it('explains the churn warning: the score against the threshold, and each signal with its figures and the records it came from', async () => {
    await pmPage.goto(`/app/customers/${ACME.key}`);
    const churn = pmPage.getByTestId('churn-analysis');
    expect(await churn.getByTestId('churn-verdict').innerText()).toMatch(
      /^Churn warning · 56\.7%\s+Score 56\.7% is above the threshold of 50%: the customer may be about to leave\.$/,
    );
    const signal = (name: string) => churn.locator(`tr[data-signal="${name}"]`);
    expect(await signal('openComplaints').innerText()).toMatch(
      /^Open complaints\s+0\.2\s+2 of 2 complaints\s+100%\s+0\.2\s+.+\s+Complaint .+ · ACME ERP roll-out\s+Complaint .+ · ACME ERP roll-out$/s,
    );
    expect(await signal('fallingSatisfaction').innerText()).toMatch(/^Falling satisfaction\s+0\.3\s+1\.833 of 1 points lost\s+100%\s+0\.3\s+/);
    expect(await signal('fallingSatisfaction').getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Survey .+ · 4\.5 · ACME ERP roll-out$/),
      expect.stringMatching(/^Survey .+ · 2\.667 · ACME ERP roll-out$/),
    ]);
    expect(await signal('scheduleDeviations').innerText()).toMatch(
      /^Schedule deviations\s+0\.2\s+1 of 3 breaches\s+33\.3%\s+0\.067\s+.+Breach .+ · ACME CRM roll-out$/s,
    );
    expect(await signal('overdueActionItems').innerText()).toMatch(/^Overdue action items\s+0\.15\s+0 of 2 items\s+0%\s+0\s+.+nothing recorded$/s);
    expect(await signal('silence').innerText()).toMatch(/^Silence\s+0\.15\s+0 of 60 days\s+0%\s+0\s+/);
    // Each source links to its project.
    await signal('scheduleDeviations').getByRole('link', { name: 'ACME CRM roll-out' }).waitFor();
    expect(await signal('scheduleDeviations').getByRole('link', { name: 'ACME CRM roll-out' }).getAttribute('href')).toBe(`/app/projects/${projects.crm}`);
    await churn.screenshot({
      path: path.join(SCREENSHOTS, 'customer-churn.png'),
    });
  });

  it('speaks Simplified Chinese on the record', async () => {
    await pmPage.getByLabel('Language').selectOption('zh-CN');
    const churn = pmPage.getByTestId('churn-analysis');
    await churn.getByRole('heading', { name: '流失预警' }).waitFor();
    expect(await churn.getByTestId('churn-verdict').innerText()).toMatch(/^流失预警 · 56\.7%\s+分数 56\.7% 高于阈值 50%：该客户可能即将流失。$/);
    expect(await churn.locator('tr[data-signal="openComplaints"] th').innerText()).toBe('未关闭的投诉');
    await screenshot(pmPage, 'customer-record-zh-CN');
    await expectAccessible(pmPage, 'customer record in Chinese');
    await pmPage.getByLabel('语言').selectOption('en');
  });

  it('says politely that a QA member may read a profile but not change it', async () => {
    const { context, page } = await newPage(browser, accord);
    try {
      await page.goto(`/app/customers/${ACME.key}`);
      await signIn(page, QA.user);
      const profile = page.getByTestId('customer-profile');
      await profile.getByRole('button', { name: 'Edit the profile' }).click();
      await profile.getByLabel('Region').fill('apac');
      await profile.getByRole('button', { name: 'Save the profile' }).click();
      expect(await profile.getByTestId('profile-forbidden').innerText()).toBe(
        "You may read this profile but not change it: admins and the people who start this customer's projects may. Nothing was changed.",
      );
      await expectAccessible(page, 'profile form refused');
    } finally {
      await context.close();
    }
  });

  it('lets an admin import customers from CSV: every problem by line and column first, then a good file after a dry run', async () => {
    await adminPage.goto('/app/customers');
    await signIn(adminPage, ADMIN.user);
    await expectRows(adminPage, ['acme', 'globex']);
    await adminPage.getByRole('button', { name: 'Import customers' }).click();
    const dialog = adminPage.getByRole('dialog', {
      name: 'Import customers from a CSV file',
    });
    await dialog.getByLabel('CSV file').setInputFiles({
      name: 'customers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(BAD_CSV),
    });
    await dialog.getByRole('button', { name: 'Check the file (dry run)' }).click();
    const errors = dialog.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.locator('p').first().innerText()).toBe('Nothing was imported: the file has 1 problem.');
    expect(await errors.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^3\s+contactEmail\s+.*e-mail/)]);
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await screenshot(adminPage, 'customers-import-errors');
    await expectAccessible(adminPage, 'import dialog with errors');

    await dialog.getByLabel('CSV file').setInputFiles({
      name: 'customers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(GOOD_CSV),
    });
    await dialog.getByRole('button', { name: 'Check the file (dry run)' }).click();
    const outcome = dialog.getByTestId('import-outcome');
    await outcome.waitFor();
    expect(await outcome.locator('p').innerText()).toBe('Checked 3 rows, nothing written yet. An import would create 1, update 0 and leave 1 unchanged.');
    expect(await outcome.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^Initech initech\s+Created\s+.*Industry.*\s+2\s+2, 3$/),
      expect.stringMatching(/^ACME Manufacturing acme\s+Unchanged\s+—\s+1\s+4$/),
    ]);
    await screenshot(adminPage, 'customers-import-dry-run');
    // Nothing was written by the dry run.
    await expectRows(adminPage, ['acme', 'globex']);

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByTestId('import-done').waitFor();
    expect(await outcome.locator('p').innerText()).toBe('Imported 3 rows: 1 created, 0 updated, 1 unchanged.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const listed = await expectRows(adminPage, ['acme', 'globex', 'initech']);
    expect(listed[2]).toMatch(/^Initech initech\s+Class B · prospect\s+by contract value\s+No warning · \d+%\s+30,000\s+software\s+americas\s+0$/);
  });

  it('lets an admin change the churn threshold, with the API’s errors at their fields, and the list’s warning follows', async () => {
    expect(await rows(adminPage).first().innerText()).toContain('Churn warning');
    await adminPage.getByRole('link', { name: 'Analytics settings' }).click();
    await adminPage.getByRole('heading', { name: 'Customer analytics settings' }).waitFor();
    expect(await adminPage.getByTestId('settings-updated').innerText()).toBe('The defaults, never changed.');
    const valueA = adminPage.getByLabel('Class A from contract value');
    await valueA.fill('1000');
    await adminPage.getByLabel('Trend window (months)').fill('0');
    await adminPage.getByRole('button', { name: 'Save the settings' }).click();
    await adminPage.getByTestId('settings-invalid').waitFor();
    expect(await adminPage.getByTestId('error-trend.months').isVisible()).toBe(true);
    expect(await adminPage.getByLabel('Trend window (months)').getAttribute('aria-invalid')).toBe('true');
    await screenshot(adminPage, 'customer-analytics-settings-errors');
    await expectAccessible(adminPage, 'analytics settings with errors');

    // Each field right, the settings may still contradict each other: A's threshold below B's is named on A's field.
    await adminPage.getByLabel('Trend window (months)').fill('6');
    await adminPage.getByRole('button', { name: 'Save the settings' }).click();
    await adminPage.getByTestId('error-classification.valueThresholds.a').waitFor();
    expect(await adminPage.getByTestId('error-trend.months').count()).toBe(0);

    await valueA.fill('100000');
    await adminPage.getByLabel('Warn above score').fill('0.6');
    await adminPage.getByRole('button', { name: 'Save the settings' }).click();
    await adminPage.getByTestId('settings-saved').waitFor();
    expect(await adminPage.getByTestId('settings-updated').innerText()).toMatch(/^Last changed by ada, /);
    await screenshot(adminPage, 'customer-analytics-settings');

    await adminPage.goto('/app/customers?churnWarning=false');
    const acme = (await expectRows(adminPage, ['acme', 'globex', 'initech']))[0];
    expect(acme).toMatch(/No warning · 56\.7%/);
  });

  it('shows an auditor the settings to read, and tells a project manager they are for admins and auditors', async () => {
    const { context, page } = await newPage(browser, accord);
    try {
      await page.goto('/app/admin/customer-analytics');
      await signIn(page, 'otto');
      await page.getByTestId('settings-read-only').waitFor();
      expect(await page.getByLabel('Warn above score').inputValue()).toBe('0.6');
      expect(await page.getByLabel('Warn above score').getAttribute('readonly')).not.toBeNull();
      expect(await page.getByRole('button', { name: 'Save the settings' }).count()).toBe(0);
      await expectAccessible(page, 'analytics settings read by an auditor');
    } finally {
      await context.close();
    }
    await pmPage.goto('/app/admin/customer-analytics');
    expect(await pmPage.getByTestId('settings-forbidden').innerText()).toBe('Only admins and auditors may see the customer analytics settings.');
    const pmToken = accord.token(PM.user, PM.roles);
    expect((await accord.request('GET', '/settings/customer-analytics', { token: pmToken })).status).toBe(403);
    // Roles come before the body: even a well-formed body is refused.
    const settings = (await accord.request('GET', '/settings/customer-analytics', { token: accord.token(ADMIN.user, ADMIN.roles) })).body.settings;
    expect((await accord.request('PUT', '/settings/customer-analytics', { token: pmToken, body: settings })).status).toBe(403);
    expect((await accord.request('PUT', '/settings/customer-analytics', { token: pmToken, body: {} })).status).toBe(403);
    // Nor may a project manager import: no button, and the API refuses.
    await pmPage.goto('/app/customers');
    await expectRows(pmPage, ['acme', 'globex']);
    expect(await pmPage.getByRole('button', { name: 'Import customers' }).count()).toBe(0);
    const imported = await fetch(`${accord.baseUrl}/customers/import?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pmToken}`, 'content-type': 'text/csv' },
      body: GOOD_CSV,
    });
    expect(imported.status).toBe(403);
  });

  it('keeps a customer out of the customer pages', async () => {
    const { context, page } = await newPage(browser, accord);
    try {
      await page.goto('/app/customers');
      await signIn(page, CUSTOMER.user);
      expect(await page.getByTestId('customers-not-available').innerText()).toBe("Customer records are the company's own view and are not shown to customers.");
      expect(await page.getByRole('navigation', { name: /main/i }).getByRole('link', { name: 'Customers' }).count()).toBe(0);
      await screenshot(page, 'customers-not-for-customers');
      await expectAccessible(page, 'customer list refused to a customer');
      await page.goto(`/app/customers/${ACME.key}`);
      await page.getByTestId('customers-not-available').waitFor();
      expect(await page.getByText('ACME Manufacturing').count()).toBe(0);
      await page.goto('/app/admin/customer-analytics');
      expect(await page.getByTestId('settings-forbidden').innerText()).toBe('Only admins and auditors may see the customer analytics settings.');
      // And the API refuses them too.
      const token = accord.token(CUSTOMER.user, CUSTOMER.roles);
      expect((await accord.request('GET', `/customers/${ACME.key}`, { token })).status).toBe(404);
      expect((await accord.request('GET', '/settings/customer-analytics', { token })).status).toBe(403);
      const imported = await fetch(`${accord.baseUrl}/customers/import?dryRun=true`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'text/csv',
        },
        body: GOOD_CSV,
      });
      expect(imported.status).toBe(403);
    } finally {
      await context.close();
    }
  });
});
