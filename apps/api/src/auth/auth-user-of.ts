import type { AuthUser } from './auth-user';
import { claimAt } from './claim-path';
import { invalidToken } from './invalid-token';
import type { TokenExpectations } from './token-verifier';

/** The caller a verified token names, once its expiry, issuer and audience are what Accord expects. */
export function authUserOf(claims: Readonly<Record<string, unknown>>, expected: TokenExpectations): AuthUser {
  // A token that never expires cannot be taken back once it leaks (issue 14): every one we mint expires.
  if (typeof claims.exp !== 'number') throw invalidToken('it has no expiry (exp)', 'exp');
  if (claims.iss === undefined) throw invalidToken('it has no issuer (iss)', 'iss');
  // Another issuer's token, even one signed with a key we trust, speaks for someone else's users.
  if (claims.iss !== expected.issuer) throw invalidToken(`its issuer (iss) is not ${expected.issuer}`, 'iss');
  if (claims.aud === undefined) throw invalidToken('it has no audience (aud)', 'aud');
  // A token the same issuer made for another API must not open this one.
  const audiences: unknown[] = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.audience)) throw invalidToken(`it is not meant for ${expected.audience} (aud)`, 'aud');
  const userId = claimAt(claims, expected.userClaim);
  if (typeof userId !== 'string' || userId === '') {
    throw invalidToken(expected.userClaim === 'sub' ? 'no subject (sub)' : `no user id (${expected.userClaim})`, expected.userClaim);
  }
  const roles = claimAt(claims, expected.rolesClaim);
  return {
    userId,
    roles: Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [],
    expiresAt: new Date(claims.exp * 1000),
  };
}
