import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { LoginLimiter } from './login-limiter';
import { OidcService } from './oidc.service';
import { TokensService } from './tokens.service';
import { UsersService } from './users.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [TokensService, UsersService, LoginLimiter, OidcService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokensService, UsersService, LoginLimiter, OidcService],
})
export class AuthModule {}
