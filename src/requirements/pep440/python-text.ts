/**
 * The few pieces of Python's string semantics that packaging's answers depend on.
 * JavaScript's built-ins differ in small ways (`\s` includes U+FEFF but not U+001C–U+001F
 * or U+0085; `<` on strings compares UTF-16 code units, not code points), and those small
 * ways change whether a specifier or marker is valid, so they are spelled out here.
 */

/** Python's `str.isspace()`, which is also what `\s` means in a `str` regex and what `str.strip()` removes. */
export function isPythonWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's `str.strip()` with no argument. */
export function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Index of the first non-whitespace character at or after `from`. */
export function skipPythonWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isPythonWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** Python's ordering of `str` values: by code point, so astral characters sort after U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when both are surrogates does UTF-16 order agree with code point order;
    // a surrogate against a BMP character above U+D7FF must be lifted above U+FFFF.
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) {
      const liftedX = xSurrogate ? 0x10000 : x;
      const liftedY = ySurrogate ? 0x10000 : y;
      if (liftedX !== liftedY) return liftedX < liftedY ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

const WORD_CHARACTER = /^[\p{L}\p{N}_]$/u;

/**
 * Whether Python's `\b` treats this code point as part of a word (`str.isalnum()` or `_`).
 * Unicode letters and numbers; the Unicode version may differ slightly from Python 3.11's.
 */
export function isPythonWordCodePoint(codePoint: number): boolean {
  if (codePoint < 0x80) {
    return (
      (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a) || codePoint === 0x5f
    );
  }
  return WORD_CHARACTER.test(String.fromCodePoint(codePoint));
}

/** The code point that ends just before UTF-16 index `index`, or -1 at the start. */
export function codePointBefore(text: string, index: number): number {
  if (index <= 0) return -1;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** The code point starting at UTF-16 index `index`, or -1 at the end. */
export function codePointAtIndex(text: string, index: number): number {
  if (index >= text.length) return -1;
  return text.codePointAt(index) ?? -1;
}

/** Python's `\b` at a UTF-16 index: a word character on exactly one side. */
export function isPythonWordBoundary(text: string, index: number): boolean {
  const before = codePointBefore(text, index);
  const after = codePointAtIndex(text, index);
  const wordBefore = before >= 0 && isPythonWordCodePoint(before);
  const wordAfter = after >= 0 && isPythonWordCodePoint(after);
  return wordBefore !== wordAfter;
}

/** Number of code points in `text` before UTF-16 index `index` (Python's string positions). */
export function codePointOffset(text: string, index: number): number {
  let count = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < index) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function escapeForRepr(codePoint: number, quote: string): string {
  const character = String.fromCodePoint(codePoint);
  if (codePoint > 0x20 && codePoint < 0x7f && character !== '\\' && character !== quote) return character;
  if (character === '\\') return '\\\\';
  if (character === quote) return `\\${quote}`;
  if (character === '\t') return '\\t';
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (codePoint === 0x20 || !NOT_PRINTABLE.test(character)) return character;
  const hex = codePoint.toString(16);
  if (codePoint < 0x100) return `\\x${hex.padStart(2, '0')}`;
  if (codePoint < 0x10000) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/** Python's `repr()` of a `str`, used where packaging puts `{value!r}` in a message. */
export function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const character of text) out += escapeForRepr(character.codePointAt(0) ?? 0, quote);
  return out + quote;
}
