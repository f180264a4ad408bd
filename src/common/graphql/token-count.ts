import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Tokens in a GraphQL document, counted up to `limit + 1` and no further: enough to refuse a
 * document that is too large without reading all of it. A document cannot hold more tokens
 * than characters, so short ones are not lexed at all. Syntax errors end the count; the parser
 * reports them.
 */
export function countTokensUpTo(document: string, limit: number): number {
  if (document.length <= limit) return 0;
  const lexer = new Lexer(new Source(document));
  let count = 0;
  try {
    while (count <= limit && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // not a valid document: the parser says why
  }
  return count;
}
