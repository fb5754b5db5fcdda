import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerTokenGuard } from './bearer-token.guard';
import { TokenService } from './token.service';

@Module({
  providers: [TokenService, { provide: APP_GUARD, useClass: BearerTokenGuard }],
  exports: [TokenService],
})
export class AuthModule {}
