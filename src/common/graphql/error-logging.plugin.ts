import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from '../database/database-errors';
import { markErrorLogged } from '../logging/logged-errors';
import { INTERNAL_ERROR_MESSAGE, isInternalError } from './format-error';

type Context = { req?: { log?: Logger; method?: string; url?: string } };

/** How long clients are told to wait before retrying while the database is away. */
const RETRY_AFTER_SECONDS = 5;

function databaseUnavailableResponse(): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    extensions: { code: DATABASE_UNAVAILABLE, http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } },
  });
}

/**
 * Logs the server's own errors once each, as one JSON line with the request id (callers'
 * mistakes are not logged as errors), and answers a database outage with HTTP 503 and
 * `DATABASE_UNAVAILABLE` (logged as a warning without a stack: it is one cause, not a bug).
 */
export function errorLoggingPlugin(fallback: Logger): ApolloServerPlugin<Context> {
  const logError = (request: Context['req'], error: unknown, fields: Record<string, unknown>): boolean => {
    const log = request?.log ?? fallback;
    const where = { method: request?.method, url: request?.url, ...fields };
    markErrorLogged(request);
    if (isDatabaseUnavailableError(error)) {
      log.warn({ ...where, code: DATABASE_UNAVAILABLE, reason: (error as Error).message }, 'Database unavailable');
      return true;
    }
    log.error({ ...where, err: error }, 'GraphQL request failed');
    return false;
  };
  return {
    /**
     * An error outside the resolvers (in a plugin's hook). Apollo would log it as a plain-text
     * line and answer a bare 500; throwing here makes Apollo answer with this error instead.
     */
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      // A caller's mistake that a plugin raised (a refused request): answered as what it is, not logged as ours.
      if (!isInternalError(error as GraphQLError)) throw error;
      const unavailable = logError(requestContext.contextValue.req, error, { operation: requestContext.operationName });
      throw unavailable ? databaseUnavailableResponse() : new GraphQLError(INTERNAL_ERROR_MESSAGE, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    },
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName, response }) {
          let databaseUnavailable = false;
          for (const error of errors) {
            if (!isInternalError(error)) continue;
            databaseUnavailable = logError(contextValue.req, unwrapResolverError(error), { path: error.path, operation: operationName }) || databaseUnavailable;
          }
          if (databaseUnavailable) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}
