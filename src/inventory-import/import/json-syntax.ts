/**
 * `JSON.parse` with a usable error position. Node's messages only sometimes carry a position
 * ("Unexpected token '}', ... is not valid JSON" does not), and admins need a line and column.
 * On failure the text is scanned once more by a small RFC 8259 checker that finds the first
 * offending character; it keeps its own stack, so deeply nested input cannot overflow ours.
 */

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

interface SyntaxProblem {
  offset: number;
  expected: string;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

type Expecting = 'value' | 'member' | 'separator';

class JsonChecker {
  private index = 0;
  private readonly stack: Array<'object' | 'array'> = [];

  constructor(private readonly text: string) {}

  /** The first syntax error, or null when the text is valid JSON. */
  firstProblem(): SyntaxProblem | null {
    let expecting: Expecting = 'value';
    for (;;) {
      const next: Expecting | SyntaxProblem | null = expecting === 'value' ? this.value() : expecting === 'member' ? this.memberKey() : this.separator();
      if (next === null) return null;
      if (typeof next !== 'string') return next;
      expecting = next;
    }
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text.charCodeAt(this.index))) this.index += 1;
  }

  /** A scalar, or the start of a container (whose contents the loop in `firstProblem` reads). */
  private value(): Expecting | SyntaxProblem {
    this.skipWhitespace();
    const char = this.text[this.index];
    if (char === '{' || char === '[') {
      this.index += 1;
      this.skipWhitespace();
      if (this.text[this.index] === (char === '{' ? '}' : ']')) {
        this.index += 1;
        return 'separator';
      }
      this.stack.push(char === '{' ? 'object' : 'array');
      return char === '{' ? 'member' : 'value';
    }
    if (char === '"') return this.string() ?? 'separator';
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.index)) {
        this.index += literal.length;
        return 'separator';
      }
    }
    NUMBER.lastIndex = this.index;
    if (NUMBER.test(this.text)) {
      this.index = NUMBER.lastIndex;
      return 'separator';
    }
    return { offset: this.index, expected: 'a value (an object, list, string, number, true, false or null)' };
  }

  /** `"key":` inside an object; the value follows. */
  private memberKey(): Expecting | SyntaxProblem {
    this.skipWhitespace();
    if (this.text[this.index] !== '"') return { offset: this.index, expected: 'a key in double quotes' };
    const problem = this.string();
    if (problem !== null) return problem;
    this.skipWhitespace();
    if (this.text[this.index] !== ':') return { offset: this.index, expected: '":"' };
    this.index += 1;
    return 'value';
  }

  /** What may follow a value: a comma, the end of its container, or the end of the file. */
  private separator(): Expecting | SyntaxProblem | null {
    this.skipWhitespace();
    const container = this.stack[this.stack.length - 1];
    if (container === undefined) {
      return this.index < this.text.length ? { offset: this.index, expected: 'the end of the file after the JSON value' } : null;
    }
    const char = this.text[this.index];
    const closing = container === 'object' ? '}' : ']';
    if (char === closing) {
      this.stack.pop();
      this.index += 1;
      return 'separator';
    }
    if (char === ',') {
      this.index += 1;
      return container === 'object' ? 'member' : 'value';
    }
    return { offset: this.index, expected: `"," or "${closing}"` };
  }

  private string(): SyntaxProblem | null {
    for (let cursor = this.index + 1; cursor < this.text.length; cursor += 1) {
      const code = this.text.charCodeAt(cursor);
      if (code === 0x22) {
        this.index = cursor + 1;
        return null;
      }
      if (code < 0x20) return { offset: cursor, expected: 'no line breaks or control characters inside a string (write \\n)' };
      if (code === 0x5c) {
        const next = this.text[cursor + 1];
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(cursor + 2, cursor + 6))) cursor += 5;
        else if (next !== undefined && ESCAPABLE.has(next)) cursor += 1;
        else return { offset: cursor, expected: 'a valid escape such as \\" or \\n' };
      }
    }
    return { offset: this.text.length, expected: 'the closing double quote of a string' };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseJsonWithPosition(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const problem = new JsonChecker(text).firstProblem();
    if (problem === null) {
      // Not a syntax error we know (e.g. out of memory on a pathological input): pass on what Node said.
      return { ok: false, line: 1, column: 1, message: error instanceof Error ? error.message : String(error) };
    }
    const found = problem.offset >= text.length ? 'the end of the file' : JSON.stringify(text[problem.offset]);
    return { ok: false, ...lineAndColumn(text, problem.offset), message: `expected ${problem.expected}, found ${found}` };
  }
}
