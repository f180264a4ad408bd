import { Readable } from 'node:stream';
import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { PAGES_STYLESHEET } from './assets/stylesheet';
import { acceptsHtml } from './browser-routes';
import { CatalogPagesService } from './catalog-pages.service';
import { notFoundPage, PageResponder, type PageResult } from './page-responder';
import { PageSessionsService } from './sessions/page-sessions.service';
import { cookieValue } from './sessions/cookies';
import { PageVisits, SESSION_COOKIE, type Visit } from './sessions/page-visits';
import { messageMain, shortened } from './views/message-page';
import { releaseMain } from './views/release-page';
import { appMain } from './views/app-page';
import { dashboardMain } from './views/dashboard-page';
import { DashboardPagesService } from './dashboard-pages.service';
import { MigrationsCsvExport } from '../migration-tracking/migrations-csv-export';
import { hasAnyRole } from '../auth/principal';
import { Role } from '../auth/role';
import { AppPagesService } from './app-pages.service';
import { scanMain, type ScanPageData } from './views/scan-page';
import { ScanPagesService } from './scan-pages.service';
import { readScanForm, ScanFormError } from './forms/scan-form';
import { safeNextPath, signInMain } from './views/sign-in-page';

type FormBody = Record<string, unknown> | undefined;

/** The longest release version and application slug looked up from a path; longer ones cannot exist. */
const MAX_VERSION_LENGTH = 64;
const MAX_SLUG_LENGTH = 128;

const scanResult = (data: ScanPageData, status = 200): PageResult => ({
  status,
  content: { title: 'Scan requirements', section: 'scan', main: scanMain(data) },
});

/** The dashboard is for managers and admins: others are sent to sign in, or told. */
function managersOnly(visit: Visit, url: string): PageResult | null {
  if (!visit.principal) return { redirect: `/sign-in?next=${encodeURIComponent(url)}` };
  if (hasAnyRole(visit.principal, [Role.ADMIN, Role.MANAGER])) return null;
  return {
    status: 403,
    content: {
      title: 'Not allowed',
      section: null,
      main: messageMain('Not allowed', ["The migrations dashboard is for managers and admins. Your applications' pages show their migrations."]),
    },
  };
}

export const csrfRefusal = (): PageResult => ({
  status: 403,
  content: {
    title: 'Form refused',
    section: null,
    main: messageMain('Form refused', [
      'This form did not carry the security token this site gave your browser (it may be old, or sent from another site). Nothing was changed.',
      'Reload the page and send the form again.',
    ]),
  },
});

/** Server-rendered pages for people: the catalog, releases, sign-in. */
@Controller()
export class PagesController {
  constructor(
    private readonly responder: PageResponder,
    private readonly catalog: CatalogPagesService,
    private readonly scans: ScanPagesService,
    private readonly apps: AppPagesService,
    private readonly dashboards: DashboardPagesService,
    private readonly migrationsCsv: MigrationsCsvExport,
    private readonly sessions: PageSessionsService,
    private readonly visits: PageVisits,
  ) {}

  @Get('assets/pages.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  stylesheet(): string {
    return PAGES_STYLESHEET;
  }

  @Get()
  async catalogPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('on') on: unknown): Promise<void> {
    await this.responder.respond(request, reply, { forms: false }, async () => {
      const choice = this.catalog.dayOf(on);
      return { status: choice.problem ? 400 : 200, content: { title: 'Runtime catalog', section: 'catalog', main: await this.catalog.catalogMain(choice) } };
    });
  }

  @Get('releases/:version')
  async releasePage(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('version') version: string, @Query('on') on: unknown): Promise<void> {
    await this.responder.respond(request, reply, { forms: false }, async (visit) => {
      const missing = notFoundPage('Release', `There is no runtime release "${shortened(version)}" in the catalog. The catalog page lists every release.`);
      if (version.length > MAX_VERSION_LENGTH) return missing;
      const choice = this.catalog.dayOf(on);
      const data = await this.catalog.releasePage(visit.principal, version, choice);
      if (!data) return missing;
      return { content: { title: `Release ${data.release.version}`, section: 'catalog', main: releaseMain(data) } };
    });
  }

  @Get('apps/:slug')
  async appPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('slug') slug: string): Promise<void> {
    await this.responder.respond(request, reply, { forms: false }, async (visit) => {
      if (!visit.principal) return this.signInFirst(visit, request.url);
      const missing = notFoundPage(
        'Application',
        `There is no application "${shortened(slug)}" that you can see. Applications are visible to their groups' members, their departments' managers and admins.`,
      );
      if (slug.length > MAX_SLUG_LENGTH) return missing;
      try {
        const data = await this.apps.appPage(visit.principal, slug);
        return { content: { title: data.app.name, section: null, main: appMain(data) } };
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return missing;
        throw error;
      }
    });
  }

  @Get('dashboard')
  async dashboardPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('release') release: unknown): Promise<void> {
    await this.responder.respond(request, reply, { forms: false }, async (visit) => {
      if (!visit.principal) return this.signInFirst(visit, request.url);
      const refusal = managersOnly(visit, request.url);
      if (refusal) return refusal;
      const data = await this.dashboards.dashboard(visit.principal, release);
      return { content: { title: 'Migrations dashboard', section: 'dashboard', main: dashboardMain(data) } };
    });
  }

  /** The dashboard's CSV link: the export of `GET /exports/migrations.csv`, for the signed-in browser (which has a session, not a bearer token). */
  @Get('dashboard/migrations.csv')
  async dashboardCsv(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('release') release: unknown): Promise<void> {
    const visit = await this.visits.visit(request, false);
    const refusal = managersOnly(visit, request.url);
    if (refusal) return this.responder.send(reply, visit, refusal);
    let lines: AsyncGenerator<string>;
    try {
      lines = await this.migrationsCsv.lines(visit.principal!, { release: typeof release === 'string' && release !== '' ? release : null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.responder.send(reply, visit, {
        status: 400,
        content: { title: 'Cannot export', section: 'dashboard', main: messageMain('Cannot export', [error.message]) },
      });
    }
    await reply
      .header('content-type', 'text/csv; charset=utf-8; header=present')
      .header('content-disposition', 'attachment; filename="migrations.csv"')
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  }

  @Get('scan')
  async scanPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.responder.respond(request, reply, { forms: true }, async (visit) => scanResult(await this.scans.form(visit.csrfToken)));
  }

  @Post('scan')
  async scan(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    await this.responder.respond(request, reply, { forms: true }, async (visit) => {
      let form;
      try {
        form = readScanForm(request.headers['content-type'], body);
      } catch (error) {
        if (!(error instanceof ScanFormError)) throw error;
        return scanResult({ ...(await this.scans.form(visit.csrfToken)), problem: error.message }, 400);
      }
      if (!this.visits.csrfAccepted(visit, form.csrf)) return csrfRefusal();
      const { status, data } = await this.scans.submit(visit.principal, visit.csrfToken, form);
      return scanResult(data, status);
    });
  }

  @Get('sign-in')
  async signInPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next: unknown,
    @Query('signed-out') signedOut: unknown,
  ): Promise<void> {
    await this.responder.respond(request, reply, { forms: true }, async (visit) => {
      if (visit.principal) return { redirect: safeNextPath(next) };
      return this.signInResult(visit, safeNextPath(next), null, visit.endedReason ?? (signedOut === undefined ? null : 'You are signed out.'));
    });
  }

  @Post('sign-in')
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody): Promise<void> {
    await this.responder.respond(request, reply, { forms: true }, async (visit) => {
      if (!this.visits.csrfAccepted(visit, body?._csrf)) return csrfRefusal();
      const next = safeNextPath(body?.next);
      try {
        const opened = await this.sessions.signIn(typeof body?.token === 'string' ? body.token : '');
        visit.setCookies.push(this.visits.sessionCookie(opened.secret, visit.secure));
        return { redirect: next };
      } catch (error) {
        if (error instanceof DomainError && (error.code === ErrorCode.UNAUTHENTICATED || error.code === ErrorCode.BAD_USER_INPUT)) {
          return { ...this.signInResult(visit, next, `Not signed in: ${error.message}.`, null), status: error.code === ErrorCode.UNAUTHENTICATED ? 401 : 400 };
        }
        throw error;
      }
    });
  }

  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody): Promise<void> {
    await this.responder.respond(request, reply, { forms: true }, async (visit) => {
      if (!this.visits.csrfAccepted(visit, body?._csrf)) return csrfRefusal();
      const secret = cookieValue(request.headers.cookie, SESSION_COOKIE);
      if (secret !== null) await this.sessions.signOut(secret);
      visit.setCookies.push(this.visits.clearSessionCookie(visit.secure));
      visit.principal = null;
      return { redirect: '/sign-in?signed-out=1' };
    });
  }

  /** Any other GET: a real page saying so (static routes, /graphql and the feeds' routes are matched before this one). */
  @Get('*')
  async notFound(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!acceptsHtml(request)) {
      await reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${shortened(request.url.split('?', 1)[0], 200)}` });
      return;
    }
    await this.responder.respond(request, reply, { forms: false }, async () =>
      notFoundPage('Page', `Nothing lives at ${shortened(request.url.split('?', 1)[0])}. The catalog, the scan form and the explorer are linked above.`),
    );
  }

  /** A page that needs a signed-in viewer: the sign-in form, here when a session just ended (to say why), else by redirect. */
  private signInFirst(visit: Visit, url: string): PageResult {
    if (visit.endedReason === null) return { redirect: `/sign-in?next=${encodeURIComponent(url)}` };
    return { ...this.signInResult(visit, safeNextPath(url), null, visit.endedReason), status: 401 };
  }

  private signInResult(visit: Visit, next: string, problem: string | null, info: string | null): PageResult {
    return { content: { title: 'Sign in', section: 'sign-in', main: signInMain({ csrfToken: visit.csrfToken, next, problem, info }) } };
  }
}
