import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AccordHarness, eventually } from '../support/accord-harness';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, seriousViolations, signIn } from './browser-session';

jest.setTimeout(120_000);

const PM = { user: 'paula', roles: ['pm'] };
const CUSTOMER = { user: 'carl', roles: ['customer'] };

/** One task for the project manager: done in a single request, so a project can end quickly. */
const QUICK_CHECK = `key: quick-check
name: Quick check
starters: [pm]
roles: { pm: {}, customer: { external: true } }
stages:
  - id: check
    steps:
      - { id: check, name: Check the delivery, type: task, assignee: { role: pm } }
`;

/**
 * The projects list: a project manager finds the projects they follow, narrows them by
 * status and name (kept in the address), pages on and opens one; a customer gets no list
 * link and sees only their own project. Projects are started through the HTTP API.
 */
describe('the projects list in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let pmPage: Page;
  let customerContext: BrowserContext;
  let customerPage: Page;
  let pmToken: string;
  const ids = new Map<string, string>();

  const start = async (body: Record<string, unknown>) => {
    const started = await accord.request('POST', '/projects', { token: pmToken, body });
    expect(started.status).toBe(201);
    ids.set(body.name as string, started.body.id);
    return started.body.id as string;
  };
  const visible = async (token: string) => (await accord.request('GET', '/projects?limit=100', { token })).body.total as number;

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    pmToken = accord.token(PM.user, PM.roles);
    await accord.publish('quick-check', QUICK_CHECK);
    await start({
      definitionKey: 'expectation-signoff',
      name: 'Globex CRM roll-out',
      team: 'erp-east',
      customer: { key: 'globex', name: 'Globex Corporation' },
      members: [{ user: CUSTOMER.user, role: 'customer' }],
    });
    await start({
      definitionKey: 'expectation-signoff',
      name: 'Initech payroll',
      team: 'erp-west',
      customer: { key: 'initech', name: 'Initech' },
      members: [{ user: 'cora', role: 'customer' }],
    });
    await start({ definitionKey: 'quick-check', name: 'Umbrella data migration', team: 'erp-east' });
    const done = await start({ definitionKey: 'quick-check', name: 'Stark warehouse scanners' });
    expect((await accord.completeStep(pmToken, done, 'check')).status).toBe(200);
    await eventually(async () => {
      const completed = await accord.request('GET', '/projects?status=completed', { token: pmToken });
      const all = await accord.request('GET', '/projects', { token: pmToken });
      const running = (all.body.items as { status: string; openTasks: number; currentStage: string | null }[]).filter((item) => item.status === 'running');
      return completed.body.total === 1 && all.body.total === 4 && running.every((item) => item.openTasks === 1 && item.currentStage) ? true : undefined;
    }, 'four projects, one of them completed, the others waiting on a task');
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
  const rows = (page: Page) => page.locator('table.projects tbody tr');
  const projectNames = async (page: Page) => (await rows(page).locator('th a').allInnerTexts()).sort();

  it('shows a project manager the projects they follow, each with its stage, open work and last change', async () => {
    await pmPage.goto('/app/');
    await signIn(pmPage, PM.user);
    await pmPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await pmPage.getByRole('heading', { name: 'Projects' }).waitFor();
    await rows(pmPage).first().waitFor();
    expect(await pmPage.getByTestId('projects-total').innerText()).toBe('4 projects');
    expect(await projectNames(pmPage)).toEqual(['Globex CRM roll-out', 'Initech payroll', 'Stark warehouse scanners', 'Umbrella data migration']);
    // The project that changed last (its task was done) comes first.
    expect(await rows(pmPage).first().locator('th').innerText()).toBe('Stark warehouse scanners');
    const globex = rows(pmPage).filter({ hasText: 'Globex CRM roll-out' });
    const cells = await globex.locator('td').allInnerTexts();
    expect(cells.slice(0, 7)).toEqual(['expectation-signoff@1', 'Running', 'erp-east', 'Globex Corporation', 'set', '1', '0']);
    // en-GB writes dates day first: "2 Dec 2026, 08:40".
    expect(cells[7]).toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/);
    await screenshot(pmPage, 'projects-list');
    await expectAccessible(pmPage, 'projects list');
  });

  it('narrows the list by status and by name, keeping the filters in the address', async () => {
    const filters = pmPage.getByRole('form', { name: 'Project filters' });
    await filters.getByLabel('Status').selectOption('completed');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await pmPage.waitForURL(/[?&]status=completed/);
    await pmPage.getByTestId('projects-total').getByText('1 project').waitFor();
    expect(await projectNames(pmPage)).toEqual(['Stark warehouse scanners']);

    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await pmPage.getByTestId('projects-total').getByText('4 projects').waitFor();
    await filters.getByLabel('Search names').fill('GLOBEX');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await pmPage.waitForURL(/[?&]q=GLOBEX/);
    await pmPage.getByTestId('projects-total').getByText('1 project').waitFor();
    // A link to the filtered list opens it filtered.
    await pmPage.reload();
    await pmPage.getByTestId('projects-total').getByText('1 project').waitFor();
    expect(await projectNames(pmPage)).toEqual(['Globex CRM roll-out']);
    expect(await pmPage.getByRole('form', { name: 'Project filters' }).getByLabel('Search names').inputValue()).toBe('GLOBEX');
  });

  it('says so when nothing matches, and offers to clear the filters', async () => {
    await pmPage.goto('/app/projects?q=no-such-project&team=erp-east');
    const empty = pmPage.getByTestId('projects-empty');
    await empty.getByText('No projects match these filters.').waitFor();
    await expectAccessible(pmPage, 'projects list, nothing matches');
    await empty.getByRole('button', { name: 'Clear filters' }).click();
    await pmPage.getByTestId('projects-total').getByText('4 projects').waitFor();
    expect(new URL(pmPage.url()).search).toBe('');
  });

  it("opens a project's page from its name", async () => {
    await pmPage.goto('/app/projects?team=erp-east');
    await pmPage.getByRole('link', { name: 'Umbrella data migration' }).click();
    await pmPage.waitForURL(`**/app/projects/${ids.get('Umbrella data migration')}`);
    await pmPage.getByRole('heading', { name: 'Umbrella data migration' }).waitFor();
  });

  it('loads the next page by its cursor, with no project twice', async () => {
    for (let batch = 0; batch < 3; batch++) {
      await Promise.all(Array.from({ length: 8 }, (_, index) => start({ definitionKey: 'quick-check', name: `Batch ${batch}-${index} rollout` })));
    }
    await eventually(async () => ((await visible(pmToken)) === 28 ? true : undefined), 'all 28 projects');
    await pmPage.goto('/app/projects?sort=name');
    await pmPage.getByTestId('projects-total').getByText('28 projects').waitFor();
    expect(await rows(pmPage).count()).toBe(25);
    await pmPage.getByRole('button', { name: 'Load more' }).click();
    await rows(pmPage).nth(27).waitFor();
    const names = await rows(pmPage).locator('th a').allInnerTexts();
    expect(names).toHaveLength(28);
    expect(new Set(names).size).toBe(28);
    // Sorted by name: the batch first, the page boundary falling between Globex and Initech.
    expect(names.slice(0, 24).every((name) => name.startsWith('Batch '))).toBe(true);
    expect(names.slice(24)).toEqual(['Globex CRM roll-out', 'Initech payroll', 'Stark warehouse scanners', 'Umbrella data migration']);
    expect(await pmPage.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('gives a customer no projects link, and shows them only their own project', async () => {
    await customerPage.goto('/app/');
    await signIn(customerPage, CUSTOMER.user);
    await customerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My portal' }).waitFor();
    expect(await customerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).count()).toBe(0);
    // Typed into the address, the list still holds only what the customer may read.
    await customerPage.goto('/app/projects');
    await customerPage.getByTestId('projects-total').getByText('1 project').waitFor();
    expect(await projectNames(customerPage)).toEqual(['Globex CRM roll-out']);
    expect(await customerPage.getByText('Initech payroll').count()).toBe(0);
  });

  it('speaks Simplified Chinese, with dates written the Chinese way', async () => {
    await pmPage.goto('/app/projects?team=erp-east');
    await pmPage.getByLabel('Language').selectOption('zh-CN');
    await pmPage.getByRole('heading', { name: '项目' }).waitFor();
    await pmPage.getByTestId('projects-total').getByText('共 2 个项目').waitFor();
    await pmPage.getByRole('columnheader', { name: '最近变更' }).waitFor();
    expect(await rows(pmPage).first().locator('time').innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await rows(pmPage).filter({ hasText: 'Globex CRM roll-out' }).innerText()).toContain('进行中');
    await screenshot(pmPage, 'projects-list-zh-CN');
    await expectAccessible(pmPage, 'projects list in Chinese');
    await pmPage.getByLabel('语言').selectOption('en');
  });
});
