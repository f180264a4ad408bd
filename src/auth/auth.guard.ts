import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from '../common/errors/domain-error';
import { REQUIRED_ROLES, requestOf } from './auth.decorators';
import { withoutAccessGrants } from './grants-for-reads.plugin';
import { AuthService } from './auth.service';
import { hasAnyRole } from './principal';
import type { Role } from './role';

/**
 * Resolves the caller once per request and enforces `@RequireRoles`. Operations without
 * it are public (the catalog), but a bad token is refused everywhere.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const request = requestOf(context);
    if (request.authenticationError !== undefined) throw request.authenticationError;
    if (request.principal === undefined) {
      const header = request.headers.authorization;
      // Found this late, the operation is already running: its grants are read when they are needed.
      const principal = await this.auth.authenticate(Array.isArray(header) ? header[0] : header);
      request.principal = principal && withoutAccessGrants(principal);
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (required === undefined) return true;
    const principal = request.principal;
    if (principal === null) {
      throw unauthenticated('This operation needs an API token: send "Authorization: Bearer <token>"');
    }
    if (required.length > 0 && !hasAnyRole(principal, required)) {
      throw forbidden(`This operation needs the role ${required.join(' or ')}; ${principal.label} has ${principal.roles.join(', ') || 'no role'}`);
    }
    return true;
  }
}
