import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CatalogFeedsService } from '../catalog-feeds.service';
import { serveDocument } from '../http/send-document';

/** iCalendar feeds calendar clients subscribe to. */
@Controller('calendar')
export class CalendarController {
  constructor(private readonly feeds: CatalogFeedsService) {}

  @Get('releases.ics')
  releases(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return serveDocument(request, reply, () => this.feeds.releasesCalendar());
  }

  @Get('maintenance.ics')
  maintenance(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return serveDocument(request, reply, () => this.feeds.maintenanceCalendar());
  }
}
