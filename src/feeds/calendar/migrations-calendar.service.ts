import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { todayIn } from '../../calendar/calendar-date';
import { Clock } from '../../common/clock/clock';
import type { AppConfig } from '../../common/config/app-config';
import { APP_CONFIG } from '../../common/config/config.module';
import { badInput } from '../../common/errors/domain-error';
import { MigrationsService } from '../../migration-tracking/migrations.service';
import { FeedTokensService } from '../feed-tokens/feed-tokens.service';
import { ICS_CONTENT_TYPE } from './ics';
import { migrationsCalendar, type DeadlineGrouping } from './migrations-calendar';

export interface MigrationsCalendarRequest {
  token?: unknown;
  by?: unknown;
  department?: unknown;
  group?: unknown;
}

/** The longest department or group name the filters take (longer ones cannot exist). */
const MAX_FILTER_LENGTH = 200;

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_FILTER_LENGTH)
    throw badInput(field, `${field} must be given once, as text of at most ${MAX_FILTER_LENGTH} characters`);
  return value;
}

function groupingOf(value: unknown): DeadlineGrouping {
  if (value === undefined || value === '') return 'DEPARTMENT';
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (upper === 'DEPARTMENT' || upper === 'GROUP') return upper;
  throw badInput('by', `by must be DEPARTMENT or GROUP (how deadlines are grouped), got ${JSON.stringify(value)}`);
}

/**
 * The private migrations calendar, read with a feed token as its owner: per request (each user
 * sees their own), not cached, but with an ETag so a polling calendar client gets a 304.
 */
@Injectable()
export class MigrationsCalendarService {
  constructor(
    private readonly feedTokens: FeedTokensService,
    private readonly migrations: MigrationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(request: MigrationsCalendarRequest): Promise<{ body: Buffer; etag: string; contentType: string }> {
    const token = typeof request.token === 'string' ? request.token : null;
    const by = groupingOf(request.by);
    const department = optionalText(request.department, 'department');
    const group = optionalText(request.group, 'group');
    const principal = await this.feedTokens.authenticate(token);
    const deadlines = await this.migrations.deadlines(principal, { by, department, group });
    const today = todayIn(this.config.campusTimeZone, this.clock.now());
    const body = Buffer.from(migrationsCalendar(deadlines, this.config.maintenanceCalendar, { by, today, publicUrl: this.config.publicUrl }), 'utf8');
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`, contentType: ICS_CONTENT_TYPE };
  }
}
