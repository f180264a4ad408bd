import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isCalendarDate, parseCalendarDate } from '../../calendar/calendar-date';

/** A scalar value the caller got wrong; reported as BAD_USER_INPUT wherever GraphQL catches it. */
export class InvalidScalarValueError extends GraphQLError {
  /** `literal`: the value written in the query, so that the error can name its argument. */
  constructor(message: string, literal?: ValueNode) {
    super(message, { nodes: literal, extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/** Parses a literal written in the query as a string, reporting any problem at that literal. */
function parseStringLiteral<T>(ast: ValueNode, notAString: string, parse: (value: string) => T): T {
  try {
    if (ast.kind !== Kind.STRING) throw invalidInput(notAString);
    return parse(ast.value);
  } catch (error) {
    if (error instanceof InvalidScalarValueError) throw new InvalidScalarValueError(error.message, ast);
    throw error;
  }
}

function invalidInput(message: string): GraphQLError {
  return new InvalidScalarValueError(message);
}

function parseDate(value: unknown): string {
  try {
    return parseCalendarDate(value, 'Date');
  } catch (error) {
    throw invalidInput((error as Error).message);
  }
}

/** A calendar date written `YYYY-MM-DD`, without time or zone (a support window's first or last day). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date written YYYY-MM-DD (no time, no time zone).',
  serialize(value: unknown): string {
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parseDate,
  parseLiteral: (ast: ValueNode): string => parseStringLiteral(ast, 'Date must be a string written YYYY-MM-DD', parseDate),
});

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Every part within its range: `Date.parse` rolls February 30th over into March and takes
 * 24:00 as the next day's midnight, which would store an instant nobody wrote.
 */
function isRealInstant(value: string): boolean {
  const parts = ISO_INSTANT.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = parts.slice(1).map((part) => Number(part ?? 0));
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59
  );
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !isRealInstant(value) || Number.isNaN(Date.parse(value))) {
    throw invalidInput(
      `DateTime must be an ISO 8601 instant with a zone, like 2026-11-26T13:00:00Z or 2026-11-26T07:00:00-06:00, naming a real day and time; got ${JSON.stringify(value)}`,
    );
  }
  return new Date(value);
}

/** An instant, written in ISO 8601 with a zone; always answered in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in ISO 8601 with a time zone offset, e.g. 2026-11-26T13:00:00Z.',
  serialize(value: unknown): string {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast: ValueNode): Date => parseStringLiteral(ast, 'DateTime must be a string in ISO 8601', parseDateTime),
});
