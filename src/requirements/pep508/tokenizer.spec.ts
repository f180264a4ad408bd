import { describe, expect, it } from 'vitest';
import { loadPackagingFixture } from '../../../test/fixtures/packaging/load-fixture';
import { codePointOffset } from '../pep440/python-text';
import { matchToken, type TokenName } from './tokenizer';

interface TokensFixture {
  packaging: string;
  rules: TokenName[];
  records: [string, [number, number[]][]][];
}

const fixture = loadPackagingFixture<TokensFixture>('tokens');

/** UTF-16 index of a code point offset (Python positions count code points). */
function utf16Index(text: string, codePoints: number): number {
  let index = 0;
  for (let i = 0; i < codePoints; i++) index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  return index;
}

describe("tokenizer rules against packaging 26.2's regular expressions", () => {
  const cells = fixture.records.reduce((sum, [, rows]) => sum + rows.length * fixture.rules.length, 0);

  it(`every rule matches the same text at the same position (${cells} matches)`, () => {
    const mismatches: string[] = [];
    for (const [text, rows] of fixture.records) {
      for (const [position, ends] of rows) {
        fixture.rules.forEach((rule, i) => {
          const end = matchToken(rule, text, utf16Index(text, position));
          const actual = end < 0 ? -1 : codePointOffset(text, end);
          if (actual !== ends[i]) mismatches.push(`${rule} on ${JSON.stringify(text)} at ${position}: packaging ${ends[i]}, got ${actual}`);
        });
      }
    }
    expect(mismatches.slice(0, 25)).toEqual([]);
  });
});
