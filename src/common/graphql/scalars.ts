import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isCalendarDate, parseCalendarDate } from '../../releases/domain/calendar-date';

/** A scalar value the caller got wrong; reported as BAD_USER_INPUT wherever GraphQL catches it. */
export class InvalidScalarValueError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' } });
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
  parseLiteral(ast: ValueNode): string {
    if (ast.kind !== Kind.STRING) throw invalidInput('Date must be a string written YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalidInput(
      `DateTime must be an ISO 8601 instant with a zone, like 2026-11-26T13:00:00Z or 2026-11-26T07:00:00-06:00; got ${JSON.stringify(value)}`,
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
  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw invalidInput('DateTime must be a string in ISO 8601');
    return parseDateTime(ast.value);
  },
});
