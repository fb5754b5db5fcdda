import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AccordHarness, eventually } from '../support/accord-harness';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, seriousViolations, signIn } from './browser-session';

jest.setTimeout(120_000);

const PM = { user: 'paula', roles: ['pm'] };
const CUSTOMER = { user: 'carl', roles: ['customer'] };
/** Low, so the page can be shown telling when to try again. */
const FEEDBACK_LIMIT = 3;

/** The sign-off of expectations, with feedback and complaints followed up in a sub-process of their own. */
const WITH_FEEDBACK = `key: feedback-signoff
name: Sign-off with customer feedback
starters: [pm]
roles: { pm: {}, customer: { external: true } }
forms:
  summary: { type: object, required: [summary, priority], properties: { summary: { type: string, minLength: 3 }, priority: { type: string, enum: [low, normal, high] } } }
stages:
  - id: set
    steps:
      - { id: record, name: Record the customer's expectations, type: task, assignee: { role: pm }, form: summary }
      - { id: sign, name: Sign the expectations, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }
    on:
      - { signal: feedback, start: follow-up }
      - { signal: complaint, start: follow-up }
  - id: follow-up
    trigger: on-demand
    steps:
      - { id: resolve, name: Resolve the feedback, type: task, assignee: { role: pm } }
`;

interface FeedbackItem {
  channel: string;
  description: string;
  complaint: boolean;
  raisedBy: string;
}

/**
 * Issue 12: the customer's public feedback page, reached by a project's secret link without
 * an account, and the feedback form of the customer's portal.
 */
describe('customer feedback in a browser', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pmToken: string;
  let projectId: string;
  let token: string;

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true', ACCORD_FEEDBACK_LIMIT: String(FEEDBACK_LIMIT) });
    enableLocalSignIn(accord);
    pmToken = accord.token(PM.user, PM.roles);
    await accord.publish('feedback-signoff', WITH_FEEDBACK);
    const started = await accord.request('POST', '/projects', {
      token: pmToken,
      body: {
        definitionKey: 'feedback-signoff',
        name: 'Soylent ordering',
        members: [
          { user: PM.user, role: 'pm' },
          { user: CUSTOMER.user, role: 'customer' },
        ],
      },
    });
    expect(started.status).toBe(201);
    projectId = started.body.id;
    // Minted by an admin: a project manager manages the team only where the definition lets pm start it and they are a member.
    const link = await accord.request('POST', `/projects/${projectId}/feedback-link`, { token: accord.token('ada', ['admin']) });
    expect(link.status).toBe(201);
    token = link.body.token;
    browser = await launchChromium();
    ({ context, page } = await newPage(browser, accord));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await accord?.stop();
  });

  async function expectAccessible(what: string, on: Page = page): Promise<void> {
    expect({ page: what, violations: await seriousViolations(on) }).toEqual({ page: what, violations: [] });
  }

  const feedback = async () => (await accord.request('GET', `/projects/${projectId}/feedback`, { token: pmToken })).body.items as FeedbackItem[];

  it('takes feedback through the public link without a session, the API’s 400 shown on its field', async () => {
    await page.goto(`/app/feedback/${token}`);
    await page.getByRole('heading', { name: 'Your feedback' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/feedback/${token}`);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await expectAccessible('public feedback');

    // Nothing written: the API refuses, and says so on the description.
    await page.getByRole('button', { name: 'Send feedback' }).click();
    const description = page.getByLabel('What would you like to tell us?');
    await page.locator('.field-error').first().waitFor();
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'public-feedback-invalid');

    await description.fill('The delivery notes arrive a day late');
    await page.getByLabel('This is a complaint').check();
    await page.getByLabel('How can we reach you? (optional)').fill('carl@soylent.example');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('Thank you: your feedback was received and will be followed up.').waitFor();
    await screenshot(page, 'public-feedback');
    await expectAccessible('public feedback received');
    const items = await eventually(async () => {
      const all = await feedback();
      return all.length > 0 ? all : undefined;
    }, 'the feedback item');
    expect(items).toEqual([
      expect.objectContaining({ channel: 'online-form', description: 'The delivery notes arrive a day late', complaint: true, raisedBy: 'online-form' }),
    ]);
  });

  it('says an unknown link does not work any more', async () => {
    await page.goto('/app/feedback/not-a-token');
    await page.getByLabel('What would you like to tell us?').fill('Guessing links');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('This link does not work any more. Please ask your contact for a new one.').waitFor();
    await screenshot(page, 'public-feedback-link-gone');
    await expectAccessible('public feedback, link gone');
  });

  it('says when to try again once the hour’s limit is reached', async () => {
    await page.goto(`/app/feedback/${token}`);
    const tooMany = page.getByText(/Too much feedback was sent from here in the last hour\. Please try again after .+ \(in about \d+ min\)\./);
    // Two submissions went before (one through this link, one from this address): one more is allowed at most.
    for (let attempt = 0; attempt < FEEDBACK_LIMIT && (await tooMany.count()) === 0; attempt += 1) {
      await page.getByLabel('What would you like to tell us?').fill(`Once more (${attempt})`);
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await page.getByRole('status').or(page.getByRole('alert')).first().waitFor();
      await page.waitForTimeout(300);
    }
    await tooMany.waitFor();
    await screenshot(page, 'public-feedback-too-many');
    await expectAccessible('public feedback, too many');
  });

  it('takes feedback from the customer’s portal as the online form', async () => {
    expect((await accord.completeStep(pmToken, projectId, 'record', { data: { summary: 'Ordering online by May', priority: 'high' } })).status).toBe(200);
    const { context: customerContext, page: customerPage } = await newPage(browser, accord);
    try {
      await customerPage.goto('/app/portal');
      await signIn(customerPage, CUSTOMER.user);
      const form = customerPage.getByTestId('portal-feedback');
      await form.getByRole('combobox', { name: 'Project' }).waitFor({ timeout: 15_000 });
      await form.getByLabel('Your feedback').fill('Please send the weekly report on Mondays');
      await form.getByRole('button', { name: 'Send feedback' }).click();
      await form.getByText('Thank you: your feedback was received.').waitFor();
      await screenshot(customerPage, 'portal-feedback');
      await expectAccessible('portal with feedback sent', customerPage);
      await eventually(
        async () => (await feedback()).find((item) => item.raisedBy === CUSTOMER.user && item.channel === 'online-form'),
        'the portal feedback item',
      );
    } finally {
      await customerContext.close();
    }
  });
});
