import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { markErrorLogged } from '../common/logging/logged-errors';
import { PageVisits, type Visit } from './sessions/page-visits';
import { renderPage, type PageContent } from './views/layout';
import { messageMain } from './views/message-page';

/** What a page handler decides: a page with its status, or a redirect (303: the browser follows with GET). */
export type PageResult = { status?: number; content: PageContent } | { redirect: string };

/**
 * Same-origin everything: no inline script or style, no framing, forms only to this site. The
 * explorer's script is a file of this service too.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const notFoundPage = (what: string, explanation: string): PageResult => ({
  status: 404,
  content: { title: 'Not found', section: null, main: messageMain(`${what} not found`, [explanation]) },
});

/** Answers page requests: resolves the visitor, runs the handler, and turns every failure into a page (never a stack trace). */
@Injectable()
export class PageResponder {
  constructor(
    private readonly visits: PageVisits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async respond(request: FastifyRequest, reply: FastifyReply, options: { forms: boolean }, handler: (visit: Visit) => Promise<PageResult>): Promise<void> {
    let visit: Visit | null = null;
    let result: PageResult;
    try {
      visit = await this.visits.visit(request, options.forms);
      result = await handler(visit);
    } catch (error) {
      result = this.failurePage(request, error);
    }
    this.send(reply, visit ?? { principal: null, csrfToken: '', endedReason: null, secure: false, setCookies: [] }, result);
  }

  send(reply: FastifyReply, visit: Visit, result: PageResult): void {
    if (visit.setCookies.length > 0) void reply.header('set-cookie', visit.setCookies);
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin');
    if ('redirect' in result) {
      void reply.code(303).header('location', result.redirect).header('cache-control', 'no-store').send();
      return;
    }
    // Signed-in pages show what only this user may see: never stored by a cache.
    const cacheControl = visit.principal !== null || visit.setCookies.length > 0 ? 'no-store' : 'no-cache';
    void reply
      .code(result.status ?? 200)
      .type('text/html; charset=utf-8')
      .header('cache-control', cacheControl)
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .send(renderPage(this.visits.viewerOf(visit, this.config.campusTimeZone), result.content));
  }

  private failurePage(request: FastifyRequest, error: unknown): PageResult {
    if (error instanceof DomainError) {
      switch (error.code) {
        case ErrorCode.NOT_FOUND:
          return notFoundPage('Page', error.message);
        case ErrorCode.FORBIDDEN:
          return { status: 403, content: { title: 'Not allowed', section: null, main: messageMain('Not allowed', [error.message]) } };
        case ErrorCode.UNAUTHENTICATED:
          return { redirect: `/sign-in?next=${encodeURIComponent(request.url)}` };
        default:
          return { status: 400, content: { title: 'Cannot show this page', section: null, main: messageMain('Cannot show this page', [error.message]) } };
      }
    }
    request.log.error({ err: error, method: request.method, url: request.url }, 'Page failed');
    markErrorLogged(request);
    return {
      status: 500,
      content: {
        title: 'Something went wrong',
        section: null,
        main: messageMain('Something went wrong', [
          `The service could not build this page. Try again; if it keeps failing, tell the platform team the request id ${request.id}.`,
        ]),
      },
    };
  }
}
