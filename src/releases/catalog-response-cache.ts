import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequest, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import { print, type DocumentNode, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';
import { ByteBoundedCache } from '../common/graphql/byte-bounded-cache';
import { asksOnlyRootFields, declaredVariables } from '../common/graphql/cache-keys';
import type { Clock } from '../common/clock/clock';
import { todayEachMinute, type CalendarDate } from '../calendar/calendar-date';
import type { CatalogSnapshot, CatalogStore } from './catalog.store';

/** Root fields whose answer depends only on the published catalog, the query's arguments and today. */
const CATALOG_FIELDS = new Set(['releases', 'release', 'supportedReleases', 'recommendedRelease']);

/**
 * Requests larger than this are neither cached nor looked up: hashing them would cost more than
 * the cache saves, and a large unused variable must not cost a hash of itself on every request.
 */
export const MAX_CACHED_REQUEST_BYTES = 16 * 1024;

/** What the cache may keep per entry besides the answer itself: key, bookkeeping, map slot. */
const ENTRY_OVERHEAD_BYTES = 256;

type Context = { req?: { headers?: Record<string, unknown> } };

/** The HTTP request as it arrived, before GraphQL parsed anything. */
export interface RawGraphqlRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/** A cached answer: the exact bytes Apollo sent for it, and what it was computed for. */
export interface CachedCatalogAnswer {
  readonly revision: number;
  readonly day: string;
  readonly operationName: string | null;
  /** The serialised response body, as Apollo writes it (JSON and a newline). */
  readonly body: Buffer;
}

/** A document built from the published catalog (a feed, a page), as it is sent, with its HTTP validators. */
export interface CatalogDocument {
  readonly body: Buffer;
  readonly contentType: string;
  /** A strong entity tag (quoted): a hash of the body, so an unchanged document keeps it across revisions and days. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** What a renderer returns for a document; null when there is no such document (nothing is cached then). */
export type RenderedCatalogDocument = { body: string | Buffer; contentType: string; lastModified: Date } | null;

type Entry = { kind: 'answer'; answer: CachedCatalogAnswer } | { kind: 'alias'; answerKey: string } | { kind: 'document'; document: CatalogDocument };

const entryBytes = (entry: Entry): number =>
  entry.kind === 'answer' ? entry.answer.body.length : entry.kind === 'alias' ? entry.answerKey.length : entry.document.body.length;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** True for an anonymous query that asks only catalog fields (callers with a token may see drafts). */
function isPublicCatalogQuery(operation: OperationDefinitionNode | undefined, context: Context): boolean {
  return context.req?.headers?.authorization === undefined && asksOnlyRootFields(operation, CATALOG_FIELDS);
}

/**
 * What determines a cached answer: the normalised document (printed, so spacing and comments
 * do not matter), the chosen operation, its declared variables, the day and the catalog revision.
 */
export function answerKeyOf(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  revision: number,
  day: string,
): string {
  const operationName = operation.name?.value ?? '';
  return `answer:${revision}|${day}|${sha256(`${print(document)}\u0000${operationName}\u0000${declaredVariables(operation, variables)}`)}`;
}

/** The request exactly as sent: the key under which the answer can be found again before GraphQL parses anything. */
export function rawKeyOf(request: RawGraphqlRequest): string | null {
  if (typeof request.query !== 'string') return null;
  const operationName = typeof request.operationName === 'string' ? request.operationName : '';
  return `raw:${sha256(`${request.query}\u0000${operationName}\u0000${JSON.stringify(request.variables ?? {})}`)}`;
}

/**
 * The catalog is read constantly and changes rarely: answers to anonymous catalog queries are
 * kept, keyed by the catalog revision and today's date on campus. A write on any replica moves
 * the revision (see CatalogStore), so no replica answers from an older catalog than it knows.
 *
 * The cache is bounded by bytes (answers are stored serialised, so their size is exact), and
 * holds two kinds of entries: answers under a hash of what determines them, and, under a hash
 * of the request as sent, a pointer to its answer. The second lets `answerBeforeGraphql` serve a
 * repeated request without parsing, validating or executing it.
 */
export class CatalogResponseCache {
  private readonly entries: ByteBoundedCache<Entry>;
  /** Today on campus. */
  private readonly today: () => CalendarDate;

  constructor(
    private readonly store: CatalogStore,
    clock: Clock,
    timeZone: string,
    maxBytes: number,
  ) {
    this.today = todayEachMinute(timeZone, () => clock.now());
    this.entries = new ByteBoundedCache<Entry>(maxBytes, (key, entry) => ENTRY_OVERHEAD_BYTES + key.length + entryBytes(entry));
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.entries.bytes;
  }

  private answerAt(answerKey: string): CachedCatalogAnswer | undefined {
    const entry = this.entries.get(answerKey);
    return entry?.kind === 'answer' ? entry.answer : undefined;
  }

  /**
   * The cached answer to an anonymous request seen before, if it still holds for today's date and
   * the current catalog revision; null sends the request on to GraphQL. The caller checks that
   * the request is anonymous.
   */
  async answerBeforeGraphql(request: RawGraphqlRequest): Promise<CachedCatalogAnswer | null> {
    const rawKey = rawKeyOf(request);
    const alias = rawKey === null ? undefined : this.entries.get(rawKey);
    if (alias?.kind !== 'alias') return null;
    const answer = this.answerAt(alias.answerKey);
    if (answer === undefined) return null;
    let revision: number;
    try {
      ({ revision } = await this.store.current());
    } catch {
      return null; // the database is away: GraphQL answers with the error clients know
    }
    return answer.revision === revision && answer.day === this.today() ? answer : null;
  }

  /**
   * A document built from the published catalog for today on campus (an endoflife.date answer, an
   * iCalendar feed, a page), rendered once per catalog revision and day and then served from
   * memory: with the revision listener up, a hit costs no database round trip. `name` must come
   * from a bounded set (a route and a release that exists), never from arbitrary request text;
   * a renderer answering null (no such document) is not cached.
   */
  async document(name: string, render: (snapshot: CatalogSnapshot, today: CalendarDate) => RenderedCatalogDocument): Promise<CatalogDocument | null> {
    const snapshot = await this.store.current();
    const today = this.today();
    const key = `document:${snapshot.revision}|${today}|${name}`;
    const entry = this.entries.get(key);
    if (entry?.kind === 'document') return entry.document;
    const rendered = render(snapshot, today);
    if (rendered === null) return null;
    const body = typeof rendered.body === 'string' ? Buffer.from(rendered.body, 'utf8') : rendered.body;
    const document: CatalogDocument = {
      body,
      contentType: rendered.contentType,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
      lastModified: rendered.lastModified,
    };
    this.entries.set(key, { kind: 'document', document });
    return document;
  }

  private async answerKeyFor(requestContext: GraphQLRequestContext<Context>): Promise<{ key: string; revision: number; day: string } | null> {
    const { operation, document } = requestContext;
    if (!operation || !document || !isPublicCatalogQuery(operation, requestContext.contextValue)) return null;
    const http = requestContext.request.http;
    if (http?.method === 'POST' && !(Number(http.headers.get('content-length') ?? Infinity) <= MAX_CACHED_REQUEST_BYTES)) return null;
    const { revision } = await this.store.current();
    const day = this.today();
    return { key: answerKeyOf(document, operation, requestContext.request.variables, revision, day), revision, day };
  }

  private rememberAlias(request: GraphQLRequest, answerKey: string): void {
    const rawKey = rawKeyOf(request);
    if (rawKey !== null) this.entries.set(rawKey, { kind: 'alias', answerKey });
  }

  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: () => {
        let target: { key: string; revision: number; day: string } | null = null;
        return Promise.resolve({
          responseForOperation: async (requestContext) => {
            target = await this.answerKeyFor(requestContext);
            const cached = target === null ? undefined : this.answerAt(target.key);
            if (cached === undefined) return null;
            // Same answer, new spelling of the request: remember it so the next one skips GraphQL.
            this.rememberAlias(requestContext.request, target!.key);
            const singleResult = JSON.parse(cached.body.toString('utf8')) as FormattedExecutionResult;
            return { http: requestContext.response.http, body: { kind: 'single', singleResult } };
          },
          willSendResponse: (requestContext) => {
            const body: GraphQLResponse['body'] = requestContext.response.body;
            if (target === null || body.kind !== 'single' || body.singleResult.errors?.length) return Promise.resolve();
            if (this.answerAt(target.key) === undefined) {
              const { data, extensions } = body.singleResult;
              // Apollo's own serialisation (fields in this order, then a newline), so cached bytes equal executed ones.
              const serialised = `${JSON.stringify(extensions === undefined ? { data } : { data, extensions })}\n`;
              const answer: CachedCatalogAnswer = {
                revision: target.revision,
                day: target.day,
                operationName: requestContext.operationName ?? null,
                body: Buffer.from(serialised, 'utf8'),
              };
              if (!this.entries.set(target.key, { kind: 'answer', answer })) return Promise.resolve();
            }
            this.rememberAlias(requestContext.request, target.key);
            return Promise.resolve();
          },
        });
      },
    };
  }
}
