import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerTokenGuard } from './bearer-token.guard';
import { SessionController } from './session.controller';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

@Module({
  controllers: [SessionController],
  providers: [TokenService, SessionService, { provide: APP_GUARD, useClass: BearerTokenGuard }],
  exports: [TokenService],
})
export class AuthModule {}
