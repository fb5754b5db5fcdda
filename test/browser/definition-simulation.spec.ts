import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AccordHarness } from '../support/accord-harness';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, SCREENSHOTS, screenshot, seriousViolations, signIn } from './browser-session';

jest.setTimeout(300_000);

const KEY = 'customer-review';
const REVIEW_STAGES = ['requirement-analysis', 'solution-review', 'contract-review', 'progress-review', 'feedback-review'];

/**
 * Issue 15 point 3: an administrator tries the text in the definition editor before publishing
 * it. The server simulates it as a job; the page shows its progress by simulated day, then its
 * timeline as a chart by date and its KPIs; a script that does not fit is refused at once with
 * its paths; a running simulation can be cancelled.
 */
describe('simulating a draft from the definition editor', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    await accord.hostSimulations();
    browser = await launchChromium();
    ({ context, page } = await newPage(browser, accord));
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await accord?.stop();
  });

  const simulation = () => page.getByTestId('simulation');
  const months = () => simulation().getByLabel('Months to simulate');

  it('shows the progress of the simulation, then its timeline as a chart by date, its KPIs and the answers refused', async () => {
    await page.goto(`/app/admin/definitions/${KEY}/edit`);
    await signIn(page, 'ada');
    await page.getByRole('heading', { name: 'Edit Customer review procedure' }).waitFor();
    await page.getByTestId('definition-problems-summary').getByText('No problems found.').waitFor();
    await simulation().getByRole('heading', { name: 'Try it before publishing' }).waitFor();
    await simulation().locator('summary', { hasText: 'Actors script' }).click();
    expect(await simulation().getByLabel('Actors script').inputValue()).toContain('people:');
    await months().fill('4');
    await simulation().getByRole('button', { name: 'Simulate' }).click();

    await simulation()
      .getByText(/^Simulating: day \d+ of 122$/)
      .waitFor({ timeout: 60_000 });
    expect(Number(await simulation().getByRole('progressbar', { name: 'Simulation progress' }).getAttribute('max'))).toBe(122);
    await screenshot(page, 'definition-simulation-progress');

    const result = simulation().getByTestId('simulation-result');
    await result.waitFor({ timeout: 240_000 });
    expect(await result.locator('.simulation-outcome strong').innerText()).toMatch(/^The project completed on day \d+\.$/);
    expect(await result.locator('.simulation-outcome .muted').innerText()).toContain('dates in Asia/Shanghai');

    const chart = result.getByTestId('simulation-chart');
    for (const stage of REVIEW_STAGES) {
      const row = chart.locator(`g.simulation-row[data-stage="${stage}"]`);
      expect({ stage, label: await row.locator('text.row-label').textContent(), bars: await row.locator('rect.stage-run').count() }).toEqual({
        stage,
        label: stage,
        bars: 1,
      });
    }
    // The churn warning (a second open complaint, day 63 of the shipped script) starts retention: its row and its mark.
    expect(await chart.locator('g.simulation-row[data-stage="retention"] rect.stage-run').count()).toBe(1);
    expect(await chart.locator('circle.mark-churn-warning').count()).toBe(1);
    expect(await chart.locator('circle.mark-meeting').count()).toBeGreaterThan(5);
    // Dates on the axis are in the definition's zone, month first ("Dec 9").
    expect(await chart.locator('g.axis-tick text').first().textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2}$|^[A-Z][a-z]{2} \d{1,2}$/);
    expect(await chart.getByText('Churn warning').count()).toBeGreaterThan(0);

    const kpis = result.getByTestId('simulation-kpis');
    await kpis.getByText('Goals set').waitFor();
    await kpis.getByText('Customer at the end').waitFor();
    // The answers the engine refused are the job's, one line each.
    const [job] = (await accord.request('GET', '/simulations', { token: accord.token('ada', ['admin']) })).body;
    const refused = await result.locator('.simulation-refused li').allInnerTexts();
    expect(refused).toEqual(
      job.report.refused.map((refusal: { day: number; stepId: string }) => expect.stringMatching(new RegExp(`^Day ${refusal.day}, step ${refusal.stepId}: `))),
    );
    await screenshot(page, 'definition-simulation-result');
    await result.screenshot({ path: path.join(SCREENSHOTS, 'definition-simulation-chart.png') });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a script that does not fit the definition at once, naming the path of each problem', async () => {
    await simulation().getByLabel('Actors script').fill('people: { sales: sam }\ntasks:\n  no-such-step: { data: {} }\n');
    await simulation().getByRole('button', { name: 'Simulate' }).click();
    const refusal = simulation().getByRole('alert');
    await refusal.getByText('The script cannot be simulated').waitFor();
    expect(await refusal.locator('li code').allInnerTexts()).toContain('script.tasks.no-such-step');
    await screenshot(page, 'definition-simulation-refused');
  });

  it('cancels a running simulation', async () => {
    // Away and back, as a person would: the page finds the last simulation again.
    await page.getByRole('link', { name: 'Process definitions' }).click();
    await page.locator(`[data-definition-key="${KEY}"]`).getByRole('link', { name: 'Edit Customer review procedure' }).click();
    await page.getByRole('heading', { name: 'Edit Customer review procedure' }).waitFor();
    await page.getByTestId('definition-problems-summary').getByText('No problems found.').waitFor();
    // Back on the page, the last simulation is shown again.
    await simulation().getByTestId('simulation-result').waitFor();
    await simulation().getByRole('button', { name: 'Simulate' }).click();
    await simulation()
      .getByText(/^Simulating: day \d+ of 183$/)
      .waitFor({ timeout: 60_000 });
    await simulation().getByRole('button', { name: 'Cancel' }).click();
    await simulation().getByText('The simulation was cancelled.').waitFor();
    const [latest] = (await accord.request('GET', '/simulations', { token: accord.token('ada', ['admin']) })).body;
    expect(latest).toMatchObject({ definitionKey: KEY, status: 'cancelled', report: null });
  });
});
