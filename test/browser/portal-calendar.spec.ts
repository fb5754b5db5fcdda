import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { AccordHarness, eventually } from '../support/accord-harness';
import { enableLocalSignIn, ensureWebAppBuilt, launchChromium, newPage, screenshot, seriousViolations, signIn } from './browser-session';

jest.setTimeout(120_000);

const PM = { user: 'paula', roles: ['pm'] };
const CUSTOMER = { user: 'carl', roles: ['customer'] };
/** A title with the characters iCalendar text must escape. */
const TITLE = 'Kick-off; scope, dates';

// The customer's task first: the portal knows a customer's projects through their tasks. Then one meeting they are invited to.
const MEETING_DEFINITION = `key: portal-calendar
name: Portal calendar
starters: [pm]
roles: { pm: { name: Project manager }, customer: { name: Customer contact, external: true } }
stages:
  - id: handover
    steps:
      - { id: confirm-contact, name: Confirm your contact for the project, type: task, assignee: { role: customer } }
      - { id: kickoff, type: meeting, title: "${TITLE}", organizer: { role: pm }, attendees: [ { role: pm }, { role: customer } ], agenda: [Scope, Dates] }
`;

/** The content lines of a calendar file, continuation lines joined back (RFC 5545 §3.1). */
const contentLines = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');
const utc = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Issue 12, point 6: the customer takes a meeting they are invited to into their own calendar. */
describe('a meeting from the customer portal into a calendar', () => {
  let accord: AccordHarness;
  let browser: Browser;
  let page: Page;
  let meeting: { title: string; scheduledAt: string };

  beforeAll(async () => {
    ensureWebAppBuilt();
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
    enableLocalSignIn(accord);
    await accord.publish('portal-calendar', MEETING_DEFINITION);
    const pmToken = accord.token(PM.user, PM.roles);
    const started = await accord.request('POST', '/projects', {
      token: pmToken,
      body: { definitionKey: 'portal-calendar', name: 'ACME ERP roll-out', members: [{ user: CUSTOMER.user, role: 'customer' }] },
    });
    expect(started.status).toBe(201);
    expect((await accord.completeStep(accord.token(CUSTOMER.user, CUSTOMER.roles), started.body.id, 'confirm-contact')).status).toBe(200);
    meeting = await eventually(
      async () => (await accord.request('GET', `/projects/${started.body.id}/meetings`, { token: pmToken })).body.items?.[0],
      'the kick-off to be scheduled',
    );
    browser = await launchChromium();
    ({ page } = await newPage(browser, accord));
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.stop();
  });

  it('downloads the meeting as an .ics file with its title and start time', async () => {
    await page.goto('/app/portal');
    await signIn(page, CUSTOMER.user);
    const add = page.getByTestId('portal-meetings').getByRole('button', { name: `Add ${TITLE} to your calendar (.ics)` });
    await add.waitFor({ timeout: 15_000 });
    await screenshot(page, 'portal-calendar');
    expect({ page: 'portal', violations: await seriousViolations(page) }).toEqual({ page: 'portal', violations: [] });

    const [download] = await Promise.all([page.waitForEvent('download'), add.click()]);
    expect(download.suggestedFilename()).toMatch(/^kick-off-scope-dates-[\w-]{8}\.ics$/);
    const ics = fs.readFileSync(await download.path(), 'utf8');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = contentLines(ics);
    expect(lines).toContain('SUMMARY:Kick-off\\; scope\\, dates — ACME ERP roll-out');
    expect(meeting.title).toBe(TITLE);
    expect(lines).toContain(`DTSTART:${utc(meeting.scheduledAt)}`);
    expect(lines).toContain(`DTEND:${utc(new Date(Date.parse(meeting.scheduledAt) + 3_600_000).toISOString())}`);
    expect(lines.filter((line) => line.startsWith('UID:'))).toHaveLength(1);
  });
});
