import { describe, expect, it } from 'vitest';
import { decodeScanFiles, firstInvalidUtf8Offset, ScanInputError } from './input';

function errorOf(run: () => unknown): ScanInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScanInputError) return error;
    throw error;
  }
  throw new Error('expected a ScanInputError');
}

describe('decodeScanFiles', () => {
  it('decodes UTF-8 bytes, keeps a BOM for the readers, and reads UTF-16 with a BOM', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Django==2.0.7\n')]);
    expect(decodeScanFiles([{ path: 'a.txt', content: utf8 }])[0].text).toBe('\ufeffDjango==2.0.7\n');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'six\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeScanFiles([{ path: 'b.txt', content: utf16 }])[0].text).toBe('six\n');
  });

  it('names the byte and line of invalid UTF-8', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('ok==1\nbad'), 0xc3, 0x28]);
    const error = errorOf(() => decodeScanFiles([{ path: 'r.txt', content: bytes }]));
    expect(error.code).toBe('INVALID_ENCODING');
    expect(error.message).toBe('r.txt: not valid UTF-8 (byte 0xc3 at offset 9, line 2); save the file as UTF-8');
  });

  it('refuses binary data', () => {
    const error = errorOf(() => decodeScanFiles([{ path: 'r.txt', content: 'a==1\n\u0000\u0001' }]));
    expect(error).toMatchObject({ code: 'BINARY_CONTENT', file: 'r.txt' });
    expect(error.message).toContain('NUL byte on line 2');
  });

  it('enforces the byte limit over all files together', () => {
    const error = errorOf(() =>
      decodeScanFiles(
        [
          { path: 'a.txt', content: 'x'.repeat(600) },
          { path: 'b.txt', content: 'é'.repeat(300) },
        ],
        { maxBytes: 1000 },
      ),
    );
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.message).toBe('b.txt: the scan exceeds 1000 bytes (1200 bytes so far); split the files or raise the limit');
    expect(decodeScanFiles([{ path: 'a.txt', content: 'x'.repeat(1000) }], { maxBytes: 1000 })).toHaveLength(1);
  });

  it('refuses malformed input shapes', () => {
    expect(errorOf(() => decodeScanFiles([{ path: '', content: '' }])).code).toBe('INVALID_INPUT');
    expect(
      errorOf(() =>
        decodeScanFiles([
          { path: 'a', content: '' },
          { path: 'a', content: '' },
        ]),
      ).message,
    ).toBe('a is given twice');
    expect(errorOf(() => decodeScanFiles([{ path: 'a', content: 42 as unknown as string }])).code).toBe('INVALID_INPUT');
    expect(
      errorOf(() =>
        decodeScanFiles(
          Array.from({ length: 3 }, (_, i) => ({ path: `${i}`, content: '' })),
          { maxFiles: 2 },
        ),
      ).code,
    ).toBe('INPUT_TOO_LARGE');
  });
});

describe('firstInvalidUtf8Offset', () => {
  it('agrees with a fatal TextDecoder on random bytes', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (let round = 0; round < 5000; round += 1) {
      const bytes = new Uint8Array(Array.from({ length: random() % 12 }, () => (random() % 3 === 0 ? 0x80 | (random() & 0x7f) : random())));
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8Offset(bytes) === -1, Array.from(bytes).join(',')).toBe(valid);
    }
  });

  it('rejects overlong forms, surrogates and code points above U+10FFFF', () => {
    expect(firstInvalidUtf8Offset(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8Offset(new Uint8Array([0x41, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Offset(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8Offset(new Uint8Array([0xf0, 0x9f, 0x98, 0x80]))).toBe(-1);
  });
});
