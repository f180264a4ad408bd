import { describe, expect, it } from 'vitest';
import { countTokensUpTo } from './token-count';

describe('countTokensUpTo', () => {
  it('counts the tokens of a document longer than the limit, stopping just past it', () => {
    expect(countTokensUpTo('{ a b c }', 3)).toBe(4); // stops after the 4th of 5 tokens
    expect(countTokensUpTo('{ a b c }', 10)).toBe(0); // 9 characters cannot hold 11 tokens
    expect(countTokensUpTo('{ a    b    c }', 10)).toBe(5);
    expect(countTokensUpTo(`{ ${'x '.repeat(100_000)}}`, 1000)).toBe(1001);
  });

  it('stops at a syntax error', () => {
    expect(countTokensUpTo('{ a "unterminated', 2)).toBe(2);
  });
});
