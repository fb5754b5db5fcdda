import { AccordHarness, eventually } from '../support/accord-harness';
import { TestIdentityProvider } from '../support/oidc-provider';

const ACCORD_API = 'https://accord.example.test/api';
const BILLING_API = 'https://billing.example.test/api';
/** jose asks for the key set again, for a key it does not know, only this long after its last fetch. */
const JOSE_JWKS_COOLDOWN_MS = 30_000;

const keyIdOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')).kid;

describe('signing in with an OpenID Connect provider', () => {
  let provider: TestIdentityProvider;
  let accord: AccordHarness;

  beforeAll(async () => {
    provider = await TestIdentityProvider.start({ paula: ['pm'], carl: ['customer'] });
    accord = await AccordHarness.start({
      ACCORD_OIDC_ISSUER: provider.issuer,
      ACCORD_OIDC_AUDIENCE: ACCORD_API,
      ACCORD_OIDC_USER_CLAIM: 'preferred_username',
      ACCORD_OIDC_ROLES_CLAIM: 'realm_access.roles',
      // Asked for, and still off: with an identity provider only the provider says who someone is.
      ACCORD_LOCAL_SIGN_IN: 'true',
    });
  });

  afterAll(async () => {
    await accord?.stop();
    await provider?.stop();
  });

  it('takes a token the provider issued for Accord as the user and roles of its claims', async () => {
    const token = await provider.accessToken('paula', { resource: ACCORD_API });

    const session = await accord.request('GET', '/auth/session', { token });
    expect(session.body).toMatchObject({ user: 'paula', roles: ['pm'] });
    const started = await accord.request('POST', '/projects', { token, body: { definitionKey: 'expectation-signoff', name: 'Through the provider' } });
    expect(started.status).toBe(201);
    const inbox = await eventually(async () => {
      const answer = await accord.request('GET', `/inbox?project=${started.body.id}`, { token });
      return answer.body.items?.length > 0 ? answer : undefined;
    }, "paula's record task");
    expect(inbox.status).toBe(200);
    expect(inbox.body.items[0]).toMatchObject({ stepId: 'record' });
  });

  it('refuses a token the provider issued for another API', async () => {
    const token = await provider.accessToken('paula', { resource: BILLING_API });

    const answer = await accord.request('GET', '/inbox', { token });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: `Invalid bearer token: it is not meant for ${ACCORD_API} (aud)`,
      details: [{ path: 'aud' }],
    });
  });

  it('refuses an expired token of the provider', async () => {
    const token = await provider.accessToken('paula', { resource: ACCORD_API, issuedSecondsAgo: 3_600 });

    const answer = await accord.request('GET', '/inbox', { token });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'UNAUTHENTICATED', details: [{ path: 'exp' }] });
    expect(answer.body.message).toMatch(/^Invalid bearer token: it expired at .+ \(exp\)$/);
  });

  it('refuses a local HS256 token while a provider is configured', async () => {
    const answer = await accord.request('GET', '/inbox', { token: accord.token('ada', ['admin']) });

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'UNAUTHENTICATED', details: [{ path: 'alg' }] });
    expect(answer.body.message).toMatch(/^Invalid bearer token: it is signed with HS256, and only the identity provider's tokens \(RS256, /);
  });

  it('offers no local sign-in while a provider is configured', async () => {
    expect((await accord.request('GET', '/auth/local/people')).status).toBe(404);
    const signIn = await accord.request('POST', '/auth/local/session', { body: { user: 'ada' }, headers: { 'x-accord-request': '1' } });
    expect(signIn.status).toBe(404);
  });

  it("takes the provider's token from the session cookie", async () => {
    const token = await provider.accessToken('carl', { resource: ACCORD_API });

    const session = await accord.request('GET', '/auth/session', { headers: { cookie: `accord_session=${token}` } });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ user: 'carl', roles: ['customer'] });
  });

  it('takes a token signed with the key the provider rotated to', async () => {
    const before = await provider.accessToken('paula', { resource: ACCORD_API });
    expect((await accord.request('GET', '/inbox', { token: before })).status).toBe(200);

    const kid = provider.rotateSigningKey();
    // The API knows the old key set and will not ask again within jose's cooldown: skip the
    // clock past it (Date only, so servers and timers run on) rather than wait.
    jest.useFakeTimers({
      now: Date.now() + JOSE_JWKS_COOLDOWN_MS + 1_000,
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      const after = await provider.accessToken('paula', { resource: ACCORD_API });
      expect(keyIdOf(after)).toBe(kid);
      expect(keyIdOf(after)).not.toBe(keyIdOf(before));

      const answer = await accord.request('GET', '/inbox', { token: after });
      expect(answer.status).toBe(200);
      // Tokens the old key signed stay good until they expire: the provider still publishes it.
      expect((await accord.request('GET', '/inbox', { token: before })).status).toBe(200);
    } finally {
      jest.useRealTimers();
    }
  });
});
