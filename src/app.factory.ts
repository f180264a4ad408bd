import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { MAX_ADVISORY_DOCUMENT_BYTES } from './advisories/advisories.service';
import { AppModule, type AppModuleOptions } from './app.module';
import type { RequestWithPrincipal } from './auth/auth.decorators';
import { AuthService } from './auth/auth.service';
import type { AppConfig } from './common/config/app-config';
import { errorWasLogged } from './common/logging/logged-errors';
import { loggableUrl } from './common/logging/loggable-url';
import { anonymousBodyError, capBodyStream, declaredLengthExceeds, isAnonymousBodyTooLarge } from './common/graphql/anonymous-body-limit';
import { clientKeyOf, RateLimiter } from './common/graphql/rate-limiter';
import { DomainError, ErrorCode } from './common/errors/domain-error';
import { RequestDeadline } from './common/graphql/request-deadline';
import { countTokensUpTo } from './common/graphql/token-count';
import { createRootLogger, PinoNestLogger } from './common/logging/logger';
import { connectionPoolOf } from './common/database/connection-pool';
import { MetricsService } from './common/metrics/metrics.service';
import { createValidationPipe } from './common/validation/validation';
import { CatalogResponseCache, MAX_CACHED_REQUEST_BYTES } from './releases/catalog-response-cache';
import { acceptsHtml } from './pages/browser-routes';
import { badUrlPage, formTooLargePage } from './pages/views/message-page';

export interface CreateAppOptions extends Omit<AppModuleOptions, 'logger'> {
  logger?: PinoLogger;
}

/** Request ids from a proxy are kept when they look like ids, so logs line up across hops. */
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const MiB = 1024 * 1024;

/**
 * The largest request body read at all. Scans and advisory imports have their own, smaller
 * limits that GraphQL answers with a BAD_USER_INPUT naming the argument; this ceiling is only
 * there so that nobody can make a replica buffer and parse an unbounded body. A string inside
 * JSON can take up to twice its bytes (quotes and backslashes are escaped), plus the query.
 */
export function requestBodyLimit(config: Pick<AppConfig, 'scan'>): number {
  return Math.max(64 * MiB, 2 * Math.max(config.scan.maxUploadBytes, MAX_ADVISORY_DOCUMENT_BYTES) + MiB);
}

const GRAPHQL_PATH = '/graphql';

interface BodyError {
  code?: string;
  statusCode?: number;
  message: string;
}

/** A request body Fastify refused before GraphQL saw it: too large, not JSON, wrong content type. */
function isRequestBodyError(error: BodyError): boolean {
  return typeof error.code === 'string' && error.code.startsWith('FST_ERR_CTP_') && (error.statusCode ?? 500) < 500;
}

function graphqlBodyError(error: BodyError, bodyLimit: number, config: AppConfig): { message: string; extensions: Record<string, unknown> } {
  if (isAnonymousBodyTooLarge(error)) return anonymousBodyError(config);
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      message: `The request body is larger than ${bodyLimit} bytes, the most this service reads in one request`,
      extensions: { code: 'BAD_USER_INPUT', limitBytes: bodyLimit },
    };
  }
  return { message: `Malformed GraphQL request: ${error.message}`, extensions: { code: 'BAD_REQUEST' } };
}

/** Only /graphql reads a body; any other path (unknown ones included) reads none past the anonymous limit. */
function otherPathBodyError(config: AppConfig): { statusCode: 413; error: string; message: string } {
  return { statusCode: 413, error: 'Payload Too Large', message: anonymousBodyError(config).message };
}

/**
 * Nest installs its own Fastify error handler (its exception filters answer `{statusCode,
 * message}`). Clients of `/graphql` expect GraphQL-shaped errors even when the body never
 * reached GraphQL, so body errors on that path are answered here and everything else goes on
 * to Nest's handler.
 */
class GraphqlAwareFastifyAdapter extends FastifyAdapter {
  /** Set right after construction (FastifyAdapter's constructor options are generic). */
  config!: AppConfig;

  override setErrorHandler(handler: Parameters<FastifyAdapter['setErrorHandler']>[0]) {
    const bodyLimit = this.getInstance().initialConfig.bodyLimit ?? 0;
    const config = this.config;
    return super.setErrorHandler(function (this: unknown, error: BodyError, request: FastifyRequest, reply: FastifyReply) {
      const path = request.url.split('?', 1)[0];
      if (path !== GRAPHQL_PATH && isAnonymousBodyTooLarge(error)) {
        return reply.code(413).type('application/json; charset=utf-8').send(otherPathBodyError(config));
      }
      if (path === GRAPHQL_PATH && isRequestBodyError(error)) {
        request.log.info({ code: error.code, statusCode: error.statusCode }, 'GraphQL request body refused');
        return reply
          .code(error.statusCode ?? 400)
          .type('application/json; charset=utf-8')
          .send({ errors: [graphqlBodyError(error, bodyLimit, config)] });
      }
      return (handler as (this: unknown, ...args: unknown[]) => unknown).call(this, error, request, reply);
    } as Parameters<FastifyAdapter['setErrorHandler']>[0]);
  }
}

/** Builds the Nest application on Fastify with logging, request ids, metrics and validation; does not listen. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createRootLogger(options.config.logLevel);
  const bodyLimit = requestBodyLimit(options.config);
  const adapter = new GraphqlAwareFastifyAdapter({
    loggerInstance: logger,
    // We log each request once, ourselves, with the fields we want (see onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.config.trustProxy,
    bodyLimit,
    // The router refuses a URL with broken percent-encoding before any hook runs; a browser gets a page saying so.
    frameworkErrors: (error: BodyError, request: FastifyRequest, reply: FastifyReply): void => {
      if (error.code === 'FST_ERR_BAD_URL' && acceptsHtml(request)) {
        void reply.code(400).type('text/html; charset=utf-8').send(badUrlPage(options.config.campusTimeZone));
        return;
      }
      void reply.send(error);
    },
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  adapter.config = options.config;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...options, logger }), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks([]);

  const metrics = app.get(MetricsService);
  const dataSource = app.get(DataSource);
  metrics.watchPool(() => {
    const pool = connectionPoolOf(dataSource);
    return pool ? { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount } : null;
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const seconds = reply.elapsedTime / 1000;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.recordHttpRequest(request.method, route, reply.statusCode, seconds);
    const { logRequests, slowRequestMs } = options.config;
    // A failed request whose error was logged (with this request id) is that one line, not two.
    const worthLogging =
      !errorWasLogged(request) && (logRequests === 'all' || (logRequests === 'errors' && (reply.statusCode >= 400 || reply.elapsedTime >= slowRequestMs)));
    if (worthLogging) {
      request.log[reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : 'info'](
        { method: request.method, url: loggableUrl(request.url), statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 },
        'request completed',
      );
    }
    done();
  });
  installGraphqlRequestHooks(fastify, options.config, app.get(CatalogResponseCache), metrics, app.get(AuthService));
  return app;
}

type GraphqlRequest = FastifyRequest & RequestWithPrincipal & { deadline?: RequestDeadline; capBodyAt?: number };

function tooManyRequests(reply: FastifyReply, waitMs: number, message: (retryAfterSeconds: number) => string): FastifyReply {
  const retryAfterSeconds = Math.ceil(waitMs / 1000);
  return reply
    .code(429)
    .header('retry-after', String(retryAfterSeconds))
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message: message(retryAfterSeconds), extensions: { code: 'RATE_LIMITED', retryAfterSeconds } }] });
}

const isGraphqlPath = (request: FastifyRequest) => request.url.split('?', 1)[0] === GRAPHQL_PATH;

/** The GraphQL document of a POST body or a GET query string. */
function documentOf(request: FastifyRequest): unknown {
  const carrier = (request.method === 'GET' ? request.query : request.body) as { query?: unknown } | null | undefined;
  return carrier?.query;
}

/** Anonymous requests that Apollo would answer in JSON (its default when the client does not ask for another type). */
function mayAnswerFromCache(request: FastifyRequest): boolean {
  const { headers } = request;
  if (request.method !== 'POST' || headers.authorization !== undefined) return false;
  if (!headers['content-type']?.startsWith('application/json')) return false;
  if (Number(headers['content-length'] ?? Infinity) > MAX_CACHED_REQUEST_BYTES) return false;
  const accept = headers.accept;
  return accept === undefined || accept === '*/*' || /^application\/json(;|,|$)/.test(accept);
}

/**
 * What happens to a GraphQL request before Apollo sees it:
 * - anonymous callers are rate limited per client (429 with Retry-After and a GraphQL-shaped error);
 * - the request gets its deadline, which passes when the client disconnects (request-deadline.ts);
 * - an anonymous catalog query answered before is answered from the cache, byte for byte, without
 *   being parsed, validated or executed: it costs about what `{ __typename }` costs.
 */
function installGraphqlRequestHooks(
  fastify: FastifyInstance,
  config: AppConfig,
  catalogCache: CatalogResponseCache,
  metrics: MetricsService,
  auth: AuthService,
): void {
  const { anonymousRateLimit, failedAuthenticationRateLimit: failedAuthLimit, anonymousBodyLimitBytes } = config;
  const limiter = new RateLimiter(anonymousRateLimit.perMinute, anonymousRateLimit.burst);
  const failedAuthentications = new RateLimiter(failedAuthLimit.perMinute, failedAuthLimit.burst);

  /**
   * Resolves the caller before the body is read, so that a bad token costs the client's
   * failed-authentication budget and buys no larger body. The guard uses what is found here,
   * so a valid token is still looked up once.
   */
  async function authenticateEarly(request: GraphqlRequest, header: string | undefined): Promise<void> {
    try {
      request.principal = await auth.authenticate(header);
    } catch (error) {
      request.authenticationError = error instanceof Error ? error : new Error(String(error));
      if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) failedAuthentications.take(clientKeyOf(request.ip));
    }
  }

  /** Refuses a body over the anonymous limit by its declared length, or caps it while it streams when none is declared. */
  function limitAnonymousBody(request: GraphqlRequest, reply: FastifyReply, refusal: () => unknown): FastifyReply | undefined {
    const declared = request.headers['content-length'];
    if (declaredLengthExceeds(declared, anonymousBodyLimitBytes)) {
      return reply.code(413).type('application/json; charset=utf-8').send(refusal());
    }
    // HTTP/1.1 sends a body of undeclared length chunked.
    if (declared === undefined && request.headers['transfer-encoding'] !== undefined) request.capBodyAt = anonymousBodyLimitBytes;
    return undefined;
  }

  fastify.addHook('onRequest', async (request: GraphqlRequest, reply) => {
    if (!isGraphqlPath(request)) {
      // A browser posting a form (the scan page's file) gets a page saying what happened, not JSON.
      if (acceptsHtml(request) && declaredLengthExceeds(request.headers['content-length'], anonymousBodyLimitBytes)) {
        return reply.code(413).type('text/html; charset=utf-8').send(formTooLargePage(anonymousBodyLimitBytes, config.campusTimeZone));
      }
      return limitAnonymousBody(request, reply, () => otherPathBodyError(config));
    }
    const header = request.headers.authorization;
    if (header === undefined) {
      const waitMs = limiter.take(clientKeyOf(request.ip));
      if (waitMs > 0) {
        return tooManyRequests(
          reply,
          waitMs,
          (seconds) =>
            `Too many requests without a token from this address: at most ${anonymousRateLimit.perMinute} a minute (RATE_LIMIT_ANONYMOUS_PER_MINUTE), in bursts of ${anonymousRateLimit.burst}; retry in ${seconds} s or send an API token`,
        );
      }
    } else {
      const waitMs = failedAuthentications.waitFor(clientKeyOf(request.ip));
      if (waitMs > 0) {
        return tooManyRequests(
          reply,
          waitMs,
          (seconds) =>
            `Too many requests with a token that does not authenticate from this address: at most ${failedAuthLimit.perMinute} a minute (RATE_LIMIT_FAILED_AUTH_PER_MINUTE), in bursts of ${failedAuthLimit.burst}; retry in ${seconds} s with a valid API token`,
        );
      }
      await authenticateEarly(request, header);
    }
    if (!request.principal) {
      const refused = limitAnonymousBody(request, reply, () => ({ errors: [anonymousBodyError(config)] }));
      if (refused) return refused;
    }
    const deadline = new RequestDeadline(config.graphql.requestTimeoutMs);
    request.deadline = deadline;
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) deadline.markClientGone();
    });
  });
  fastify.addHook('preParsing', async (request: GraphqlRequest, _reply, payload) => {
    return request.capBodyAt === undefined ? payload : payload.pipe(capBodyStream(request.capBodyAt));
  });
  fastify.addHook('preHandler', async (request, reply) => {
    if (!isGraphqlPath(request)) return;
    const document = documentOf(request);
    const tokens = typeof document === 'string' ? countTokensUpTo(document, config.graphql.maxTokens) : 0;
    if (tokens > config.graphql.maxTokens) {
      return reply
        .code(400)
        .type('application/json; charset=utf-8')
        .send({
          errors: [
            {
              message: `The query document has more than ${config.graphql.maxTokens} tokens, the most this service reads (GRAPHQL_MAX_TOKENS)`,
              extensions: { code: 'BAD_USER_INPUT', limit: 'GRAPHQL_MAX_TOKENS', allowed: config.graphql.maxTokens, measured: tokens },
            },
          ],
        });
    }
    if (!mayAnswerFromCache(request)) return;
    const started = process.hrtime.bigint();
    const answer = await catalogCache.answerBeforeGraphql(request.body ?? {});
    if (answer === null) return;
    metrics.recordOperation(answer.operationName ?? undefined, 'query', 'success', Number(process.hrtime.bigint() - started) / 1e9);
    return reply.code(200).type('application/json; charset=utf-8').send(answer.body);
  });
}
