import jwt from 'jsonwebtoken';
import type { AccordConfig } from '@accord/runtime';
import { AuthException } from '../errors/accord.exception';
import { TokenService } from './token.service';

const SECRET = 'a-secret-for-this-spec-only';
const mint = (claims: Record<string, unknown>, options: jwt.SignOptions = {}) => jwt.sign(claims, SECRET, { algorithm: 'HS256', ...options });

describe(TokenService.name, () => {
  const sut = new TokenService({ ACCORD_JWT_SECRET: SECRET } as AccordConfig);

  it('takes a token with a subject, roles and an expiry, and says when it expires', () => {
    const user = sut.verify(mint({ roles: ['pm', 7] }, { subject: 'paula', expiresIn: 3600 }));
    expect(user).toMatchObject({ userId: 'paula', roles: ['pm'] });
    expect(user.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a token that never expires', () => {
    expect(() => sut.verify(mint({ roles: ['admin'] }, { subject: 'ada' }))).toThrow(AuthException);
    expect(() => sut.verify(mint({ roles: ['admin'] }, { subject: 'ada' }))).toThrow('Invalid bearer token: it has no expiry (exp)');
  });

  it('refuses an expired token and one without a subject', () => {
    expect(() => sut.verify(mint({ roles: ['pm'], exp: Math.floor(Date.now() / 1000) - 60 }, { subject: 'paula' }))).toThrow(/jwt expired/);
    expect(() => sut.verify(mint({ roles: ['pm'] }, { expiresIn: 60 }))).toThrow(/no subject/);
  });
});
