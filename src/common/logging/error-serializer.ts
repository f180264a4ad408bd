import pino from 'pino';
import { redactDatabaseMessage, sqlStateOf } from '../database/database-errors';

/**
 * Fields of database errors that carry values: TypeORM's `parameters` (the statement's bound
 * values), PostgreSQL's `detail` (`Key (email)=(…) already exists`), `where` and `internalQuery`
 * (may quote them), and `driverError` (the same again). Never written to a log.
 */
const VALUE_BEARING_FIELDS = new Set(['parameters', 'detail', 'where', 'internalQuery', 'driverError', 'hint']);

/** What a database error may show: its class, SQLSTATE, where it happened and the SQL text (placeholders, not values). */
const DATABASE_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'dataType', 'routine', 'query'] as const;

function isDatabaseError(error: Record<string, unknown>): boolean {
  return 'driverError' in error || ('severity' in error && 'routine' in error);
}

/**
 * pino's `err` serializer, except that database errors lose every field that can hold
 * user-supplied values and data-exception messages lose the values they quote.
 */
export function serializeError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const record = error as Record<string, unknown>;
  if (!isDatabaseError(record)) {
    const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
    for (const field of VALUE_BEARING_FIELDS) delete serialized[field];
    return serialized;
  }
  const sqlState = sqlStateOf(error);
  const message = redactDatabaseMessage(typeof record.message === 'string' ? record.message : '', sqlState);
  const type = (error as Error).constructor?.name ?? 'Error';
  const stack =
    typeof record.stack === 'string'
      ? `${type}: ${message}\n${record.stack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .join('\n')}`
      : undefined;
  const driver = (record.driverError ?? {}) as Record<string, unknown>;
  const serialized: Record<string, unknown> = { type, message, stack };
  for (const field of DATABASE_FIELDS) {
    const value = record[field] ?? driver[field];
    if (value !== undefined && value !== null) serialized[field] = value;
  }
  if (sqlState !== undefined) serialized.code = sqlState;
  return serialized;
}

/** An error's message as it may be logged (database values redacted). */
export function loggableMessage(error: Error): string {
  const { message } = serializeError(error) as { message?: unknown };
  return typeof message === 'string' ? message : '';
}
