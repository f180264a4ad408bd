import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EXPLORER_SCRIPT } from './assets/explorer-script';
import { PageResponder } from './page-responder';
import { explorerMain } from './views/explorer-page';

/** A browser navigating (it asks for HTML), not an API client. */
export const acceptsHtml = (request: Pick<FastifyRequest, 'headers'>): boolean => (request.headers.accept ?? '').includes('text/html');

/**
 * What the pages add to paths the API owns: `GET /graphql` from a browser gets the explorer
 * instead of Apollo's answer. Every other request to /graphql (POST, or GET asking for JSON)
 * goes on to Apollo unchanged, with its CSRF protection.
 */
@Injectable()
export class BrowserRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly responder: PageResponder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // The scan form sends multipart/form-data (so that a file can be chosen without JavaScript); its size is bounded by the anonymous body limit before this runs.
    fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: this.config.anonymousBodyLimitBytes }, (_request, body, done) =>
      done(null, body),
    );
    fastify.get('/assets/explorer.js', (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(EXPLORER_SCRIPT),
    );
    fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET' || request.url.split('?', 1)[0] !== '/graphql' || !acceptsHtml(request)) return;
      await this.responder.respond(request, reply, { forms: false }, async () => ({
        content: { title: 'GraphQL explorer', section: 'explorer', main: explorerMain() },
      }));
      return reply;
    });
  }
}
