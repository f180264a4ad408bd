import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CatalogFeedsService } from '../catalog-feeds.service';
import { sendError } from '../../common/http/http-answers';
import { isNotModified } from '../http/conditional-get';
import { serveDocument } from '../http/send-document';
import { MigrationsCalendarService, type MigrationsCalendarRequest } from './migrations-calendar.service';

/** iCalendar feeds calendar clients subscribe to. */
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly feeds: CatalogFeedsService,
    private readonly migrations: MigrationsCalendarService,
  ) {}

  @Get('releases.ics')
  releases(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return serveDocument(request, reply, () => this.feeds.releasesCalendar());
  }

  @Get('maintenance.ics')
  maintenance(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return serveDocument(request, reply, () => this.feeds.maintenanceCalendar());
  }

  /**
   * `?token=<feed token>[&by=DEPARTMENT|GROUP][&department=…][&group=…]`. Private: never stored by
   * shared caches; an ETag (not Last-Modified: migrations finish at any time of day) lets a
   * polling client get a 304.
   */
  @Get('migrations.ics')
  async migrationDeadlines(@Query() query: MigrationsCalendarRequest, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const calendar = await this.migrations.render(query);
      void reply.header('etag', calendar.etag).header('cache-control', 'private, no-cache').header('referrer-policy', 'no-referrer');
      if (isNotModified({ 'if-none-match': request.headers['if-none-match'] }, { etag: calendar.etag, lastModified: new Date(0) })) {
        await reply.status(304).send();
        return;
      }
      await reply.status(200).type(calendar.contentType).send(calendar.body);
    } catch (error) {
      await sendError(reply, error);
    }
  }
}
