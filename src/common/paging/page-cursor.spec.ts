import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { cursorCodec, cursorValue, MAX_CURSOR_LENGTH } from './page-cursor';

type Order = 'NAME ASC' | 'CREATED_AT ASC';
const apps = cursorCodec<Order, [sortValue: string, id: string]>('applications', (order) => [
  order === 'CREATED_AT ASC' ? cursorValue.timestamp : cursorValue.text(200),
  cursorValue.uuid,
]);
const log = cursorCodec<'NEWEST_FIRST', [id: string]>('auditLog', () => [cursorValue.int64]);
const ID = '7f1c1b7e-2a4c-4d53-9f7e-0a1b2c3d4e5f';
const forge = (payload: unknown): string => Buffer.from(JSON.stringify(payload)).toString('base64url');

function refusal(run: () => unknown): { field: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { field: error.details.field, message: `${error.code}: ${error.message}` };
    throw error;
  }
  throw new Error('the cursor was accepted');
}

describe('cursorCodec', () => {
  it('round-trips the key of its list and order, and reads no cursor as the first page', () => {
    expect(apps.decode(apps.encode('NAME ASC', ['Zoë', ID]), 'NAME ASC')).toEqual(['Zoë', ID]);
    expect(log.decode(log.encode('NEWEST_FIRST', ['9223372036854775807']), 'NEWEST_FIRST')).toEqual(['9223372036854775807']);
    expect(log.decode(null, 'NEWEST_FIRST')).toBeNull();
    expect(log.decode(undefined, 'NEWEST_FIRST')).toBeNull();
  });

  it('is opaque: the cursor shows no key in clear', () => {
    expect(apps.encode('NAME ASC', ['billing', ID])).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(apps.encode('NAME ASC', ['billing', ID])).not.toContain('billing');
  });

  it('refuses a cursor of another list, naming that list', () => {
    const other = log.encode('NEWEST_FIRST', ['5']);
    const { field, message } = refusal(() => apps.decode(other, 'NAME ASC'));
    expect(field).toBe('after');
    expect(message).toMatch(/^BAD_USER_INPUT: after is a cursor of another list \(auditLog\)/);
  });

  it('refuses a cursor issued for another order of the same list', () => {
    const byName = apps.encode('NAME ASC', ['billing', ID]);
    const { field, message } = refusal(() => apps.decode(byName, 'CREATED_AT ASC'));
    expect(field).toBe('after');
    expect(message).toMatch(/after was issued for another order \(NAME ASC\)/);
  });

  it('refuses garbage, forged shapes and overlong cursors as not a cursor', () => {
    const garbage = [
      '',
      'not a cursor',
      'garbage!',
      'x'.repeat(MAX_CURSOR_LENGTH + 1),
      Buffer.from('not json').toString('base64url'),
      forge(null),
      forge(['auditLog', 'NEWEST_FIRST', '5']),
      forge({ list: 'auditLog', order: 'NEWEST_FIRST' }),
      forge({ list: 'auditLog', order: 'NEWEST_FIRST', key: [] }),
      forge({ list: 'auditLog', order: 'NEWEST_FIRST', key: ['5', '6'] }),
    ];
    for (const cursor of garbage) {
      const { field, message } = refusal(() => log.decode(cursor, 'NEWEST_FIRST'));
      expect(field).toBe('after');
      expect(message).toMatch(/^BAD_USER_INPUT: after is not a cursor/);
    }
  });

  it('refuses a cursor of the same list under another parent, and a parent-less one', () => {
    const snapshots = cursorCodec<'NEWEST_FIRST', [id: string]>('Application.snapshots', () => [cursorValue.uuid]);
    const ofGrades = snapshots.encode('NEWEST_FIRST', [ID], 'grades-id');
    expect(snapshots.decode(ofGrades, 'NEWEST_FIRST', 'grades-id')).toEqual([ID]);
    expect(refusal(() => snapshots.decode(ofGrades, 'NEWEST_FIRST', 'books-id')).message).toMatch(
      /after is a cursor of Application.snapshots of another Application/,
    );
    expect(refusal(() => snapshots.decode(snapshots.encode('NEWEST_FIRST', [ID]), 'NEWEST_FIRST', 'books-id')).field).toBe('after');
  });

  it('checks every key value against its kind, so no query sees a value PostgreSQL refuses', () => {
    const badIds = ['9999999999999999999', '9223372036854775808', '0', '-1', '1e3', '0x10', ' 5', 5];
    for (const id of badIds) {
      expect(refusal(() => log.decode(forge({ list: 'auditLog', order: 'NEWEST_FIRST', key: [id] }), 'NEWEST_FIRST')).message).toMatch(
        /holds a value that is not a positive 64-bit integer/,
      );
    }
    const badTimestamps = ['2026-02-30 10:00:00+00', '2026-13-01 10:00:00+00', '2026-01-01 24:00:00+00', '2026-01-01 10:60:00+00', '2026-01-01', 'now'];
    for (const timestamp of badTimestamps) {
      expect(refusal(() => apps.decode(forge({ list: 'applications', order: 'CREATED_AT ASC', key: [timestamp, ID] }), 'CREATED_AT ASC')).message).toMatch(
        /holds a value that is not a timestamp/,
      );
    }
    expect(refusal(() => apps.decode(forge({ list: 'applications', order: 'NAME ASC', key: ['a\u0000b', ID] }), 'NAME ASC')).message).toMatch(/not a text/);
    expect(refusal(() => apps.decode(forge({ list: 'applications', order: 'NAME ASC', key: ['a', 'zzz'] }), 'NAME ASC')).message).toMatch(/not a UUID/);
  });

  it('accepts the timestamps PostgreSQL prints, with microseconds, offsets and leap days', () => {
    for (const timestamp of ['2028-02-29 23:59:59.123456+00', '2026-11-22 15:00:00+05:30', '2026-11-22 15:00:00-03']) {
      expect(apps.decode(apps.encode('CREATED_AT ASC', [timestamp, ID]), 'CREATED_AT ASC')).toEqual([timestamp, ID]);
    }
  });
});
