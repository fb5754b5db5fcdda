import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AccordConfig } from '@accord/runtime';
import { AuthException, ErrorCode } from '../errors/accord.exception';
import type { AuthUser } from './auth-user';

interface AccordClaims {
  sub: string;
  roles?: unknown;
  exp?: number;
}

/** Verifies bearer tokens: HS256 JWTs signed with ACCORD_JWT_SECRET, carrying `sub`, `roles` and `exp`. */
@Injectable()
export class TokenService {
  private readonly secret: string;

  constructor(config: AccordConfig) {
    this.secret = config.ACCORD_JWT_SECRET!;
  }

  verify(token: string): AuthUser {
    let claims: AccordClaims;
    try {
      claims = jwt.verify(token, this.secret, { algorithms: ['HS256'] }) as AccordClaims;
    } catch (error) {
      throw new AuthException(ErrorCode.UNAUTHENTICATED, `Invalid bearer token: ${(error as Error).message}`);
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') {
      throw new AuthException(ErrorCode.UNAUTHENTICATED, 'Invalid bearer token: no subject');
    }
    // A token that never expires cannot be taken back once it leaks (issue 14): every one we mint expires.
    if (typeof claims.exp !== 'number') {
      throw new AuthException(ErrorCode.UNAUTHENTICATED, 'Invalid bearer token: it has no expiry (exp)');
    }
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
    return { userId: claims.sub, roles, expiresAt: new Date(claims.exp * 1000) };
  }

  /** Mints a token as `accord token` does (same claims, same secret), for a local session. */
  sign(user: AuthUser, expiresInSeconds: number): { token: string; expiresAt: Date } {
    const token = jwt.sign({ roles: user.roles }, this.secret, { algorithm: 'HS256', subject: user.userId, expiresIn: expiresInSeconds });
    return { token, expiresAt: this.expiryOf(token) ?? new Date(Date.now() + expiresInSeconds * 1000) };
  }

  /** When a token that verify() accepted expires; undefined for one without `exp`. */
  expiryOf(token: string): Date | undefined {
    const claims = jwt.decode(token) as AccordClaims | null;
    return typeof claims?.exp === 'number' ? new Date(claims.exp * 1000) : undefined;
  }
}
