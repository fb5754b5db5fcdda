import { loadConfig } from '@accord/runtime';
import { OidcFlowSeal } from './oidc-flow-cookie';

const FLOW = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/app/' };

describe(OidcFlowSeal.name, () => {
  const sut = new OidcFlowSeal('a-secret-for-this-spec-only-32-chars-long');

  it('opens what it sealed, which does not show the verifier', () => {
    const sealed = sut.seal(FLOW);
    expect(sealed).not.toContain('v"');
    expect(sut.open(sealed)).toEqual(FLOW);
  });

  it('opens what another instance with the same secret sealed, and nothing sealed with another', () => {
    expect(new OidcFlowSeal('a-secret-for-this-spec-only-32-chars-long').open(sut.seal(FLOW))).toEqual(FLOW);
    expect(new OidcFlowSeal('another-secret-of-at-least-32-characters').open(sut.seal(FLOW))).toBeUndefined();
  });

  it('refuses a changed cookie, a foreign one and none', () => {
    const [iv, sealed, tag] = sut.seal(FLOW).split('.');
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[0] ^= 1;
    expect(sut.open([iv, flipped.toString('base64url'), tag].join('.'))).toBeUndefined();
    expect(sut.open('not.a.cookie')).toBeUndefined();
    expect(sut.open(undefined)).toBeUndefined();
  });

  it('refuses a flow older than ten minutes', () => {
    const sealed = sut.seal(FLOW, Date.now() - 10 * 60 * 1000 - 1);
    expect(sut.open(sealed)).toBeUndefined();
  });
});

describe('the browser sign-in settings', () => {
  const provider = { ACCORD_OIDC_ISSUER: 'https://id.example.com', ACCORD_OIDC_AUDIENCE: 'accord-api' };

  it('need the public URL with a client id, naming it', () => {
    expect(() => loadConfig({ ...provider, ACCORD_OIDC_CLIENT_ID: 'accord-web' })).toThrow(/ACCORD_PUBLIC_URL: ACCORD_PUBLIC_URL must be set/);
    expect(loadConfig({ ...provider, ACCORD_OIDC_CLIENT_ID: 'accord-web', ACCORD_PUBLIC_URL: 'https://accord.example.com' })).toMatchObject({
      ACCORD_OIDC_SCOPES: 'openid profile',
    });
  });

  it('need openid among the scopes', () => {
    expect(() => loadConfig({ ...provider, ACCORD_OIDC_SCOPES: 'profile email' })).toThrow(/ACCORD_OIDC_SCOPES/);
  });
});
