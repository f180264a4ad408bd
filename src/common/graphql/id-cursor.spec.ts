import { describe, expect, it } from 'vitest';
import { decodeIdCursor, encodeIdCursor } from './id-cursor';

describe('id cursors', () => {
  it('round-trip an id of their kind', () => {
    expect(decodeIdCursor('audit', encodeIdCursor('audit', '42'), 'auditLog')).toBe('42');
  });

  it('refuse a cursor of another kind, garbage and ids that are not numbers', () => {
    for (const cursor of [encodeIdCursor('other', '42'), 'not-a-cursor', encodeIdCursor('audit', '4x'), encodeIdCursor('audit', '')]) {
      expect(() => decodeIdCursor('audit', cursor, 'auditLog')).toThrow(/earlier auditLog page/);
    }
  });
});
