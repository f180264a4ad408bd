import { describe, expect, it } from 'vitest';
import { serializeError } from './error-serializer';

describe('serializeError', () => {
  it('keeps what locates a database error and drops every field that can hold values', () => {
    const driverError = Object.assign(new Error('invalid input syntax for type integer: "secret"'), {
      code: '22P02',
      severity: 'ERROR',
      routine: 'pg_strtoint32_safe',
      detail: 'Key (email)=(secret@example.edu)',
      where: 'PL/pgSQL function f() line 1',
    });
    const error = Object.assign(new Error(driverError.message), {
      query: 'INSERT INTO users (email) VALUES ($1)',
      parameters: ['secret@example.edu'],
      driverError,
    });
    const serialized = serializeError(error) as Record<string, unknown>;
    expect(JSON.stringify(serialized)).not.toContain('secret');
    expect(serialized).toMatchObject({
      message: 'invalid input syntax for type integer: "[redacted]"',
      code: '22P02',
      routine: 'pg_strtoint32_safe',
      query: 'INSERT INTO users (email) VALUES ($1)',
    });
    expect(serialized.stack).toMatch(/^Error: invalid input syntax for type integer: "\[redacted\]"\n\s+at /);
  });

  it('serializes other errors as pino does', () => {
    expect(serializeError(new TypeError('boom'))).toMatchObject({ type: 'TypeError', message: 'boom' });
  });
});
