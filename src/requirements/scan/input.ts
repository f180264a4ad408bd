/**
 * Turning the caller's files into text: size limit, strict UTF-8 (UTF-16 when a
 * byte-order mark says so, as pip's `auto_decode` does), and a refusal of binary data.
 * Problems are ScanInputErrors: clear messages naming the file, for the API to return as
 * BAD_USER_INPUT and the CLI as exit code 2.
 */

export type ScanInputErrorCode = 'INPUT_TOO_LARGE' | 'INVALID_ENCODING' | 'BINARY_CONTENT' | 'INVALID_INPUT';

export class ScanInputError extends Error {
  constructor(
    readonly code: ScanInputErrorCode,
    message: string,
    readonly file: string | null = null,
  ) {
    super(message);
    this.name = 'ScanInputError';
  }
}

/** The service's default limit on the bytes of one scan (all files together). */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_FILES = 1000;

export interface ScanFileInput {
  path: string;
  content: string | Uint8Array;
}

export interface DecodedFile {
  path: string;
  text: string;
  bytes: number;
}

/** Offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index];
    if (byte < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) [length, min] = [2, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [length, min] = [3, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [length, min] = [4, 0x10000];
    else return index;
    if (index + length > bytes.length) return index;
    let codePoint = byte & (0xff >> (length + 1));
    for (let offset = 1; offset < length; offset += 1) {
      const continuation = bytes[index + offset];
      if ((continuation & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

function lineAtOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
}

function decodeBytes(path: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const invalid = firstInvalidUtf8Offset(bytes);
  if (invalid >= 0) {
    throw new ScanInputError(
      'INVALID_ENCODING',
      `${path}: not valid UTF-8 (byte 0x${bytes[invalid].toString(16).padStart(2, '0')} at offset ${invalid}, line ${lineAtOffset(bytes, invalid)}); save the file as UTF-8`,
      path,
    );
  }
  // A UTF-8 byte-order mark is kept as U+FEFF; every format reader drops it.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function rejectBinary(path: string, text: string): void {
  const nul = text.indexOf('\u0000');
  if (nul < 0) return;
  let line = 1;
  for (let index = 0; index < nul; index += 1) if (text.charCodeAt(index) === 0x0a) line += 1;
  throw new ScanInputError('BINARY_CONTENT', `${path}: looks like binary data (NUL byte on line ${line}), not a requirements file`, path);
}

export interface DecodeLimits {
  maxBytes?: number;
  maxFiles?: number;
}

/** Validates and decodes every file; the byte limit applies to all files together. */
export function decodeScanFiles(files: readonly ScanFileInput[], limits: DecodeLimits = {}): DecodedFile[] {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxFiles = limits.maxFiles ?? DEFAULT_MAX_FILES;
  // Callers outside TypeScript (a GraphQL or JSON body) can send anything, whatever the parameter's type says.
  const given: unknown = files;
  if (!Array.isArray(given)) throw new ScanInputError('INVALID_INPUT', 'files must be an array of { path, content }');
  if (files.length > maxFiles) throw new ScanInputError('INPUT_TOO_LARGE', `${files.length} files exceed the limit of ${maxFiles} files per scan`);
  let total = 0;
  const seen = new Set<string>();
  return files.map((file, index) => {
    if (typeof file?.path !== 'string' || file.path === '') throw new ScanInputError('INVALID_INPUT', `files[${index}] needs a non-empty path`);
    if (seen.has(file.path)) throw new ScanInputError('INVALID_INPUT', `${file.path} is given twice`, file.path);
    seen.add(file.path);
    const { content } = file;
    if (typeof content !== 'string' && !(content instanceof Uint8Array)) {
      throw new ScanInputError('INVALID_INPUT', `${file.path}: content must be text or bytes`, file.path);
    }
    const bytes = typeof content === 'string' ? utf8Length(content) : content.length;
    total += bytes;
    if (total > maxBytes) {
      throw new ScanInputError(
        'INPUT_TOO_LARGE',
        `${file.path}: the scan exceeds ${maxBytes} bytes (${total} bytes so far); split the files or raise the limit`,
        file.path,
      );
    }
    const text = typeof content === 'string' ? content : decodeBytes(file.path, content);
    rejectBinary(file.path, text);
    return { path: file.path, text, bytes };
  });
}
