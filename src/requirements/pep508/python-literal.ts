/**
 * Decoding of a quoted marker value the way packaging does it: with Python's
 * `ast.literal_eval`, so `'\x41'` is `A` and `"a\
 * b"` is `ab`. Failures that Python reports as SyntaxError (an unterminated string, a
 * bad `\x`/`\u`/`\U` escape, a raw newline or NUL, an unpaired surrogate) throw
 * PythonLiteralError.
 *
 * Not supported: `\N{UNICODE NAME}` escapes, which need Python's Unicode name database;
 * they throw PythonLiteralError where Python would look the name up.
 */

export class PythonLiteralError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PythonLiteralError';
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function isOctalDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '7';
}

function readHex(body: string, start: number, length: number, escape: string): number {
  const digits = body.slice(start, start + length);
  if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) {
    throw new PythonLiteralError(`(unicode error) truncated ${escape} escape`);
  }
  return parseInt(digits, 16);
}

function hasUnpairedSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/** Value of a Python string literal token including its quotes (`'...'` or `"..."`, no prefix). */
export function decodePythonStringLiteral(token: string): string {
  const body = token.slice(1, -1);
  if (body.includes('\u0000')) throw new PythonLiteralError('source code string cannot contain null bytes');
  if (hasUnpairedSurrogate(body)) throw new PythonLiteralError("'utf-8' codec can't encode a surrogate");
  let value = '';
  let i = 0;
  while (i < body.length) {
    const character = body[i];
    if (character === '\n' || character === '\r') throw new PythonLiteralError('unterminated string literal');
    if (character !== '\\') {
      value += character;
      i++;
      continue;
    }
    const escaped = body[i + 1];
    if (escaped === undefined) throw new PythonLiteralError('unterminated string literal');
    if (escaped === '\n') {
      i += 2;
    } else if (escaped === '\r') {
      i += body[i + 2] === '\n' ? 3 : 2;
    } else if (escaped in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[escaped];
      i += 2;
    } else if (isOctalDigit(escaped)) {
      let end = i + 2;
      while (end < i + 4 && isOctalDigit(body[end])) end++;
      value += String.fromCharCode(parseInt(body.slice(i + 1, end), 8));
      i = end;
    } else if (escaped === 'x') {
      value += String.fromCharCode(readHex(body, i + 2, 2, '\\xXX'));
      i += 4;
    } else if (escaped === 'u') {
      value += String.fromCharCode(readHex(body, i + 2, 4, '\\uXXXX'));
      i += 6;
    } else if (escaped === 'U') {
      const codePoint = readHex(body, i + 2, 8, '\\UXXXXXXXX');
      if (codePoint > 0x10ffff) throw new PythonLiteralError('(unicode error) illegal Unicode character');
      value += String.fromCodePoint(codePoint);
      i += 10;
    } else if (escaped === 'N') {
      throw new PythonLiteralError('\\N{...} escapes are not supported');
    } else {
      // Unknown escapes keep their backslash (Python only warns).
      value += '\\';
      i++;
    }
  }
  return value;
}
