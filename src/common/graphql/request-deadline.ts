import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { badInput } from '../errors/domain-error';

/**
 * How long one request may keep the server busy. Once it has run longer than its timeout, or
 * the client has closed the connection, no further root field starts: an operation with many
 * fields stops between them instead of computing answers nobody will read.
 */
export class RequestDeadline {
  private clientGone = false;

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
 */
export function checkDeadlineBeforeRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: DeadlineContext, info) => {
        context?.req?.deadline?.check(info.path.key as string);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
