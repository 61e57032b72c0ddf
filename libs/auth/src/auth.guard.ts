import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '@ereceipt/contracts';
import type { Role } from './api-token.entity';
import type { Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { TokensService } from './tokens.service';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Global guard: every route is denied unless marked @Public() or opened with @Roles(...). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('AUTH.MISSING_TOKEN', 'send "Authorization: Bearer <token>" (tokens come from `ereceipt tokens create`)', 'unauthorized');
    const principal = await this.tokens.verify(match[1]);
    if (!principal) throw new DomainError('AUTH.INVALID_TOKEN', 'the bearer token is unknown or revoked', 'unauthorized');
    request.principal = principal;
    if (!allowed.includes(principal.role)) {
      throw new DomainError('AUTH.ROLE_NOT_ALLOWED', `role ${principal.role} may not call ${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`, 'forbidden');
    }
    return true;
  }
}
