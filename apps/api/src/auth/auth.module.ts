import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerTokenGuard } from './bearer-token.guard';
import { OidcSignInController } from './oidc-sign-in.controller';
import { OidcSignInService } from './oidc-sign-in.service';
import { SessionController } from './session.controller';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

@Module({
  controllers: [SessionController, OidcSignInController],
  providers: [TokenService, SessionService, OidcSignInService, { provide: APP_GUARD, useClass: BearerTokenGuard }],
  exports: [TokenService],
})
export class AuthModule {}
