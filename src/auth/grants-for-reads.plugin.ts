import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { RequestWithPrincipal } from './auth.decorators';
import type { AuthService } from './auth.service';

/**
 * The access grants read with the token are kept only for queries: a mutation may change
 * memberships or managed departments, and what it returns must be decided on the grants as they
 * are then, so its request reads them again (as every request did before they came with the token).
 */
export function grantsForReadsOnlyPlugin(): ApolloServerPlugin<{ req?: RequestWithPrincipal }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const principal = contextValue.req?.principal;
          if (operation?.operation !== OperationTypeNode.QUERY && principal?.accessGrants !== undefined) {
            contextValue.req!.principal = withoutAccessGrants(principal);
          }
        },
      };
    },
  };
}

export function withoutAccessGrants<P extends { accessGrants?: unknown }>(principal: P): Omit<P, 'accessGrants'> {
  const { accessGrants: _, ...rest } = principal;
  return rest;
}

/**
 * A mutation may have revoked a token, disabled a user or changed grants: this replica forgets
 * its remembered token lookups before the answer goes out, so the caller's next request is
 * decided on what the mutation wrote (other replicas hear of it from the database's notification).
 */
export function forgetTokenLookupsAfterMutationsPlugin(auth: Pick<AuthService, 'forgetTokenLookups'>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === OperationTypeNode.MUTATION) auth.forgetTokenLookups();
        },
      };
    },
  };
}
