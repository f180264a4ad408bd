import { conflict, type DomainError } from './domain-error';

/** PostgreSQL's SQLSTATE for a unique or primary key violation. */
const UNIQUE_VIOLATION = '23505';

interface PostgresErrorFields {
  code?: unknown;
  detail?: unknown;
  table?: unknown;
}

/** The driver's error behind TypeORM's QueryFailedError (or the driver's error itself). */
function postgresFields(error: unknown): PostgresErrorFields | null {
  if (typeof error !== 'object' || error === null) return null;
  const driverError = (error as { driverError?: unknown }).driverError;
  const fields = typeof driverError === 'object' && driverError !== null ? driverError : error;
  return fields;
}

const camelCase = (column: string): string => column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/**
 * The column a unique violation is about, from PostgreSQL's detail `Key (email)=(…) already exists.`
 * (the first plain column of the key: `(application_id, content_hash)` names `applicationId`).
 */
export function uniqueViolationField(detail: string): string | null {
  const key = /^Key \((.*?)\)=/.exec(detail)?.[1];
  const column = key
    ?.split(',')
    .map((part) => part.trim())
    .find((part) => /^[a-z_][a-z0-9_]*$/.test(part));
  return column ? camelCase(column) : null;
}

/**
 * A unique violation the database raised because a concurrent request won a race the service's
 * own "already exists" check could not see, as the CONFLICT that check would have answered.
 * Null for every other error. The value is left out: it may be something the caller may not see.
 */
export function conflictFromUniqueViolation(error: unknown): DomainError | null {
  const fields = postgresFields(error);
  if (fields?.code !== UNIQUE_VIOLATION) return null;
  const field = typeof fields.detail === 'string' ? uniqueViolationField(fields.detail) : null;
  const what = typeof fields.table === 'string' ? fields.table.replace(/_/g, ' ') : 'records';
  const message = field
    ? `Another of the ${what} already has this ${field}; it was created at the same time or just before`
    : `This conflicts with one of the ${what} created at the same time or just before`;
  return conflict(message, field ? { field } : {});
}
