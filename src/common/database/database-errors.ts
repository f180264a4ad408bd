/**
 * What a database error means for the caller and what of it may be written to a log. Pure: no
 * framework, no driver imports; errors are inspected by their documented fields (`code`,
 * `errno`, `driverError`, `cause`).
 */

/** The GraphQL `extensions.code` (with HTTP 503) of a request that failed because the database is away. */
export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable; retry in a few seconds';

/** Node's socket errors when the server is down, unreachable or drops the connection. */
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that say the server (not the statement) is the problem: class 08 connection
 * exceptions, the shutdown codes 57P01–57P03 (57P03 is also "starting up" and "in recovery"),
 * 57P05 (idle session timeout) and 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '57P05', '53300'].includes(code);
}

/** node-postgres and pg-pool say "the connection is gone" in words, without a code. */
const CONNECTION_LOST_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /Cannot use a pool after calling end on the pool/,
];

type ErrorLike = { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown; originalError?: unknown };

/** The error and the errors it wraps (TypeORM's driverError, `cause`, AggregateError's list). */
function errorChain(error: unknown, depth = 0): ErrorLike[] {
  if (typeof error !== 'object' || error === null || depth > 5) return [];
  const candidate = error as ErrorLike;
  const nested = [candidate.driverError, candidate.cause, candidate.originalError, ...(Array.isArray(candidate.errors) ? (candidate.errors as unknown[]) : [])];
  return [candidate, ...nested.flatMap((inner) => errorChain(inner, depth + 1))];
}

/** True when the error means "the database cannot be reached or is shutting down", not "this statement is wrong". */
export function isDatabaseUnavailableError(error: unknown): boolean {
  return errorChain(error).some((link) => {
    const code = typeof link.code === 'string' ? link.code : '';
    if (CONNECTION_ERRNOS.has(code) || isUnavailableSqlState(code)) return true;
    const message = typeof link.message === 'string' ? link.message : '';
    return CONNECTION_LOST_MESSAGES.some((pattern) => pattern.test(message));
  });
}

/** The SQLSTATE of a PostgreSQL error, or of the driver error TypeORM wraps. */
export function sqlStateOf(error: unknown): string | undefined {
  for (const link of errorChain(error)) {
    if (typeof link.code === 'string' && /^[0-9A-Z]{5}$/.test(link.code)) return link.code;
  }
  return undefined;
}

/**
 * A PostgreSQL message without the values it quotes. Data exceptions (class 22) echo the value
 * that failed (`invalid input syntax for type uuid: "…"`, `value "…" is out of range`), which is
 * user input; identifiers in other messages (constraint and column names) stay readable.
 */
export function redactDatabaseMessage(message: string, sqlState: string | undefined): string {
  if (sqlState === undefined || !sqlState.startsWith('22')) return message;
  // From the first quote to the last: a value may itself hold quotes.
  return message.replace(/"[\s\S]*"/, '"[redacted]"').replace(/: (?!"\[redacted\]")[^"]*$/, ': [redacted]');
}
