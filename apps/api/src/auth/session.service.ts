import { Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { AccordConfig } from '@accord/runtime';
import { AuthException, ErrorCode } from '../errors/accord.exception';
import type { AuthUser } from './auth-user';
import { SessionResponse } from './dto/session.response';
import { LOCAL_PEOPLE, localSignInEnabled, type LocalPerson } from './local-sign-in';
import { CSRF_HEADER, hasCsrfHeader, SESSION_COOKIE, SESSION_SECONDS } from './session-cookie';
import { TokenService } from './token.service';

/**
 * Browser sessions: the JWT in an HttpOnly, SameSite=Strict cookie. Local sign-in is one way
 * to get one; with an identity provider the cookie carries the provider's access token, set by
 * the OpenID Connect callback (oidc-sign-in.service.ts), which the guard verifies like any
 * bearer token.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly config: AccordConfig,
    private readonly tokens: TokenService,
  ) {}

  describe(user: AuthUser): SessionResponse {
    return { user: user.userId, roles: user.roles, expiresAt: (user.expiresAt ?? new Date(Date.now() + SESSION_SECONDS * 1000)).toISOString() };
  }

  localPeople(): LocalPerson[] {
    this.assertLocal();
    return LOCAL_PEOPLE.map((person) => ({ user: person.user, roles: [...person.roles] }));
  }

  signInLocally(request: Request, response: Response, user: string, roles: string[] | undefined): SessionResponse {
    this.assertLocal();
    this.assertFromOurApp(request);
    const chosen: AuthUser = { userId: user, roles: roles ?? LOCAL_PEOPLE.find((person) => person.user === user)?.roles ?? [] };
    const { token, expiresAt } = this.tokens.sign(chosen, SESSION_SECONDS);
    this.startSession(request, response, token, expiresAt);
    return { user: chosen.userId, roles: chosen.roles, expiresAt: expiresAt.toISOString() };
  }

  /** Sets the session cookie to `token`, for no longer than the token is valid. */
  startSession(request: Request, response: Response, token: string, expiresAt: Date): void {
    const maxAge = Math.min(expiresAt.getTime() - Date.now(), SESSION_SECONDS * 1000);
    response.cookie(SESSION_COOKIE, token, { ...this.cookieOptions(request), maxAge: Math.max(maxAge, 0) });
  }

  signOut(request: Request, response: Response): void {
    this.assertFromOurApp(request);
    response.clearCookie(SESSION_COOKIE, this.cookieOptions(request));
  }

  private cookieOptions(request: Request): CookieOptions {
    // Secure wherever the API is reached over HTTPS; `npm start` serves plain HTTP on localhost.
    return { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' };
  }

  private assertLocal(): void {
    // As if the route did not exist: outside local mode nobody may pick who they are.
    if (!localSignInEnabled(this.config)) throw new AuthException(ErrorCode.NOT_FOUND, 'Local sign-in is only offered when Accord runs locally');
  }

  private assertFromOurApp(request: Request): void {
    if (!hasCsrfHeader(request)) throw new AuthException(ErrorCode.FORBIDDEN, `Signing in or out needs the ${CSRF_HEADER} header the web app sends`);
  }
}
