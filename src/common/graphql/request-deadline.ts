import { defaultFieldResolver, OperationTypeNode, type GraphQLSchema } from 'graphql';
import { badInput } from '../errors/domain-error';

/**
 * How long one request may keep the server busy. Once it has run longer than its timeout, or
 * the client has closed the connection, no further root field starts: an operation with many
 * fields stops between them instead of computing answers nobody will read.
 */
export class RequestDeadline {
  private clientGone = false;
  private rootFieldTurns: Promise<void> | null = null;

  constructor(
    private readonly timeoutMs: number,
    private readonly startedAt = performance.now(),
  ) {}

  markClientGone(): void {
    this.clientGone = true;
  }

  get expired(): boolean {
    return this.clientGone || performance.now() - this.startedAt > this.timeoutMs;
  }

  /**
   * When the next root field of the request may start: the first at once (null), each further
   * one a turn of the event loop after the one before. GraphQL starts every root field of a
   * query in the same tick, and Nest runs resolvers after their guards, so a check made when
   * GraphQL calls them would pass for all; spaced out, each field starts after the previous
   * one's synchronous work, with a check of the clock and the connection (closed sockets are
   * noticed in the loop turn) between them.
   */
  nextRootFieldTurn(): Promise<void> | null {
    if (this.rootFieldTurns === null) {
      this.rootFieldTurns = Promise.resolve();
      return null;
    }
    this.rootFieldTurns = this.rootFieldTurns.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    return this.rootFieldTurns;
  }

  /** Throws, naming the field, when the request should do no more work. */
  check(field: string): void {
    if (!this.expired) return;
    throw badInput(
      field,
      this.clientGone
        ? `The client closed the connection; ${field} was not resolved`
        : `The request has run longer than GRAPHQL_REQUEST_TIMEOUT_MS (${this.timeoutMs} ms); ${field} was not resolved: ask for less in one request`,
      { limit: 'GRAPHQL_REQUEST_TIMEOUT_MS', allowed: this.timeoutMs },
    );
  }
}

type DeadlineContext = { req?: { deadline?: RequestDeadline } } | undefined;

/**
 * Makes every query and mutation field check the request's deadline before it starts. Only root
 * fields: aliases multiply work there, and the cost limit bounds what any one of them does.
 * (GraphQL runs mutations one after another already; queries' root fields are spaced out.)
 */
export function checkDeadlineBeforeRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: DeadlineContext, info) => {
        const deadline = context?.req?.deadline;
        if (deadline === undefined) return resolve(source, args, context, info);
        const name = info.path.key as string;
        const turn = info.operation.operation === OperationTypeNode.QUERY ? deadline.nextRootFieldTurn() : null;
        if (turn === null) {
          deadline.check(name);
          return resolve(source, args, context, info);
        }
        return turn.then(() => {
          deadline.check(name);
          return resolve(source, args, context, info);
        });
      };
    }
  }
  return schema;
}
