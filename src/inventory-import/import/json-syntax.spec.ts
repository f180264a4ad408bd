import { describe, it, expect } from 'vitest';
import { parseJsonWithPosition } from './json-syntax';

const failure = (text: string) => {
  const result = parseJsonWithPosition(text);
  return result.ok ? null : { line: result.line, column: result.column, message: result.message };
};

describe('parseJsonWithPosition', () => {
  it('answers the value of valid JSON', () => {
    expect(parseJsonWithPosition('{"a": [1, "x", null, true]}')).toEqual({ ok: true, value: { a: [1, 'x', null, true] } });
  });

  it('names the line and column of the first error', () => {
    expect(failure('{\n  "a": 1,\n  "b": }')).toEqual({ line: 3, column: 8, message: expect.stringMatching(/^expected a value .* found "}"$/) });
    expect(failure('{"a": 1,}')).toEqual({ line: 1, column: 9, message: 'expected a key in double quotes, found "}"' });
    expect(failure('[1 2]')).toEqual({ line: 1, column: 4, message: 'expected "," or "]", found "2"' });
    expect(failure('{"a" 1}')).toEqual({ line: 1, column: 6, message: 'expected ":", found "1"' });
    expect(failure('{"a": 1} x')).toMatchObject({ column: 10, message: 'expected the end of the file after the JSON value, found "x"' });
  });

  it('finds errors inside strings', () => {
    expect(failure('["a\nb"]')).toMatchObject({ line: 1, column: 4 });
    expect(failure('["\\x"]')).toMatchObject({ column: 3, message: expect.stringContaining('valid escape') });
    expect(failure('["abc')).toMatchObject({ message: 'expected the closing double quote of a string, found the end of the file' });
  });

  it('refuses what JavaScript allows but JSON does not', () => {
    expect(failure("{'a': 1}")).toMatchObject({ column: 2 });
    expect(failure('[01]')).toMatchObject({ column: 3 });
    expect(failure('[NaN]')).toMatchObject({ column: 2 });
  });

  it('handles deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(200_000);
    expect(failure(deep)).toMatchObject({ line: 1, message: expect.stringContaining('the end of the file') });
    expect(parseJsonWithPosition(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).ok).toBe(true);
  });
});
