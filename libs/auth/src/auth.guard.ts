import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '@ereceipt/contracts';
import type { Role } from './api-token.entity';
import type { Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { TokensService } from './tokens.service';
import { looksLikeSessionToken, UsersService } from './users.service';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Global guard: every route is denied unless marked @Public() or opened with @Roles(...). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new DomainError('AUTH.MISSING_TOKEN', 'send "Authorization: Bearer <token>" (a machine token from `ereceipt tokens create`, or a session from POST /auth/login)', 'unauthorized');
    const bearer = match[1];
    const principal = looksLikeSessionToken(bearer) ? await this.users.session(bearer) : await this.tokens.verify(bearer);
    if (!principal) throw new DomainError('AUTH.INVALID_TOKEN', 'the bearer token is unknown, expired or revoked', 'unauthorized');
    request.principal = principal;
    if (!allowed.includes(principal.role)) {
      throw new DomainError('AUTH.ROLE_NOT_ALLOWED', `role ${principal.role} may not call ${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`, 'forbidden');
    }
    return true;
  }
}
