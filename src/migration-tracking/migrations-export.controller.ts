import { Readable } from 'node:stream';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service';
import { DomainError, ErrorCode, unauthenticated } from '../common/errors/domain-error';
import { MigrationsCsvExport } from './migrations-csv-export';
import type { MigrationFilter } from './migrations.service';

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
};

const TEXT_PARAMETERS = ['release', 'department', 'group'] as const;
const LIST_PARAMETERS = ['status', 'risk'] as const;
const MAX_PARAMETER_LENGTH = 200;

/** The query string as a filter: each parameter at most once; status and risk comma-separated. */
function filterOf(query: Record<string, unknown>): MigrationFilter {
  for (const name of Object.keys(query)) {
    if (!(TEXT_PARAMETERS as readonly string[]).includes(name) && !(LIST_PARAMETERS as readonly string[]).includes(name)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `${name}: unknown parameter; expected ${[...TEXT_PARAMETERS, ...LIST_PARAMETERS].join(', ')}`, {
        field: name,
      });
    }
    const value = query[name];
    if (typeof value !== 'string' || value.length > MAX_PARAMETER_LENGTH) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `${name}: give it once, at most ${MAX_PARAMETER_LENGTH} characters`, { field: name });
    }
  }
  const text = (name: string) => (typeof query[name] === 'string' && query[name] !== '' ? query[name] : null);
  const list = (name: string) =>
    text(name)
      ?.split(',')
      .map((value) => value.trim().toUpperCase()) ?? null;
  return {
    release: text('release'),
    department: text('department'),
    group: text('group'),
    status: list('status') as MigrationFilter['status'],
    risk: list('risk') as MigrationFilter['risk'],
  };
}

/** `GET /exports/migrations.csv`: the migrations the bearer may see, streamed in batches so memory stays flat. */
@Controller('exports')
export class MigrationsExportController {
  constructor(
    private readonly auth: AuthService,
    private readonly csv: MigrationsCsvExport,
  ) {}

  @Get('migrations.csv')
  async exportCsv(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    let lines: AsyncGenerator<string>;
    try {
      const header = request.headers.authorization;
      const principal = await this.auth.authenticate(header);
      if (principal === null) throw unauthenticated('This export needs an API token: send "Authorization: Bearer <token>"');
      // Everything the caller got wrong is answered before the first byte of CSV.
      lines = await this.csv.lines(principal, filterOf((request.query ?? {}) as Record<string, unknown>));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await reply
        .status(HTTP_STATUS[error.code])
        .header('cache-control', 'no-store')
        .send({ error: error.code, message: error.message, ...(error.details.field ? { field: error.details.field } : {}) });
      return;
    }
    await reply
      .header('content-type', 'text/csv; charset=utf-8; header=present')
      .header('content-disposition', 'attachment; filename="migrations.csv"')
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  }
}
