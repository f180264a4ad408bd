/**
 * Python's notion of whitespace and line breaks, which differs from JavaScript's: pip
 * splits requirements files with `str.splitlines()` and strips them with `str.strip()`,
 * and its comment regex uses `\s` in Unicode mode. Matching pip line for line needs
 * exactly the same character classes.
 */

export { isPythonWhitespace, pythonStrip as stripPythonWhitespace } from '../pep440/python-text';

/** Line boundaries of `str.splitlines()`: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029. */
function isPythonLineBreak(code: number): boolean {
  return (
    code === 0x0a ||
    code === 0x0d ||
    code === 0x0b ||
    code === 0x0c ||
    code === 0x1c ||
    code === 0x1d ||
    code === 0x1e ||
    code === 0x85 ||
    code === 0x2028 ||
    code === 0x2029
  );
}

// eslint-disable-next-line no-control-regex -- these control characters are the line breaks Python's str.splitlines() knows
const UNUSUAL_LINE_BREAK = /[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;

/** `str.splitlines()`: no trailing empty line when the text ends with a line break. */
export function splitPythonLines(text: string): string[] {
  if (!UNUSUAL_LINE_BREAK.test(text)) {
    // Plain \n files, the common case, split natively.
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  }
  const lines: string[] = [];
  let start = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (!isPythonLineBreak(code)) {
      index += 1;
      continue;
    }
    lines.push(text.slice(start, index));
    index += code === 0x0d && text.charCodeAt(index + 1) === 0x0a ? 2 : 1;
    start = index;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** `str.strip(chars)` for a single character. */
export function stripCharacter(text: string, character: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === character) start += 1;
  while (end > start && text[end - 1] === character) end -= 1;
  return text.slice(start, end);
}
