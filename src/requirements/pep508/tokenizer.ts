/**
 * The context-sensitive tokenizer of packaging 26.x (`_tokenizer.py`), with each of its
 * regular expressions replaced by a hand-written matcher that gives the same match at
 * the same position in linear time. Python's `\b` is Unicode-aware and looks at the
 * character before the current position, so the matchers do too.
 */

import { scanLocalLabel } from '../pep440/grammar';
import { matchSpecifierAt } from '../pep440/specifier';
import { codePointOffset, isPythonWordBoundary } from '../pep440/python-text';

export type TokenName =
  | 'LEFT_PARENTHESIS'
  | 'RIGHT_PARENTHESIS'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'SEMICOLON'
  | 'COMMA'
  | 'QUOTED_STRING'
  | 'OP'
  | 'BOOLOP'
  | 'IN'
  | 'NOT'
  | 'VARIABLE'
  | 'SPECIFIER'
  | 'AT'
  | 'URL'
  | 'IDENTIFIER'
  | 'VERSION_PREFIX_TRAIL'
  | 'VERSION_LOCAL_LABEL_TRAIL'
  | 'WS'
  | 'END';

export interface Token {
  name: TokenName;
  text: string;
  position: number;
}

/**
 * A syntax error at a span of the source, printed exactly like packaging's
 * `ParserSyntaxError` (message, the source, and a `~~~^` marker under the span).
 * Spans count code points, as Python's string indexes do.
 */
export class ParserSyntaxError extends Error {
  /** [start, end) in code points. */
  readonly span: readonly [number, number];

  constructor(
    readonly reason: string,
    readonly source: string,
    spanInUtf16: readonly [number, number],
  ) {
    const span = [codePointOffset(source, spanInUtf16[0]), codePointOffset(source, spanInUtf16[1])] as const;
    const marker = ' '.repeat(span[0]) + '~'.repeat(Math.max(0, span[1] - span[0])) + '^';
    super(`${reason}\n    ${source}\n    ${marker}`);
    this.name = 'ParserSyntaxError';
    this.span = span;
  }
}

type Matcher = (source: string, position: number) => number;

function single(character: string): Matcher {
  return (source, position) => (source[position] === character ? position + 1 : -1);
}

function literalAlternatives(alternatives: readonly string[]): Matcher {
  return (source, position) => {
    for (const alternative of alternatives) {
      if (source.startsWith(alternative, position)) return position + alternative.length;
    }
    return -1;
  };
}

/** `\b(alt1|alt2|...)\b`: the first alternative that is followed by a word boundary. */
function boundedWords(alternatives: readonly string[]): Matcher {
  return (source, position) => {
    if (!isPythonWordBoundary(source, position)) return -1;
    for (const alternative of alternatives) {
      const end = position + alternative.length;
      if (source.startsWith(alternative, position) && isPythonWordBoundary(source, end)) return end;
    }
    return -1;
  };
}

function matchQuotedString(source: string, position: number): number {
  const quote = source[position];
  if (quote !== "'" && quote !== '"') return -1;
  const close = source.indexOf(quote, position + 1);
  return close < 0 ? -1 : close + 1;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isIdentifierCharacter(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 0x2e || code === 0x2d || code === 0x5f;
}

/** `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`: the longest run that ends on a word boundary. */
function matchIdentifier(source: string, position: number): number {
  if (!isAsciiAlphanumeric(source.charCodeAt(position)) || !isPythonWordBoundary(source, position)) return -1;
  let runEnd = position + 1;
  while (runEnd < source.length && isIdentifierCharacter(source.charCodeAt(runEnd))) runEnd++;
  for (let end = runEnd; end > position; end--) {
    if (isPythonWordBoundary(source, end)) return end;
  }
  return -1;
}

function matchRun(isMember: (code: number) => boolean): Matcher {
  return (source, position) => {
    let end = position;
    while (end < source.length && isMember(source.charCodeAt(end))) end++;
    return end > position ? end : -1;
  };
}

/** Python's `$` without MULTILINE: the end, or just before a final newline. */
function matchEnd(source: string, position: number): number {
  if (position === source.length) return position;
  return position === source.length - 1 && source[position] === '\n' ? position : -1;
}

// packaging's VARIABLE alternatives, in its order, with `[._]` spelled out.
const MARKER_VARIABLES = [
  'python_version',
  'python_full_version',
  'os.name',
  'os_name',
  'sys.platform',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform.version',
  'platform_version',
  'platform.machine',
  'platform_machine',
  'platform.python_implementation',
  'platform_python_implementation',
  'python_implementation',
  'implementation_name',
  'implementation_version',
  'extras',
  'extra',
  'dependency_groups',
] as const;

const RULES: Record<TokenName, Matcher> = {
  LEFT_PARENTHESIS: single('('),
  RIGHT_PARENTHESIS: single(')'),
  LEFT_BRACKET: single('['),
  RIGHT_BRACKET: single(']'),
  SEMICOLON: single(';'),
  COMMA: single(','),
  QUOTED_STRING: matchQuotedString,
  OP: literalAlternatives(['===', '==', '~=', '!=', '<=', '>=', '<', '>']),
  BOOLOP: boundedWords(['or', 'and']),
  IN: boundedWords(['in']),
  NOT: boundedWords(['not']),
  VARIABLE: boundedWords(MARKER_VARIABLES),
  SPECIFIER: matchSpecifierAt,
  AT: single('@'),
  URL: matchRun((code) => code !== 0x20 && code !== 0x09),
  IDENTIFIER: matchIdentifier,
  VERSION_PREFIX_TRAIL: literalAlternatives(['.*']),
  VERSION_LOCAL_LABEL_TRAIL: (source, position) => scanLocalLabel(source, position, true),
  WS: matchRun((code) => code === 0x20 || code === 0x09),
  END: matchEnd,
};

/** End index of the named token if it matches at `position` (like `rule.match(source, position)`), else -1. */
export function matchToken(name: TokenName, source: string, position: number): number {
  return RULES[name](source, position);
}

/** packaging's `Tokenizer`: check/peek/expect/read over the rules above. */
export class Tokenizer {
  position = 0;
  private nextToken: Token | null = null;

  constructor(readonly source: string) {}

  /** Move beyond the named token if it is next. */
  consume(name: TokenName): void {
    if (this.check(name)) this.read();
  }

  /** Whether the named token is next; unless peeking, it must then be read. */
  check(name: TokenName, peek = false): boolean {
    if (this.nextToken !== null) throw new Error(`Cannot check for ${name}, already have ${this.nextToken.name}`);
    const end = RULES[name](this.source, this.position);
    if (end < 0) return false;
    if (!peek) this.nextToken = { name, text: this.source.slice(this.position, end), position: this.position };
    return true;
  }

  /** Read the named token or fail with "Expected {expected}". */
  expect(name: TokenName, expected: string): Token {
    if (!this.check(name)) this.raiseSyntaxError(`Expected ${expected}`);
    return this.read();
  }

  read(): Token {
    const token = this.nextToken;
    if (token === null) throw new Error('No token to read');
    this.position += token.text.length;
    this.nextToken = null;
    return token;
  }

  raiseSyntaxError(message: string, spanStart?: number, spanEnd?: number): never {
    throw new ParserSyntaxError(message, this.source, [spanStart ?? this.position, spanEnd ?? this.position]);
  }

  /** packaging's `enclosing_tokens`: optional open token, body, then the matching close token. */
  enclosed<T>(open: TokenName, close: TokenName, around: string, body: () => T): T {
    let openPosition: number | null = null;
    if (this.check(open)) {
      openPosition = this.position;
      this.read();
    }
    const result = body();
    if (openPosition === null) return result;
    if (!this.check(close)) {
      this.raiseSyntaxError(`Expected matching ${close} for ${open}, after ${around}`, openPosition);
    }
    this.read();
    return result;
  }
}
