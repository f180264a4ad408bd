import type { Logger as PinoLogger } from 'pino';
import type { Logger as TypeOrmLoggerInterface } from 'typeorm';
import { redactDatabaseMessage, sqlStateOf } from '../database/database-errors';

/** SQL text is bounded in logs: a bulk insert's statement can run to megabytes. */
const MAX_LOGGED_SQL = 2_000;

function sqlText(query: string): string {
  return query.length > MAX_LOGGED_SQL ? `${query.slice(0, MAX_LOGGED_SQL)}… (${query.length} characters)` : query;
}

/**
 * TypeORM's log lines as the service's JSON lines, never with the statement's parameters (they
 * are user input). A failed query is logged at debug only: the error reaches its caller, which
 * logs it once as the request's error (see error-logging.plugin.ts); logging it here too made
 * every failure two lines.
 */
export class TypeOrmPinoLogger implements TypeOrmLoggerInterface {
  private readonly logger: PinoLogger;

  constructor(logger: PinoLogger) {
    this.logger = logger.child({ context: 'TypeORM' });
  }

  logQuery(query: string): void {
    if (this.logger.isLevelEnabled('trace')) this.logger.trace({ query: sqlText(query) }, 'query');
  }

  logQueryError(error: string | Error, query: string): void {
    if (!this.logger.isLevelEnabled('debug')) return;
    const sqlState = sqlStateOf(error);
    const message = redactDatabaseMessage(typeof error === 'string' ? error : error.message, sqlState);
    this.logger.debug({ query: sqlText(query), code: sqlState }, `query failed: ${message}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query: sqlText(query), durationMs: time }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = message instanceof Error ? message.message : String(message);
    if (level === 'warn') this.logger.warn(text);
    else this.logger.info(text);
  }
}
