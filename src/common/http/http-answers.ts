/**
 * Answers of the plain HTTP routes (feeds, exports): domain errors mapped once to HTTP statuses
 * and one JSON error shape, `{ statusCode, error, message, code }` (Nest's own shape plus the
 * GraphQL error code), so clients of every route read the same thing.
 */
import type { FastifyReply } from 'fastify';
import { DomainError, ErrorCode } from '../errors/domain-error';

const STATUS_BY_CODE: Record<ErrorCode, { statusCode: number; error: string }> = {
  [ErrorCode.BAD_USER_INPUT]: { statusCode: 400, error: 'Bad Request' },
  [ErrorCode.UNAUTHENTICATED]: { statusCode: 401, error: 'Unauthorized' },
  [ErrorCode.FORBIDDEN]: { statusCode: 403, error: 'Forbidden' },
  [ErrorCode.NOT_FOUND]: { statusCode: 404, error: 'Not Found' },
  [ErrorCode.CONFLICT]: { statusCode: 409, error: 'Conflict' },
};

export interface HttpErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: ErrorCode;
  field?: string;
}

export function httpErrorOf(error: DomainError): HttpErrorBody {
  const { statusCode, error: reason } = STATUS_BY_CODE[error.code];
  return { statusCode, error: reason, message: error.message, code: error.code, ...(error.details.field === undefined ? {} : { field: error.details.field }) };
}

/**
 * Sends a domain error as JSON with its status; anything else is rethrown for the global
 * exception filter (logged once, answered 500 without details).
 */
export async function sendError(reply: FastifyReply, error: unknown): Promise<void> {
  if (!(error instanceof DomainError)) throw error;
  const body = httpErrorOf(error);
  if (body.statusCode === 401) void reply.header('www-authenticate', 'Bearer');
  await reply.status(body.statusCode).type('application/json; charset=utf-8').header('cache-control', 'no-store').send(body);
}
