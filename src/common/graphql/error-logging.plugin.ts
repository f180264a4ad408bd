import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { isInternalError } from './format-error';

type Context = { req?: { log?: Logger } };

/** Logs the server's own errors once, with their stack and the request id; callers' mistakes are not logged as errors. */
export function errorLoggingPlugin(fallback: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          const log = contextValue.req?.log ?? fallback;
          for (const error of errors) {
            if (isInternalError(error)) {
              log.error({ err: error.originalError ?? error, path: error.path, operation: operationName }, `GraphQL error: ${error.message}`);
            }
          }
        },
      };
    },
  };
}
