import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { OperationTypeNode, type FormattedExecutionResult } from 'graphql';
import type { RequestWithPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ChangeAwareCache } from '../common/database/change-aware-cache';
import { RevisionListener } from '../common/database/revision-listener';
import { asksOnlyRootFields, declaredVariables } from '../common/graphql/cache-keys';

/** NOTIFY channel of writes to the tables inventory answers are read from (migration 1796590000000). */
export const DATA_CHANNEL = 'pype_data';

/** Root fields whose answer depends only on the stored data, the caller's grants, the arguments and today. */
const INVENTORY_READ_FIELDS = new Set(['applications', 'application']);

/** Larger requests are neither kept nor looked up: hashing them costs more than the cache saves. */
export const MAX_CACHED_REQUEST_BYTES = 16 * 1024;

type Context = { req?: RequestWithPrincipal };

interface RememberedAnswer {
  readonly result: FormattedExecutionResult;
  /** The answer's size as sent (JSON), what it is charged against the cache's memory. */
  readonly bytes: number;
}

export interface SignedInAnswerCacheOptions {
  /** Connection string of the database, for the notification connection. */
  databaseUrl: string;
  /** How long an answer may be repeated at most; 0 turns the cache off. */
  ttlMs: number;
  maxBytes: number;
  /** Today on campus: answers that depend on the date (support status, overdue) are kept per day. */
  today: () => string;
  /** Told of every lookup of a request that may be answered from memory (for metrics). */
  lookedUp?: (outcome: 'hit' | 'miss') => void;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Who the answer was computed for: the user, their roles and grants as they were read with the token. */
function callerKey(principal: Principal): string {
  return JSON.stringify([principal.userId ?? principal.label, [...principal.roles].sort(), principal.accessGrants ?? null]);
}

/**
 * Answers to signed-in inventory reads (`applications`, `application`), kept for a few seconds
 * per caller, so that a page of applications asked again (a dashboard every few seconds, fifty
 * people on one list) costs what a trivial query costs rather than a database round trip.
 *
 * An answer is repeated only while nothing it could have been read from has changed: every
 * table it can read (all but bookkeeping ones) NOTIFYs `pype_data` at commit on any write, by
 * any replica or tool, and this replica forgets every answer then and after each of its own
 * mutations, before that mutation's answer is sent. The rest is `ChangeAwareCache`'s: nothing is
 * answered from memory while the notification connection is down, a computation that started
 * before a change is not kept, and entries expire after `ttlMs` whatever happens. Answers are
 * kept per caller (user, roles and grants), per day on campus, and per request text, operation
 * and declared variables; answers with errors are not kept. Memory is bounded by bytes.
 */
export class SignedInAnswerCache {
  private readonly answers: ChangeAwareCache<RememberedAnswer>;
  private readonly changes: RevisionListener;

  constructor(private readonly options: SignedInAnswerCacheOptions) {
    this.answers = new ChangeAwareCache<RememberedAnswer>(
      options.ttlMs,
      options.maxBytes,
      () => performance.now(),
      (answer) => answer.bytes,
    );
    this.changes = new RevisionListener({
      url: options.databaseUrl,
      channel: DATA_CHANNEL,
      applicationName: 'pype-lifecycle-data-listener',
      onRevision: () => this.forgetAll(),
      onListening: () => {
        this.forgetAll();
        this.answers.trusted = true;
      },
    });
  }

  get size(): number {
    return this.answers.size;
  }

  get bytes(): number {
    return this.answers.bytes;
  }

  /** Starts listening for changes (Nest calls it when the module starts); without it nothing is answered from memory. */
  async onModuleInit(): Promise<void> {
    if (this.options.ttlMs > 0 && this.options.maxBytes > 0) await this.changes.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.changes.stop();
  }

  /** Forgets every answer: the data may have changed. */
  forgetAll(): void {
    this.answers.trusted = this.changes.listening;
    this.answers.forgetAll();
  }

  /** The key of a request whose answer may be kept, or null. */
  private keyOf(requestContext: GraphQLRequestContext<Context>): string | null {
    const principal = requestContext.contextValue.req?.principal;
    const { operation, request } = requestContext;
    if (!principal || typeof request.query !== 'string' || !asksOnlyRootFields(operation, INVENTORY_READ_FIELDS)) return null;
    const http = request.http;
    if (http?.method === 'POST' && !(Number(http.headers.get('content-length') ?? Infinity) <= MAX_CACHED_REQUEST_BYTES)) return null;
    const variables = declaredVariables(operation!, request.variables);
    return sha256(`${callerKey(principal)}\u0000${this.options.today()}\u0000${request.query}\u0000${request.operationName ?? ''}\u0000${variables}`);
  }

  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: () => {
        let target: { key: string; lookup: ReturnType<ChangeAwareCache<RememberedAnswer>['startLookup']> } | null = null;
        return Promise.resolve({
          responseForOperation: (requestContext) => {
            const key = this.keyOf(requestContext);
            if (key === null) return Promise.resolve(null);
            this.answers.trusted = this.changes.listening;
            const remembered = this.answers.get(key);
            this.options.lookedUp?.(remembered === undefined ? 'miss' : 'hit');
            if (remembered !== undefined) {
              return Promise.resolve({ http: requestContext.response.http, body: { kind: 'single' as const, singleResult: remembered.result } });
            }
            target = { key, lookup: this.answers.startLookup() };
            return Promise.resolve(null);
          },
          willSendResponse: (requestContext) => {
            // A mutation may have changed anything: the caller's next read must see it.
            if (requestContext.operation?.operation === OperationTypeNode.MUTATION) this.forgetAll();
            const body = requestContext.response.body;
            if (target === null || body.kind !== 'single' || body.singleResult.errors?.length) return Promise.resolve();
            const { data, extensions } = body.singleResult;
            const result: FormattedExecutionResult = extensions === undefined ? { data } : { data, extensions };
            this.answers.remember(target.key, { result, bytes: Buffer.byteLength(JSON.stringify(result)) }, target.lookup);
            return Promise.resolve();
          },
        });
      },
    };
  }
}
