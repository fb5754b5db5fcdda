import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AccordConfig } from '@accord/runtime';
import { AccordHarness } from '../support/accord-harness';
import { TestIdentityProvider } from '../support/oidc-provider';
import { ensureWebAppBuilt, launchChromium, screenshot, seriousViolations } from './browser-session';

jest.setTimeout(120_000);

const ACCORD_API = 'https://accord.example.test/api';
const WEB_CLIENT = { clientId: 'accord-web', clientSecret: 'a-web-client-secret-for-this-spec' };
const PROJECT = 'Harbour crane refit';

/**
 * Issue 14, point 4, in Debian's Chromium: a person of the company's identity provider signs in
 * to the web app there and comes back signed in, with the roles the provider gave them. The
 * browser reaches Accord as `localhost` and the provider as `127.0.0.1`: two sites, as a
 * company's provider and Accord are, so the cookies' SameSite rules are what a person meets.
 */
describe('signing in to the web app at the identity provider', () => {
  let provider: TestIdentityProvider;
  let accord: AccordHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let appUrl: string;
  let projectId: string;

  beforeAll(async () => {
    ensureWebAppBuilt();
    provider = await TestIdentityProvider.start({ paula: ['pm'] });
    accord = await AccordHarness.start({
      ACCORD_OIDC_ISSUER: provider.issuer,
      ACCORD_OIDC_AUDIENCE: ACCORD_API,
      ACCORD_OIDC_USER_CLAIM: 'preferred_username',
      ACCORD_OIDC_ROLES_CLAIM: 'realm_access.roles',
      ACCORD_OIDC_CLIENT_ID: WEB_CLIENT.clientId,
      ACCORD_OIDC_CLIENT_SECRET: WEB_CLIENT.clientSecret,
      ACCORD_OIDC_PROVIDER_NAME: 'Acme ID',
      // The harness picks the API's port when it listens: the real address is set below.
      ACCORD_PUBLIC_URL: 'http://localhost',
    });
    appUrl = accord.baseUrl.replace('127.0.0.1', 'localhost');
    Object.assign(accord.app.get(AccordConfig), { ACCORD_PUBLIC_URL: appUrl });
    provider.allowWebClient({ ...WEB_CLIENT, redirectUri: `${appUrl}/auth/oidc/callback` });

    // A project paula (pm at the provider) started, with her task in it.
    const token = await provider.accessToken('paula', { resource: ACCORD_API });
    const started = await accord.request('POST', '/projects', { token, body: { definitionKey: 'expectation-signoff', name: PROJECT } });
    expect(started.status).toBe(201);
    projectId = started.body.id;
    await accord.taskOf(token, projectId, 'record');

    browser = await launchChromium();
    context = await browser.newContext({ baseURL: appUrl, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await accord?.stop();
    await provider?.stop();
  });

  it('offers only the identity provider on the sign-in page, by its name', async () => {
    await page.goto(`/app/?project=${projectId}`);
    await page.waitForURL(/\/app\/sign-in\?returnTo=/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    await screenshot(page, 'oidc-sign-in');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("signs the person in at the provider's page and brings them back where they were going, with the provider's roles", async () => {
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill('paula');
    await page.locator('input[name="password"]').fill('any password works here');
    await screenshot(page, 'oidc-provider-login');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // The provider asks once whether Accord may have the account.
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL((url) => url.origin === appUrl && url.pathname === '/app/');
    expect(new URL(page.url()).search).toBe(`?project=${projectId}`);
    await page.getByText('Signed in as paula (pm)').waitFor();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page
      .getByTestId('inbox-counts')
      .getByRole('button', { name: new RegExp(`^${PROJECT}\\s+1$`) })
      .waitFor();
    await page.getByRole('link', { name: "Record the customer's expectations" }).waitFor();
    const session = (await context.cookies()).find((cookie) => cookie.name === 'accord_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // No longer than the provider's access token (600 s here).
    expect(session!.expires * 1000).toBeLessThanOrEqual(Date.now() + 600_000);
    expect((await context.cookies()).find((cookie) => cookie.name === 'accord_oidc_flow')).toBeUndefined();
    await screenshot(page, 'oidc-signed-in');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('ends the session on sign-out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).waitFor();
    expect((await context.cookies()).find((cookie) => cookie.name === 'accord_session')).toBeUndefined();
    expect((await page.request.get('/auth/session')).status()).toBe(401);
    await page.goto('/app/projects');
    await page.waitForURL(/\/app\/sign-in\?returnTo=%2Fprojects/);
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).waitFor();
  });

  it("says 'your organisation' without a provider name, in Chinese too", async () => {
    Object.assign(accord.app.get(AccordConfig), { ACCORD_OIDC_PROVIDER_NAME: undefined });
    try {
      const chinese = await browser.newContext({ baseURL: appUrl, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      const zhPage = await chinese.newPage();
      await zhPage.goto('/app/sign-in');
      await zhPage.getByRole('link', { name: '使用你的组织账号登录' }).waitFor();
      await screenshot(zhPage, 'oidc-sign-in-zh-CN');
      expect(await seriousViolations(zhPage)).toEqual([]);
      await chinese.close();
    } finally {
      Object.assign(accord.app.get(AccordConfig), { ACCORD_OIDC_PROVIDER_NAME: 'Acme ID' });
    }
  });
});
