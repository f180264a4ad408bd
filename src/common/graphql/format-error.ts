import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from '../database/database-errors';
import { DomainError } from '../errors/domain-error';
import { conflictFromUniqueViolation } from '../errors/unique-violation';
import { fieldOfInlineValue } from './argument-path';
import { InvalidScalarValueError } from './scalars';

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal server error; the request id in the x-request-id response header helps the operators find it';

/** Invalid argument values are the caller's mistake, whatever stage of GraphQL caught them. */
function isArgumentValueError(formatted: GraphQLFormattedError, error: unknown): boolean {
  if ((error as GraphQLError | null)?.originalError instanceof InvalidScalarValueError) return true;
  return /^(Expected value of type|Variable "\$[^"]+" got invalid value|Argument "[^"]+" of (required )?type|Field "[^"]+" of required type)/.test(
    formatted.message,
  );
}

/** The domain error behind a GraphQL error, counting a lost race on a unique key as the CONFLICT it is. */
function domainErrorOf(error: unknown): DomainError | null {
  const original = unwrapResolverError(error);
  return original instanceof DomainError ? original : conflictFromUniqueViolation(original);
}

/** The code an error carries in its extensions; none means the server's own error. */
function errorCodeOf(extensions: Readonly<Record<string, unknown>> | undefined): string {
  const code = extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** The server's fault (a bug, a database outage), as opposed to anything the caller can fix. */
export function isInternalError(error: GraphQLError): boolean {
  if (domainErrorOf(error) !== null) return false;
  return !CLIENT_CODES.has(errorCodeOf(error.extensions));
}

/**
 * Maps domain errors to GraphQL error codes and hides the details of unexpected errors:
 * clients get a code and a message a person can act on, never a stack trace.
 */
export function createErrorFormatter() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = domainErrorOf(error);
    if (original) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...original.details, code: original.code },
      };
    }
    const code = errorCodeOf(formatted.extensions);
    if (code === DATABASE_UNAVAILABLE || isDatabaseUnavailableError(unwrapResolverError(error))) {
      return { message: DATABASE_UNAVAILABLE_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: DATABASE_UNAVAILABLE } };
    }
    if (code === 'GRAPHQL_VALIDATION_FAILED' && isArgumentValueError(formatted, error)) {
      // An inline literal (`on: "2026-02-30"`) fails validation before any resolver: name its argument from the request's text.
      const graphqlError = error as GraphQLError | null;
      const field = fieldOfInlineValue(graphqlError?.source, graphqlError?.nodes?.[0]);
      return { ...formatted, extensions: { ...(field ? { field } : {}), code: 'BAD_USER_INPUT' } };
    }
    if (CLIENT_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    return {
      message: INTERNAL_ERROR_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
