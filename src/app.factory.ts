import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule, type AppModuleOptions } from './app.module';
import { createRootLogger, PinoNestLogger } from './common/logging/logger';
import { MetricsService, type PoolStats } from './common/metrics/metrics.service';
import { createValidationPipe } from './common/validation/validation';

export interface CreateAppOptions extends Omit<AppModuleOptions, 'logger'> {
  logger?: PinoLogger;
}

/** Request ids from a proxy are kept when they look like ids, so logs line up across hops. */
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the Nest application on Fastify with logging, request ids, metrics and validation; does not listen. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createRootLogger(options.config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // We log each request once, ourselves, with the fields we want (see onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: true,
    bodyLimit: Math.max(options.config.scan.maxUploadBytes * 2 + 64 * 1024, 1024 * 1024),
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...options, logger }), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks([]);

  const metrics = app.get(MetricsService);
  const dataSource = app.get(DataSource);
  metrics.watchPool(() => {
    const pool = (dataSource.driver as unknown as { master?: PoolStats }).master;
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
    if (options.config.logRequests) {
      request.log.info(
        { method: request.method, url: request.url, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 },
        'request completed',
      );
    }
    done();
  });
  return app;
}
