import { Body, Controller, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { DomainError } from '@ereceipt/contracts';
import { roles } from './api-token.entity';
import { CurrentPrincipal } from './current-principal.decorator';
import { LoginLimiter } from './login-limiter';
import type { Principal } from './principal';
import { Public, Roles } from './roles.decorator';
import { UsersService } from './users.service';

export class LoginDto {
  @ApiProperty({ example: 'alice@example.com' }) @IsString() @MaxLength(320) email!: string;
  @ApiProperty() @IsString() @MaxLength(256) password!: string;
  @ApiPropertyOptional({ description: 'the 6-digit TOTP code when the user has a second factor' }) @IsOptional() @IsString() @MaxLength(16) code?: string;
}

export class SessionDto {
  @ApiProperty({ description: 'a session bearer token (ers_...), shown once' }) token!: string;
  @ApiProperty({ format: 'date-time', description: 'the absolute expiry; the session also ends after SESSION_IDLE_MINUTES without use' }) expiresAt!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: roles }) role!: string;
}

export class WhoAmIDto {
  @ApiProperty({ enum: ['user', 'token'] }) kind!: string;
  @ApiProperty({ description: 'the name audit rows carry' }) name!: string;
  @ApiProperty({ enum: roles }) role!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) sellerId!: string | null;
}

/** People sign in to the API as themselves: e-mail, password, TOTP code when set; a session bearer token back. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly limiter: LoginLimiter,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in a person (local user): a session bearer token with idle and absolute expiry' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'AUTH.BAD_CREDENTIALS, AUTH.TOTP_REQUIRED, AUTH.BAD_TOTP' })
  @ApiTooManyRequestsResponse({ description: 'AUTH.TOO_MANY_ATTEMPTS (Retry-After)' })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const wait = await this.limiter.admit(req.ip ?? '', body.email);
    if (wait !== null) {
      res.setHeader('Retry-After', String(wait));
      throw new DomainError('AUTH.TOO_MANY_ATTEMPTS', `too many sign-in attempts; try again in ${wait} s`, 'too-many');
    }
    const result = await this.users.login(body.email, body.password, body.code);
    if (!result.ok) {
      if (result.code !== 'AUTH.TOTP_REQUIRED') await this.limiter.failed(body.email);
      throw new DomainError(result.code, result.reason, 'unauthorized');
    }
    await this.limiter.succeeded(body.email);
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), email: result.principal.name, role: result.principal.role };
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of the bearer token (a no-op for anything else)' })
  async logout(@Headers('authorization') authorization: string | undefined): Promise<void> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (bearer) await this.users.logout(bearer);
  }

  @Get('me')
  @Roles(...roles)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the bearer is (a person or a machine token) and the name audit rows record' })
  @ApiOkResponse({ type: WhoAmIDto })
  me(@CurrentPrincipal() p: Principal): WhoAmIDto {
    return { kind: p.kind ?? 'token', name: p.name, role: p.role, sellerId: p.sellerId };
  }
}
