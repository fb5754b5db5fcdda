import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthException, ErrorCode } from '../errors/accord.exception';
import type { AuthenticatedRequest } from './current-user.decorator';
import { Public } from './public.decorator';
import { TokenService } from './token.service';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
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
    return true;
  }
}
