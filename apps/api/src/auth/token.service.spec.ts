import jwt from 'jsonwebtoken';
import { loadConfig } from '@accord/runtime';
import { AuthException } from '../errors/accord.exception';
import { TokenService } from './token.service';

// The CLI's minting (plain JavaScript): its tokens must pass this API's checks.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const { mintLocalToken } = require('../../../../scripts/lib/local-token') as {
  mintLocalToken: (options: { secret: string; user: string; roles: string[]; expiresIn: string; env?: Record<string, string> }) => string;
};

const SECRET = 'a-secret-for-this-spec-only-32-chars-long';
const LOCAL = { issuer: 'accord', audience: 'accord-api' };
/** A local token for paula; an option set to undefined leaves its claim out. */
const mint = (claims: Record<string, unknown>, options: jwt.SignOptions = {}) => {
  const chosen = Object.entries({ algorithm: 'HS256', subject: 'paula', expiresIn: 3600, ...LOCAL, ...options }).filter(([, value]) => value !== undefined);
  return jwt.sign(claims, SECRET, Object.fromEntries(chosen) as jwt.SignOptions);
};
const refusal = async (promise: Promise<unknown>): Promise<AuthException> => {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AuthException)) throw new Error(`expected an AuthException, got ${String(error)}`);
  return error;
};

describe(TokenService.name, () => {
  const sut = new TokenService(loadConfig({ ACCORD_JWT_SECRET: SECRET }));

  it('takes a token with a subject, roles, an expiry, its issuer and audience, and says when it expires', async () => {
    const user = await sut.verify(mint({ roles: ['pm', 7] }));
    expect(user).toMatchObject({ userId: 'paula', roles: ['pm'] });
    expect(user.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a token that never expires', async () => {
    const error = await refusal(sut.verify(jwt.sign({ roles: ['admin'] }, SECRET, { algorithm: 'HS256', subject: 'ada', ...LOCAL })));
    expect(error.message).toBe('Invalid bearer token: it has no expiry (exp)');
    expect(error.details).toEqual([{ path: 'exp', message: 'it has no expiry (exp)' }]);
  });

  it('refuses an expired token, naming exp', async () => {
    const error = await refusal(sut.verify(mint({ roles: ['pm'], exp: Math.floor(Date.now() / 1000) - 60 }, { expiresIn: undefined })));
    expect(error.message).toMatch(/^Invalid bearer token: it expired at .+ \(exp\)$/);
    expect(error.details[0].path).toBe('exp');
  });

  it('refuses a token without a subject', async () => {
    await expect(sut.verify(mint({ roles: ['pm'] }, { subject: undefined }))).rejects.toThrow('Invalid bearer token: no subject (sub)');
  });

  it('refuses a token without an issuer', async () => {
    const error = await refusal(sut.verify(mint({ roles: ['pm'] }, { issuer: undefined })));
    expect(error.message).toBe('Invalid bearer token: it has no issuer (iss)');
    expect(error.details).toEqual([{ path: 'iss', message: 'it has no issuer (iss)' }]);
  });

  it('refuses a token of another issuer', async () => {
    const error = await refusal(sut.verify(mint({ roles: ['pm'] }, { issuer: 'someone-else' })));
    expect(error.message).toBe('Invalid bearer token: its issuer (iss) is not accord');
    expect(error.details[0].path).toBe('iss');
  });

  it('refuses a token without an audience', async () => {
    const error = await refusal(sut.verify(mint({ roles: ['pm'] }, { audience: undefined })));
    expect(error.message).toBe('Invalid bearer token: it has no audience (aud)');
    expect(error.details[0].path).toBe('aud');
  });

  it('refuses a token meant for another audience', async () => {
    const error = await refusal(sut.verify(mint({ roles: ['pm'] }, { audience: 'billing-api' })));
    expect(error.message).toBe('Invalid bearer token: it is not meant for accord-api (aud)');
    expect(error.details[0].path).toBe('aud');
  });

  it('takes a token whose audiences include its own', async () => {
    await expect(sut.verify(mint({ roles: ['pm'] }, { audience: ['billing-api', 'accord-api'] }))).resolves.toMatchObject({ userId: 'paula' });
  });

  it('expects the issuer and audience the configuration names', async () => {
    const configured = new TokenService(loadConfig({ ACCORD_JWT_SECRET: SECRET, ACCORD_TOKEN_ISSUER: 'acme-accord', ACCORD_TOKEN_AUDIENCE: 'acme-api' }));
    await expect(configured.verify(mint({ roles: ['pm'] }, { issuer: 'acme-accord', audience: 'acme-api' }))).resolves.toMatchObject({ userId: 'paula' });
    await expect(configured.verify(mint({ roles: ['pm'] }))).rejects.toThrow('its issuer (iss) is not acme-accord');
  });

  it('refuses a token signed with another secret or without a signature', async () => {
    const forged = jwt.sign({ roles: ['admin'] }, 'another-secret-of-at-least-32-characters', { algorithm: 'HS256', subject: 'ada', expiresIn: 60, ...LOCAL });
    await expect(sut.verify(forged)).rejects.toThrow('Invalid bearer token: invalid signature');
    const unsigned = jwt.sign({ roles: ['admin'] }, '', { algorithm: 'none', subject: 'ada', expiresIn: 60, ...LOCAL });
    await expect(sut.verify(unsigned)).rejects.toThrow(AuthException);
  });

  it('mints session tokens that it takes back, with their expiry', async () => {
    const { token, expiresAt } = sut.sign({ userId: 'ada', roles: ['admin'] }, 600);
    const user = await sut.verify(token);
    expect(user).toEqual({ userId: 'ada', roles: ['admin'], expiresAt });
    expect(jwt.decode(token)).toMatchObject({ iss: 'accord', aud: 'accord-api', sub: 'ada' });
  });

  it('takes the tokens `accord token` mints, with the configured issuer and audience', async () => {
    await expect(sut.verify(mintLocalToken({ secret: SECRET, user: 'paula', roles: ['pm'], expiresIn: '5m', env: {} }))).resolves.toMatchObject({
      userId: 'paula',
      roles: ['pm'],
    });
    const configured = new TokenService(loadConfig({ ACCORD_JWT_SECRET: SECRET, ACCORD_TOKEN_ISSUER: 'acme-accord', ACCORD_TOKEN_AUDIENCE: 'acme-api' }));
    const env = { ACCORD_TOKEN_ISSUER: 'acme-accord', ACCORD_TOKEN_AUDIENCE: 'acme-api' };
    await expect(configured.verify(mintLocalToken({ secret: SECRET, user: 'paula', roles: ['pm'], expiresIn: '5m', env }))).resolves.toMatchObject({
      userId: 'paula',
    });
  });

  it('mints nothing while an identity provider is configured', () => {
    const withProvider = new TokenService(loadConfig({ ACCORD_OIDC_ISSUER: 'https://id.example.com', ACCORD_OIDC_AUDIENCE: 'accord-api' }));
    expect(() => withProvider.sign({ userId: 'ada', roles: ['admin'] }, 60)).toThrow(/ACCORD_OIDC_ISSUER/);
  });
});
