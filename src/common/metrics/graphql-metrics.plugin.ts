import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode } from 'graphql';
import type { MetricsService } from './metrics.service';

function firstOperationName(document: DocumentNode | undefined): string | undefined {
  for (const definition of document?.definitions ?? []) {
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value;
  }
  return undefined;
}

/** Times each GraphQL operation from receipt to response, labelled by its name and outcome. */
export function graphqlMetricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(context) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const type = context.operation?.operation ?? 'unknown';
          const failed = context.errors !== undefined && context.errors.length > 0;
          // An operation that failed validation never resolves: name it from what the client sent.
          const name = context.operationName ?? context.request.operationName ?? firstOperationName(context.document);
          metrics.recordOperation(name, type, failed ? 'error' : 'success', seconds);
        },
      };
    },
  };
}
