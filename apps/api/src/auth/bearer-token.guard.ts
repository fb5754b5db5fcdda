import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthException, ErrorCode } from '../errors/accord.exception';
import type { AuthenticatedRequest } from './current-user.decorator';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { CSRF_HEADER, credentialOf, hasCsrfHeader, SAFE_METHODS } from './session-cookie';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid token unless marked @Public(), and one of its
 * @Roles() if it names any. The token comes as `Authorization: Bearer` (API clients) or in
 * the web app's HttpOnly session cookie; a state-changing request authenticated by the cookie
 * must also carry the web app's CSRF header, since a browser sends cookies on its own.
 */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride(Public, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const credential = credentialOf(request);
    if (!credential) throw new AuthException(ErrorCode.UNAUTHENTICATED, 'A bearer token is required (Authorization: Bearer <token>)');
    request.user = await this.tokens.verify(credential.token);
    if (credential.via === 'cookie' && !SAFE_METHODS.has(request.method) && !hasCsrfHeader(request)) {
      throw new AuthException(ErrorCode.FORBIDDEN, `A request signed in by the session cookie must carry the ${CSRF_HEADER} header`);
    }
    const roles = this.reflector.getAllAndOverride(Roles, [context.getHandler(), context.getClass()]);
    if (roles && !roles.some((role) => request.user.roles.includes(role))) {
      throw new AuthException(ErrorCode.FORBIDDEN, `This needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }
}
