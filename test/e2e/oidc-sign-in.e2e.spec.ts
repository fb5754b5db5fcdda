import { AccordConfig } from '@accord/runtime';
import { AccordHarness } from '../support/accord-harness';
import { TestIdentityProvider } from '../support/oidc-provider';

const ACCORD_API = 'https://accord.example.test/api';
const WEB_CLIENT = { clientId: 'accord-web', clientSecret: 'a-web-client-secret-for-this-spec' };

/** The cookies a browser would keep, by name (one origin each here: no domains or paths needed). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const sessionCookieOf = (response: Response) => response.headers.getSetCookie().find((line) => line.startsWith('accord_session='));

/**
 * Issue 14, point 4: the web app's sign-in through the company's OpenID Connect provider, the
 * API acting as the browser's backend (authorization code, PKCE, state, nonce), seen over plain
 * HTTP against a real provider (oidc-provider, test/support/oidc-provider.ts).
 */
describe('signing a browser in at the OpenID Connect provider', () => {
  let provider: TestIdentityProvider;
  let accord: AccordHarness;
  let redirectUri: string;

  beforeAll(async () => {
    provider = await TestIdentityProvider.start({ paula: ['pm'], ada: ['admin'] });
    accord = await AccordHarness.start({
      ACCORD_OIDC_ISSUER: provider.issuer,
      ACCORD_OIDC_AUDIENCE: ACCORD_API,
      ACCORD_OIDC_USER_CLAIM: 'preferred_username',
      ACCORD_OIDC_ROLES_CLAIM: 'realm_access.roles',
      ACCORD_OIDC_CLIENT_ID: WEB_CLIENT.clientId,
      ACCORD_OIDC_CLIENT_SECRET: WEB_CLIENT.clientSecret,
      ACCORD_OIDC_PROVIDER_NAME: 'Acme ID',
      // The harness picks the API's port when it listens: the real address is set below.
      ACCORD_PUBLIC_URL: 'http://127.0.0.1',
    });
    Object.assign(accord.app.get(AccordConfig), { ACCORD_PUBLIC_URL: accord.baseUrl });
    redirectUri = `${accord.baseUrl}/auth/oidc/callback`;
    provider.allowWebClient({ ...WEB_CLIENT, redirectUri });
  });

  afterAll(async () => {
    await accord?.stop();
    await provider?.stop();
  });

  /** Begins a sign-in as the web app's link does: the API's redirect to the provider, and the browser's cookies. */
  async function beginSignIn(returnTo: string): Promise<{ response: Response; authorization: URL; jar: CookieJar }> {
    const response = await fetch(`${accord.baseUrl}/auth/oidc/sign-in?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
    const jar = new CookieJar();
    jar.take(response);
    return { response, authorization: new URL(response.headers.get('location') ?? 'about:blank'), jar };
  }

  /** Signs in at the provider's login page as `login`, consents, and answers the redirect back to Accord. */
  async function signInAtProvider(authorization: URL, login: string): Promise<URL> {
    const jar = new CookieJar();
    let next: { url: URL; body?: URLSearchParams } = { url: authorization };
    for (let hop = 0; hop < 12; hop += 1) {
      const response = await fetch(next.url, {
        method: next.body ? 'POST' : 'GET',
        body: next.body,
        headers: { cookie: jar.header(), ...(next.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        redirect: 'manual',
      });
      jar.take(response);
      const location = response.headers.get('location');
      if (location) {
        const url = new URL(location, next.url);
        if (url.href.startsWith(redirectUri)) return url;
        next = { url };
        continue;
      }
      const page = await response.text();
      const action = page.match(/<form[^>]*action="([^"]+)"/)?.[1];
      const prompt = page.match(/name="prompt" value="([^"]+)"/)?.[1];
      if (response.status !== 200 || !action || !prompt)
        throw new Error(`The provider's page is not a login or consent form: ${response.status} ${page.slice(0, 300)}`);
      next = { url: new URL(action, next.url), body: new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt }) };
    }
    throw new Error('The provider never sent the browser back to Accord');
  }

  it('offers the provider, by its name, and no local sign-in', async () => {
    const providers = await accord.request('GET', '/auth/providers');

    expect(providers).toEqual({ status: 200, body: { local: false, oidc: { name: 'Acme ID' } } });
  });

  it("sends the browser to the provider's authorization endpoint with state, nonce and a PKCE challenge", async () => {
    const { response, authorization } = await beginSignIn('/app/projects');

    expect(response.status).toBe(302);
    expect(`${authorization.origin}${authorization.pathname}`).toBe(`${provider.issuer}/auth`);
    const params = Object.fromEntries(authorization.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: WEB_CLIENT.clientId,
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge_method: 'S256',
      resource: ACCORD_API,
    });
    expect(params.state).toMatch(/^[\w-]{43}$/);
    expect(params.nonce).toMatch(/^[\w-]{43}$/);
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    const flowCookie = response.headers.getSetCookie().find((line) => line.startsWith('accord_oidc_flow='));
    expect(flowCookie).toMatch(/Max-Age=600;.*Path=\/auth\/oidc;.*HttpOnly;.*SameSite=Lax/);
    // Each sign-in is its own: another one gets other values.
    const again = Object.fromEntries((await beginSignIn('/app/projects')).authorization.searchParams);
    expect(again.state).not.toBe(params.state);
    expect(again.nonce).not.toBe(params.nonce);
    expect(again.code_challenge).not.toBe(params.code_challenge);
  });

  it('signs the person in with the roles the provider gave, and sends them back where they were going', async () => {
    const { authorization, jar } = await beginSignIn('/app/projects?status=active');
    const callback = await signInAtProvider(authorization, 'paula');

    const landed = await fetch(callback, { headers: { cookie: jar.header() }, redirect: 'manual' });
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe('/app/projects?status=active');
    const session = sessionCookieOf(landed);
    expect(session).toMatch(/HttpOnly;.*SameSite=Strict/);
    // No longer than the provider's access token lives (600 s at this provider).
    expect(Number(session?.match(/Max-Age=(\d+)/)?.[1])).toBeLessThanOrEqual(600);
    const who = await accord.request('GET', '/auth/session', { headers: { cookie: session!.split(';')[0] } });
    expect(who).toMatchObject({ status: 200, body: { user: 'paula', roles: ['pm'] } });
    expect((await accord.request('GET', '/inbox', { headers: { cookie: session!.split(';')[0] } })).status).toBe(200);
  });

  it("refuses a callback whose state is not the browser's sign-in, and sets no session", async () => {
    const { authorization, jar } = await beginSignIn('/app/');
    const callback = await signInAtProvider(authorization, 'ada');
    callback.searchParams.set('state', 'a-state-of-another-sign-in');

    const answer = await fetch(callback, { headers: { cookie: jar.header() }, redirect: 'manual' });
    expect(answer.status).toBe(400);
    expect(sessionCookieOf(answer)).toBeUndefined();
    expect(await answer.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/not for the sign-in begun in this browser \(state\)/),
      details: [{ path: 'state' }],
    });
  });

  it('refuses a callback in a browser that began no sign-in, and sets no session', async () => {
    const { authorization } = await beginSignIn('/app/');
    const callback = await signInAtProvider(authorization, 'ada');

    const answer = await fetch(callback, { redirect: 'manual' });
    expect(answer.status).toBe(400);
    expect(sessionCookieOf(answer)).toBeUndefined();
    expect(await answer.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/No sign-in was begun in this browser/),
      details: [{ path: 'state' }],
    });
  });

  it("answers the provider's refusal with a readable 403, and sets no session", async () => {
    const { authorization, jar } = await beginSignIn('/app/');
    const state = authorization.searchParams.get('state')!;

    const answer = await fetch(`${redirectUri}?error=access_denied&error_description=${encodeURIComponent('The person cancelled')}&state=${state}`, {
      headers: { cookie: jar.header() },
      redirect: 'manual',
    });
    expect(answer.status).toBe(403);
    expect(sessionCookieOf(answer)).toBeUndefined();
    expect(await answer.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: 'The identity provider did not sign you in (access_denied: The person cancelled). Go back to Accord and sign in again.',
      details: [{ path: 'error', message: 'access_denied' }],
    });
  });

  it.each(['https://evil.example/app/', '//evil.example/app/', '/auth/session', '/application', '/app/../docs'])(
    'comes back to the app, not to %s',
    async (returnTo) => {
      const { authorization, jar } = await beginSignIn(returnTo);
      const callback = await signInAtProvider(authorization, 'paula');

      const landed = await fetch(callback, { headers: { cookie: jar.header() }, redirect: 'manual' });
      expect(landed.status).toBe(302);
      expect(landed.headers.get('location')).toBe('/app/');
    },
  );
});
