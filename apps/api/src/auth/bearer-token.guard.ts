import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthException, ErrorCode } from '../errors/accord.exception';
import type { AuthenticatedRequest } from './current-user.decorator';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { TokenService } from './token.service';

/** Global guard: every route needs a valid bearer token unless marked @Public(), and one of its @Roles() if it names any. */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride(Public, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new AuthException(ErrorCode.UNAUTHENTICATED, 'A bearer token is required (Authorization: Bearer <token>)');
    request.user = this.tokens.verify(match[1]);
    const roles = this.reflector.getAllAndOverride(Roles, [context.getHandler(), context.getClass()]);
    if (roles && !roles.some((role) => request.user.roles.includes(role))) {
      throw new AuthException(ErrorCode.FORBIDDEN, `This needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }
}
