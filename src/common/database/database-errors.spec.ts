import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailableError, redactDatabaseMessage, sqlStateOf } from './database-errors';

/** A PostgreSQL error as node-postgres reports it, wrapped the way TypeORM wraps it. */
function queryFailed(code: string, message: string) {
  return Object.assign(new Error(message), { driverError: Object.assign(new Error(message), { code, severity: 'ERROR', routine: 'x' }) });
}

describe('isDatabaseUnavailableError', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a refused connection on every address', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed')],
    ['a server shutting down (57P01)', queryFailed('57P01', 'terminating connection due to administrator command')],
    ['a server not accepting connections (57P03)', queryFailed('57P03', 'the database system is shutting down')],
    ['a connection exception (class 08)', queryFailed('08006', 'connection failure')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    ['a TypeORM error caused by one', Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) })],
  ])('is true for %s', (_case, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', queryFailed('23505', 'duplicate key value violates unique constraint "users_email"')],
    ['a bad value', queryFailed('22P02', 'invalid input syntax for type uuid: "zzz"')],
    ['a bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('is false for %s', (_case, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});

describe('redactDatabaseMessage', () => {
  it('hides the values that data exceptions quote', () => {
    expect(redactDatabaseMessage('invalid input syntax for type uuid: "zzz"', '22P02')).toBe('invalid input syntax for type uuid: "[redacted]"');
    expect(redactDatabaseMessage('value "9999999999999999999" is out of range for type bigint', '22003')).toBe(
      'value "[redacted]" is out of range for type bigint',
    );
    expect(redactDatabaseMessage('invalid input syntax for type integer: "a "quoted" b"', '22P02')).toBe('invalid input syntax for type integer: "[redacted]"');
    expect(redactDatabaseMessage('invalid byte sequence for encoding "UTF8": 0x00', '22021')).toBe(
      'invalid byte sequence for encoding "[redacted]": [redacted]',
    );
  });

  it('keeps identifiers in other messages', () => {
    const message = 'duplicate key value violates unique constraint "users_email"';
    expect(redactDatabaseMessage(message, '23505')).toBe(message);
  });
});

describe('sqlStateOf', () => {
  it('finds the SQLSTATE of the driver error TypeORM wraps, not a socket error code', () => {
    expect(sqlStateOf(queryFailed('23505', 'x'))).toBe('23505');
    expect(sqlStateOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeUndefined();
  });
});
