import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Clock } from '../common/clock/clock';
import { todayIn } from '../calendar/calendar-date';
import type { CatalogStore } from './catalog.store';

/** Root fields whose answer depends only on the published catalog, the query's arguments and today. */
const CATALOG_FIELDS = new Set(['releases', 'release', 'supportedReleases', 'recommendedRelease', '__typename']);
const MAX_ENTRIES = 1_000;

type Context = { req?: { headers?: Record<string, unknown> } };

/** True for an anonymous query that asks only catalog fields (callers with a token may see drafts). */
function isPublicCatalogQuery(operation: OperationDefinitionNode | undefined, context: Context): boolean {
  if (!operation || operation.operation !== 'query') return false;
  if (context.req?.headers?.authorization !== undefined) return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && CATALOG_FIELDS.has(selection.name.value) && !(selection.directives?.length ?? 0),
  );
}

/**
 * The catalog is read constantly and changes rarely: answers to anonymous catalog queries are
 * kept, keyed by the catalog revision and today's date on campus. A write on any replica moves
 * the revision (see CatalogStore), so no replica answers from an older catalog than it knows.
 */
export class CatalogResponseCache {
  private readonly entries = new Map<string, GraphQLResponse['body']>();

  constructor(
    private readonly store: CatalogStore,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  private async keyFor(requestContext: GraphQLRequestContext<Context>): Promise<string | null> {
    if (!isPublicCatalogQuery(requestContext.operation, requestContext.contextValue)) return null;
    const { revision } = await this.store.current();
    const today = todayIn(this.timeZone, this.clock.now());
    const variables = JSON.stringify(requestContext.request.variables ?? {});
    return `${revision}|${today}|${requestContext.queryHash}|${requestContext.operationName ?? ''}|${variables}`;
  }

  private remember(key: string, body: GraphQLResponse['body']): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Entries of older revisions or days are never asked for again: dropping the oldest is enough.
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, body);
  }

  get size(): number {
    return this.entries.size;
  }

  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        let key: string | null = null;
        return {
          responseForOperation: async (requestContext) => {
            key = await this.keyFor(requestContext);
            const cached = key === null ? undefined : this.entries.get(key);
            return cached ? { http: requestContext.response.http, body: cached } : null;
          },
          willSendResponse: async (requestContext) => {
            const body = requestContext.response.body;
            if (key === null || this.entries.has(key) || body.kind !== 'single') return;
            if (body.singleResult.errors?.length) return;
            this.remember(key, body);
          },
        };
      },
    };
  }
}
