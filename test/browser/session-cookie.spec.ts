import { AccordHarness } from '../support/accord-harness';
import { enableLocalSignIn } from './browser-session';

/** The API side of browser sessions: local sign-in, the cookie, and its CSRF check. */
describe('browser sessions on the API', () => {
  let accord: AccordHarness;

  beforeAll(async () => {
    accord = await AccordHarness.start({ ACCORD_LOCAL_SIGN_IN: 'true' });
  });

  afterAll(async () => {
    await accord?.stop();
  });

  async function signInLocally(user: string): Promise<string> {
    const response = await fetch(`${accord.baseUrl}/auth/local/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-accord-request': '1' },
      body: JSON.stringify({ user }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^accord_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    return cookie.split(';')[0];
  }

  it('offers no local sign-in unless Accord runs locally', async () => {
    enableLocalSignIn(accord, false);
    expect((await accord.request('GET', '/auth/local/people')).status).toBe(404);
    expect((await accord.request('POST', '/auth/local/session', { body: { user: 'ada' }, headers: { 'x-accord-request': '1' } })).status).toBe(404);
  });

  it('lists the local people and signs one in with the roles listed', async () => {
    enableLocalSignIn(accord);
    const people = await accord.request('GET', '/auth/local/people');
    expect(people.body.items).toEqual(
      expect.arrayContaining([
        { user: 'paula', roles: ['pm'] },
        { user: 'carl', roles: ['customer'] },
      ]),
    );
    const cookie = await signInLocally('paula');
    const session = await accord.request('GET', '/auth/session', { headers: { cookie } });
    expect(session).toMatchObject({ status: 200, body: { user: 'paula', roles: ['pm'] } });
  });

  it('refuses a sign-in without the header only the web app sends', async () => {
    enableLocalSignIn(accord);
    expect((await accord.request('POST', '/auth/local/session', { body: { user: 'ada' } })).status).toBe(403);
  });

  it('reads with the cookie alone, but changes nothing by cookie without the CSRF header', async () => {
    enableLocalSignIn(accord);
    const cookie = await signInLocally('paula');
    expect((await accord.request('GET', '/inbox', { headers: { cookie } })).status).toBe(200);
    const forged = await accord.request('POST', '/projects', { headers: { cookie }, body: { definitionKey: 'expectation-signoff', name: 'Forged' } });
    expect(forged.status).toBe(403);
    const own = await accord.request('POST', '/projects', {
      headers: { cookie, 'x-accord-request': '1' },
      body: { definitionKey: 'expectation-signoff', name: 'Mine' },
    });
    expect(own.status).toBe(201);
  });

  it('clears the cookie on sign-out', async () => {
    const response = await fetch(`${accord.baseUrl}/auth/sign-out`, { method: 'POST', headers: { 'x-accord-request': '1' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/^accord_session=;.*Expires=Thu, 01 Jan 1970/i);
  });
});
