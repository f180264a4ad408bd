import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseMultipart } from './multipart';

const body = (boundary: string, parts: string[]) => Buffer.from(parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('') + `--${boundary}--\r\n`);

describe('boundaryOf', () => {
  it('reads quoted and bare boundaries of multipart/form-data only', () => {
    expect(boundaryOf('multipart/form-data; boundary=----abc123')).toBe('----abc123');
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/x-www-form-urlencoded')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
  });
});

describe('parseMultipart', () => {
  it('reads text fields and files, keeping bytes and line breaks', () => {
    const parts = parseMultipart(
      body('XyZ', [
        'Content-Disposition: form-data; name="_csrf"\r\n\r\ntok',
        'Content-Disposition: form-data; name="file"; filename="requirements.txt"\r\nContent-Type: text/plain\r\n\r\ndjango==1.11\r\nrequests\r\n',
        'Content-Disposition: form-data; name="empty"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n',
      ]),
      'XyZ',
    );
    expect(parts.map((part) => [part.name, part.filename, part.content.toString()])).toEqual([
      ['_csrf', null, 'tok'],
      ['file', 'requirements.txt', 'django==1.11\r\nrequests\r\n'],
      ['empty', '', ''],
    ]);
  });

  it('refuses a body cut short and too many parts', () => {
    expect(() => parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'), 'b')).toThrow(MultipartError);
    const many = body(
      'b',
      Array.from({ length: 3 }, (_, i) => `Content-Disposition: form-data; name="f${i}"\r\n\r\nx`),
    );
    expect(() => parseMultipart(many, 'b', 2)).toThrow(/more than 2 fields/);
  });
});
