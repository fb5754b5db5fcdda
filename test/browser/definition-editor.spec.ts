import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AccordHarness, eventually } from '../support/accord-harness';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, seriousViolations, signIn, watchPageTrouble } from './browser-session';

jest.setTimeout(180_000);

const ADMIN = { user: 'ada', roles: ['admin'] };
const PM = { user: 'paula', roles: ['pm'] };
const KEY = 'expectation-signoff';

/** Two stages; its v2 drops `first` and adds `third`: a project still in `first` cannot move, one in `second` can. */
const TWO_STAGES_V1 = `key: two-stages
name: Two stages
starters: [pm]
roles: { pm: {} }
stages:
  - id: first
    steps:
      - { id: draft, name: Draft the plan, type: task, assignee: { role: pm } }
  - id: second
    steps:
      - { id: review, name: Review the plan, type: task, assignee: { role: pm } }
`;
const TWO_STAGES_V2 = `key: two-stages
name: Two stages
starters: [pm]
roles: { pm: {} }
stages:
  - id: second
    steps:
      - { id: review, name: Review the plan, type: task, assignee: { role: pm } }
  - id: third
    steps:
      - { id: close, name: Close the plan, type: task, assignee: { role: pm } }
`;

/**
 * The definition editor: an administrator edits a copy of a shipped definition in Monaco,
 * sees the API's errors at their lines (markers and a list), fixes them, compares the draft
 * with the last version, publishes it and starts a project on it; moves running projects to
 * a newer version, each refusal with its reasons. A project manager is refused, by the pages
 * and by the API.
 */
describe('the definition editor in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let adminContext: BrowserContext;
  let adminPage: Page;
  let pmContext: BrowserContext;
  let pmPage: Page;
  let adminToken: string;
  let adminPageTrouble: () => string;
  let pmToken: string;
  let shipped: string;

  const startProject = async (definitionKey: string, name: string) => {
    const members = definitionKey === KEY ? [{ user: 'carl', role: 'customer' }] : [];
    const started = await accord.request('POST', '/projects', { token: pmToken, body: { definitionKey, name, members } });
    if (started.status !== 201) throw new Error(`Starting ${name} failed: ${JSON.stringify(started.body)}`);
    return started.body as { id: string; definition: { key: string; version: number } };
  };

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    adminToken = accord.token(ADMIN.user, ADMIN.roles);
    pmToken = accord.token(PM.user, PM.roles);
    shipped = (await accord.request('GET', `/definitions/${KEY}/versions/1`, { token: adminToken })).body.source;
    await startProject(KEY, 'Hooli expectations');
    browser = await launchChromium();
    ({ context: adminContext, page: adminPage } = await newPage(browser, accord));
    adminPageTrouble = watchPageTrouble(adminPage);
    // The editor's text is replaced by pasting it.
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write']);
    ({ context: pmContext, page: pmPage } = await newPage(browser, accord));
    // Building the web app (Monaco included) can take minutes on a busy machine.
  }, 600_000);

  afterAll(async () => {
    await pmContext?.close();
    await adminContext?.close();
    await browser?.close();
    await accord?.stop();
  });

  async function expectAccessible(page: Page, what: string): Promise<void> {
    expect({ page: what, violations: await seriousViolations(page) }).toEqual({ page: what, violations: [] });
  }
  const card = (page: Page, key: string) => page.locator(`[data-definition-key="${key}"]`);
  /** Replaces the whole text of the editor by pasting it (typed, Monaco would indent each new line on top of the text's own). */
  async function replaceText(page: Page, text: string): Promise<void> {
    // A string: the tests' TypeScript has no DOM types.
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
    await page.getByTestId('yaml-editor').locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('ControlOrMeta+v');
  }

  it('lists each definition with its versions, whether a draft exists, and the projects running on each version', async () => {
    await adminPage.goto('/app/');
    await signIn(adminPage, ADMIN.user);
    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Definitions' }).click();
    await adminPage.getByRole('heading', { name: 'Process definitions', level: 1 }).waitFor();
    const signoff = card(adminPage, KEY);
    await signoff.getByRole('heading', { name: /Expectation sign-off/ }).waitFor();
    expect(await signoff.getByTestId('definition-draft').innerText()).toBe('No draft');
    const v1 = signoff.locator('tr[data-version="1"]');
    expect(await v1.locator('th').innerText()).toBe('v1');
    expect(await v1.locator('td').first().innerText()).toBe('Published');
    expect(await v1.locator('td.number').innerText()).toBe('1');
    await screenshot(adminPage, 'definitions-list');
    await expectAccessible(adminPage, 'definitions list');
  });

  it("opens the latest version in the editor, and explains a field on hover from the definitions' JSON Schema", async () => {
    await card(adminPage, KEY).getByRole('link', { name: 'Edit Expectation sign-off' }).click();
    await adminPage.getByRole('heading', { name: 'Edit Expectation sign-off' }).waitFor();
    await adminPage.getByTestId('yaml-editor').locator('.view-lines').waitFor();
    await adminPage.getByTestId('definition-problems-summary').getByText('No problems found.').waitFor();
    expect(await adminPage.getByTestId('save-state').innerText()).toBe('No draft saved');
    // monaco-yaml's worker answers from process-definition.schema.json (its description of `starters`).
    // The mouse over the key's first letters, as a person points at it, whatever spans Monaco draws it in.
    const starters = adminPage
      .getByTestId('yaml-editor')
      .locator('.view-line')
      .filter({ hasText: /^starters:/ });
    const explanation = adminPage.locator('.monaco-hover').getByText('Roles allowed to start a project');
    // In two full runs under load the explanation never came (cause not yet known): a person then points again, and so does the test.
    let attempts = 0;
    const pointed = async () => {
      attempts += 1;
      await adminPage.mouse.move(0, 0);
      await starters.hover({ position: { x: 12, y: 8 }, timeout: 10_000 });
      await explanation.waitFor({ timeout: 10_000 });
      return true;
    };
    await eventually(() => pointed().catch(() => undefined), 'the explanation of `starters` on hover', 90_000).catch(async (error: Error) => {
      const lines = await adminPage
        .getByTestId('yaml-editor')
        .locator('.view-line')
        .evaluateAll((found) => found.slice(0, 12).map((line) => line.innerHTML));
      throw new Error(`${error.message} after ${attempts} attempts; the editor's first lines: ${lines.join('\n')}; ${adminPageTrouble()}`);
    });
    // A missed first hover is said, with what the page reported, so that its cause can be found.
    if (attempts > 1) console.warn(`the hover's explanation came at attempt ${attempts}; ${adminPageTrouble()}`);
    await screenshot(adminPage, 'definition-editor-hover');
  });

  it('marks an unknown role at its line, in the editor and in the list of problems', async () => {
    const broken = shipped.replace('assignee: { role: pm }', 'assignee: { role: reviewer }');
    const line = broken.split('\n').findIndex((text) => text.includes('role: reviewer')) + 1;
    await replaceText(adminPage, broken);
    await adminPage.getByTestId('definition-problems-summary').getByText('1 problem').waitFor();
    const problem = adminPage.getByTestId('definition-problems').locator('tbody tr');
    expect(await problem.getAttribute('data-line')).toBe(String(line));
    const cells = await problem.locator('td').allInnerTexts();
    expect(cells[0]).toMatch(new RegExp(`^Line ${line}, column \\d+$`));
    expect(cells[1]).toBe('UNKNOWN_ROLE');
    expect(cells[2]).toBe('stages[0].steps[0].assignee.role');
    expect(cells[3]).toContain('reviewer');
    // The marker: a squiggle in the editor, on that line.
    expect(await adminPage.getByTestId('yaml-editor').getAttribute('data-marker-lines')).toBe(String(line));
    await adminPage.getByTestId('yaml-editor').locator('.squiggly-error').first().waitFor();
    expect(await adminPage.getByTestId('save-state').innerText()).toBe('Unsaved changes');
    await screenshot(adminPage, 'definition-editor-error');
    await expectAccessible(adminPage, 'definition editor with an error');
  });

  it('asks before leaving with unsaved changes', async () => {
    const questions: string[] = [];
    adminPage.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await adminPage.getByRole('link', { name: 'Process definitions' }).click();
    expect(questions).toEqual(['The draft has unsaved changes. Leave anyway?']);
    await adminPage.getByRole('heading', { name: 'Edit Expectation sign-off' }).waitFor();
    expect(new URL(adminPage.url()).pathname).toBe(`/app/admin/definitions/${KEY}/edit`);
  });

  it('saves the fixed draft, and shows what changed against the last version, as text and as a list', async () => {
    const fixed = shipped.replace("name: Record the customer's expectations", 'name: Record what the customer expects');
    await replaceText(adminPage, fixed);
    await adminPage.getByTestId('definition-problems-summary').getByText('No problems found.').waitFor();
    await adminPage.getByRole('button', { name: 'Save draft' }).click();
    await adminPage.getByTestId('save-state').getByText('Saved', { exact: true }).waitFor();
    expect((await accord.request('GET', `/definitions/${KEY}/draft`, { token: adminToken })).body.source).toBe(fixed);
    await screenshot(adminPage, 'definition-editor-saved');

    await adminPage.getByRole('link', { name: 'Compare the draft with v1' }).click();
    await adminPage.getByRole('heading', { name: 'Compare versions of Expectation sign-off' }).waitFor();
    const changes = adminPage.getByTestId('structural-diff').locator('li');
    await changes.first().waitFor();
    expect(await changes.allInnerTexts()).toEqual([expect.stringMatching(/^Changed stages\.set\.steps\.record — .*Record what the customer expects/)]);
    const diff = adminPage.getByTestId('yaml-diff-editor');
    await diff.locator('.editor.original .view-lines').waitFor();
    await diff.locator('.editor.modified').getByText('Record what the customer expects').waitFor();
    await screenshot(adminPage, 'definition-diff');
    await expectAccessible(adminPage, 'definition diff');
  });

  it('keeps the names of the two sides for screen readers when the window narrows to one column and widens again', async () => {
    // Monaco's diff editor re-applies its options to both sides whenever its layout switches,
    // and blanks their text areas' labels in doing so: this once failed the accessibility check
    // above when the switch came late.
    const diff = adminPage.getByTestId('yaml-diff-editor');
    const sideLabels = () => diff.locator('textarea').evaluateAll((areas) => areas.map((area) => area.getAttribute('aria-label')));
    try {
      await adminPage.setViewportSize({ width: 760, height: 900 });
      await diff.locator('.monaco-diff-editor:not(.side-by-side)').waitFor();
      await adminPage.setViewportSize({ width: 1280, height: 900 });
      await diff.locator('.monaco-diff-editor.side-by-side').waitFor();
    } finally {
      await adminPage.setViewportSize({ width: 1280, height: 900 });
    }
    expect(await sideLabels()).toEqual(['v1', 'the draft']);
    await expectAccessible(adminPage, 'definition diff, widened again');
  });

  it('publishes the draft, and a project then starts on the new version', async () => {
    await adminPage.getByRole('button', { name: 'Publish the draft' }).click();
    await adminPage.getByTestId('publish-done').getByText(`Published ${KEY} v2. New projects start on it.`).waitFor();
    // Now between the two versions.
    await adminPage.waitForURL(/to=2/);
    await adminPage.getByTestId('publish-done').getByRole('link', { name: 'Start a project' }).click();
    await adminPage.getByRole('heading', { name: 'Start a project' }).waitFor();
    await adminPage.getByRole('option', { name: /expectation-signoff v2/ }).waitFor({ state: 'attached' });
    const project = await startProject(KEY, 'Pied Piper expectations');
    expect(project.definition).toEqual(expect.objectContaining({ key: KEY, version: 2 }));
  });

  it("shows the API's refusal when the draft is the same as the last version", async () => {
    const published = (await accord.request('GET', `/definitions/${KEY}/versions/2`, { token: adminToken })).body.source;
    expect((await accord.request('PUT', `/definitions/${KEY}/draft`, { token: adminToken, body: { source: published } })).status).toBe(200);
    await adminPage.goto(`/app/admin/definitions/${KEY}/edit`);
    await adminPage.getByTestId('save-state').getByText('Saved', { exact: true }).waitFor();
    await adminPage.getByRole('button', { name: 'Publish the draft' }).click();
    await adminPage.getByTestId('publish-refused').getByText(`Not published: The draft is identical to ${KEY} v2`).waitFor();
    expect((await accord.request('DELETE', `/definitions/${KEY}/draft`, { token: adminToken })).status).toBe(204);
  });

  it('deprecates a version: the list says so, and no project starts on it', async () => {
    await adminPage.goto('/app/admin/definitions');
    const v1 = card(adminPage, KEY).locator('tr[data-version="1"]');
    adminPage.once('dialog', (dialog) => void dialog.accept());
    await v1.getByRole('button', { name: 'Deprecate v1' }).click();
    await v1.getByText('Deprecated').waitFor();
    const refused = await accord.request('POST', '/projects', {
      token: pmToken,
      body: { definitionKey: KEY, definitionVersion: 1, name: 'Too late', members: [{ user: 'carl', role: 'customer' }] },
    });
    expect(refused.status).toBe(409);
  });

  it('moves the running projects of an older version one by one, each refusal with its reasons', async () => {
    await accord.publish('two-stages', TWO_STAGES_V1);
    await startProject('two-stages', 'Early project');
    const later = await startProject('two-stages', 'Later project');
    expect((await accord.completeStep(pmToken, later.id, 'draft')).status).toBe(200);
    await eventually(async () => {
      const listed = await accord.request('GET', `/projects?definition=two-stages&definitionVersion=1&status=running`, { token: adminToken });
      const stages = (listed.body.items as { name: string; currentStage: string }[]).map((item) => `${item.name}:${item.currentStage}`).sort();
      return stages.join() === 'Early project:first,Later project:second' ? true : undefined;
    }, 'the later project in its second stage');
    await accord.publish('two-stages', TWO_STAGES_V2);

    await adminPage.goto('/app/admin/definitions');
    await card(adminPage, 'two-stages').getByRole('link', { name: 'Move running projects of Two stages' }).click();
    await adminPage.getByRole('heading', { name: 'Move running projects of Two stages' }).waitFor();
    const rows = adminPage.locator('table.migrate-list tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.locator('th').allInnerTexts()).toEqual(['Early project', 'Later project']);
    await adminPage.getByRole('checkbox', { name: 'Select every project' }).check();
    await adminPage.getByRole('button', { name: 'Move 2 projects to v2' }).click();
    await adminPage.getByTestId('migrate-summary').getByText('1 moved, 1 refused.').waitFor();
    const earlyOutcome = rows.filter({ hasText: 'Early project' }).getByTestId('migrate-outcome');
    expect(await earlyOutcome.innerText()).toContain('Refused');
    expect(await earlyOutcome.locator('li').allInnerTexts()).toEqual(['stage "first", running now, is not in v2']);
    expect(await rows.filter({ hasText: 'Later project' }).getByTestId('migrate-outcome').innerText()).toBe('Moves to v2 after stage second');
    await screenshot(adminPage, 'definition-migrate');
    await expectAccessible(adminPage, 'migrating projects');
  });

  it('refuses a project manager: the pages say so, and the API answers 403', async () => {
    await pmPage.goto('/app/');
    await signIn(pmPage, PM.user);
    expect(await pmPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Definitions' }).count()).toBe(0);
    for (const path of [
      '/app/admin/definitions',
      `/app/admin/definitions/${KEY}/edit`,
      '/app/admin/definitions/new',
      `/app/admin/definitions/${KEY}/migrate`,
    ]) {
      await pmPage.goto(path);
      await pmPage.getByTestId('definitions-refused').waitFor();
    }
    expect(await pmPage.getByTestId('definitions-refused').innerText()).toBe('Only administrators may edit process definitions.');
    expect(await pmPage.getByTestId('yaml-editor').count()).toBe(0);
    await screenshot(pmPage, 'definition-editor-refused');
    await expectAccessible(pmPage, 'definition editor refused');

    const calls: [string, string, unknown?][] = [
      ['GET', '/definitions'],
      ['POST', '/definitions/validate', { source: shipped }],
      ['GET', `/definitions/${KEY}/draft`],
      ['PUT', `/definitions/${KEY}/draft`, { source: shipped }],
      ['POST', `/definitions/${KEY}/draft/publish`],
      ['GET', `/definitions/${KEY}/draft/diff?from=1`],
      ['POST', `/definitions/${KEY}/versions/2/deprecate`],
    ];
    for (const [method, path, body] of calls) {
      expect({ method, path, status: (await accord.request(method, path, { token: pmToken, body })).status }).toEqual({ method, path, status: 403 });
    }
  });

  it('starts a new definition from a copy of a shipped one', async () => {
    await adminPage.goto('/app/admin/definitions/new');
    await adminPage.getByRole('heading', { name: 'New definition' }).waitFor();
    await adminPage.getByLabel('Key').fill('signoff-copy');
    await adminPage.getByLabel('Start from').selectOption(KEY);
    await adminPage.getByRole('button', { name: 'Open the editor' }).click();
    await adminPage.waitForURL(/\/admin\/definitions\/signoff-copy\/edit\?from=expectation-signoff/);
    await adminPage.getByText(`A new definition, copied from ${KEY}.`).waitFor();
    await adminPage.getByTestId('definition-problems-summary').getByText('No problems found.').waitFor();
    await adminPage.getByRole('button', { name: 'Save draft' }).click();
    await adminPage.getByTestId('save-state').getByText('Saved', { exact: true }).waitFor();
    const draft = await accord.request('GET', '/definitions/signoff-copy/draft', { token: adminToken });
    expect(draft.body.source).toContain('key: signoff-copy');
    await screenshot(adminPage, 'definition-new-copy');
    await expectAccessible(adminPage, 'new definition editor');
  });
});
