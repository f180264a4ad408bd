import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Principal } from './principal';
import type { Role } from './role';

export const REQUIRED_ROLES = 'pype:required-roles';

/** Any of these roles may call the operation. `@RequireRoles()` with none means: any signed-in caller. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Any caller with a valid token. */
export const RequireSignIn = () => RequireRoles();

export interface RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
  /** undefined until the guard resolves it; null for anonymous callers. */
  principal?: Principal | null;
  /** Why the Authorization header did not authenticate, when that was found out before GraphQL (app.factory.ts). */
  authenticationError?: Error;
}

export function requestOf(context: ExecutionContext): RequestWithPrincipal {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithPrincipal }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithPrincipal>();
}

/** The caller (null when anonymous) as the guard resolved it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | null => requestOf(context).principal ?? null);
