import type { ApolloServerPlugin } from '@apollo/server';
import type { MetricsService } from './metrics.service';

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
          metrics.recordOperation(context.operationName, type, failed ? 'error' : 'success', seconds);
        },
      };
    },
  };
}
