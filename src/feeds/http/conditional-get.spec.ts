import { describe, expect, it } from 'vitest';
import { isNotModified } from './conditional-get';

const validators = { etag: '"abc"', lastModified: new Date('2026-11-01T10:00:00Z') };

describe('isNotModified', () => {
  it('matches If-None-Match by opaque tag, weak or strong, in a list or as *', () => {
    expect(isNotModified({ 'if-none-match': '"abc"' }, validators)).toBe(true);
    expect(isNotModified({ 'if-none-match': 'W/"abc"' }, validators)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"x", "abc"' }, validators)).toBe(true);
    expect(isNotModified({ 'if-none-match': '*' }, validators)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"abd"' }, validators)).toBe(false);
  });

  it('lets If-None-Match win over If-Modified-Since', () => {
    expect(isNotModified({ 'if-none-match': '"old"', 'if-modified-since': 'Sun, 01 Nov 2026 10:00:00 GMT' }, validators)).toBe(false);
  });

  it('compares If-Modified-Since with the last modification, to the second', () => {
    expect(isNotModified({ 'if-modified-since': 'Sun, 01 Nov 2026 10:00:00 GMT' }, validators)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Sun, 01 Nov 2026 09:59:59 GMT' }, validators)).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'yesterday' }, validators)).toBe(false);
    expect(isNotModified({}, validators)).toBe(false);
  });
});
