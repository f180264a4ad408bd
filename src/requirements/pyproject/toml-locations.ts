/**
 * Line numbers of keys and array elements in a TOML document. `@iarna/toml` returns
 * values without positions, so this single linear pass over the same text records where
 * each key path (`["project", "dependencies", 2]`) is written. It assumes the document
 * already parsed; on anything unexpected it skips ahead instead of failing.
 */

export type TomlPath = ReadonlyArray<string | number>;

type TokenKind = 'string' | 'bare' | 'punct' | 'newline';

interface Token {
  kind: TokenKind;
  /** Decoded enough for keys: string contents without escapes resolved beyond the common ones. */
  text: string;
  line: number;
  start: number;
}

function decodeBasicEscapes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let index = 0; index < raw.length; index += 1) {
    const character = raw[index];
    if (character !== '\\') {
      out += character;
      continue;
    }
    const next = raw[index + 1];
    index += 1;
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
    if (next in simple) out += simple[next];
    else if (next === 'u' || next === 'U') {
      const length = next === 'u' ? 4 : 8;
      const code = Number.parseInt(raw.slice(index + 1, index + 1 + length), 16);
      if (Number.isFinite(code) && code <= 0x10ffff) out += String.fromCodePoint(code);
      index += length;
    } else out += next ?? '';
  }
  return out;
}

/** Splits the document into tokens, counting lines; strings and comments may not span tokens. */
export function tokenizeToml(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  const countNewlines = (from: number, to: number): void => {
    for (let position = from; position < to; position += 1) if (text.charCodeAt(position) === 0x0a) line += 1;
  };
  while (index < text.length) {
    const character = text[index];
    if (character === ' ' || character === '\t' || character === '\r') {
      index += 1;
    } else if (character === '\n') {
      tokens.push({ kind: 'newline', text: '\n', line, start: index });
      line += 1;
      index += 1;
    } else if (character === '#') {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end;
    } else if (character === '"' || character === "'") {
      const triple = text.startsWith(character.repeat(3), index);
      const startLine = line;
      let end: number;
      let contentStart: number;
      if (triple) {
        contentStart = index + 3;
        end = text.indexOf(character.repeat(3), contentStart);
        while (end >= 0 && character === '"' && isEscaped(text, end)) end = text.indexOf('"""', end + 1);
        end = end < 0 ? text.length : end;
        // Up to two extra quotes may close a multi-line string (`""""` ends with a quote inside).
        while (text[end + 3] === character && end + 3 < text.length) end += 1;
      } else {
        contentStart = index + 1;
        end = contentStart;
        while (end < text.length && text[end] !== character && text[end] !== '\n') {
          end += character === '"' && text[end] === '\\' ? 2 : 1;
        }
      }
      const raw = text.slice(contentStart, Math.min(end, text.length));
      countNewlines(index, end);
      tokens.push({ kind: 'string', text: character === '"' ? decodeBasicEscapes(raw) : raw, line: startLine, start: index });
      index = end + (triple ? 3 : 1);
    } else if ('[]{}=,'.includes(character)) {
      tokens.push({ kind: 'punct', text: character, line, start: index });
      index += 1;
    } else {
      const start = index;
      while (index < text.length && !' \t\r\n#[]{}=,"\''.includes(text[index])) index += 1;
      tokens.push({ kind: 'bare', text: text.slice(start, index), line, start });
    }
  }
  return tokens;
}

function isEscaped(text: string, position: number): boolean {
  let backslashes = 0;
  while (position - backslashes - 1 >= 0 && text[position - backslashes - 1] === '\\') backslashes += 1;
  return backslashes % 2 === 1;
}

export class TomlLocations {
  private readonly lines = new Map<string, number>();

  record(path: TomlPath, line: number): void {
    const key = JSON.stringify(path);
    if (!this.lines.has(key)) this.lines.set(key, line);
  }

  /** The line where the path is written, or where its nearest written ancestor is. */
  lineOf(path: TomlPath): number | null {
    for (let length = path.length; length > 0; length -= 1) {
      const line = this.lines.get(JSON.stringify(path.slice(0, length)));
      if (line !== undefined) return line;
    }
    return null;
  }

  /** The line of exactly this path, without falling back to ancestors. */
  exactLineOf(path: TomlPath): number | null {
    return this.lines.get(JSON.stringify(path)) ?? null;
  }
}

const MAX_LOCATED_DEPTH = 32;

class Walker {
  private position = 0;
  private readonly arrayTableCounts = new Map<string, number>();

  constructor(
    private readonly tokens: Token[],
    private readonly locations: TomlLocations,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }

  private isPunct(token: Token | undefined, text: string): boolean {
    return token !== undefined && token.kind === 'punct' && token.text === text;
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.position += 1;
  }

  private skipToLineEnd(): void {
    while (this.position < this.tokens.length && this.peek()!.kind !== 'newline') this.position += 1;
  }

  /** A dotted key; stops before `=` or `]`. */
  private readKey(): { segments: string[]; line: number } | null {
    const first = this.peek();
    if (!first || (first.kind !== 'bare' && first.kind !== 'string')) return null;
    const segments: string[] = [];
    while (this.peek()?.kind === 'bare' || this.peek()?.kind === 'string') {
      const token = this.tokens[this.position++];
      if (token.kind === 'string') segments.push(token.text);
      else for (const piece of token.text.split('.')) if (piece) segments.push(piece.trim());
    }
    return { segments, line: first.line };
  }

  /** Applies the current index of every array of tables along a header path. */
  private resolveHeader(segments: string[]): Array<string | number> {
    const resolved: Array<string | number> = [];
    for (const segment of segments) {
      resolved.push(segment);
      const count = this.arrayTableCounts.get(JSON.stringify(resolved));
      if (count !== undefined) resolved.push(count - 1);
    }
    return resolved;
  }

  walk(): void {
    let table: Array<string | number> = [];
    while (this.position < this.tokens.length) {
      this.skipNewlines();
      const token = this.peek();
      if (!token) break;
      if (this.isPunct(token, '[')) {
        const next = this.peek(1);
        const arrayTable = this.isPunct(next, '[') && next!.start === token.start + 1;
        this.position += arrayTable ? 2 : 1;
        const key = this.readKey();
        if (key) {
          if (arrayTable) {
            const path = this.resolveHeader(key.segments.slice(0, -1));
            path.push(key.segments[key.segments.length - 1]);
            const countKey = JSON.stringify(path);
            const count = (this.arrayTableCounts.get(countKey) ?? 0) + 1;
            this.arrayTableCounts.set(countKey, count);
            table = [...path, count - 1];
          } else {
            table = this.resolveHeader(key.segments);
          }
          this.locations.record(table, token.line);
        }
        this.skipToLineEnd();
        continue;
      }
      this.readKeyValue(table);
      this.skipToLineEnd();
    }
  }

  private readKeyValue(table: Array<string | number>): void {
    const key = this.readKey();
    if (!key || !this.isPunct(this.peek(), '=')) {
      this.position += key ? 0 : 1;
      return;
    }
    this.position += 1;
    const path = [...table, ...key.segments];
    this.locations.record(path, key.line);
    this.readValue(path);
  }

  private readValue(path: Array<string | number>): void {
    const token = this.peek();
    if (!token) return;
    // Deeper structures hold no dependency we look up; skipping them keeps the walk off the call stack.
    if (path.length > MAX_LOCATED_DEPTH && (this.isPunct(token, '[') || this.isPunct(token, '{'))) this.skipBalanced();
    else if (this.isPunct(token, '[')) this.readArray(path);
    else if (this.isPunct(token, '{')) this.readInlineTable(path);
    else if (token.kind === 'string' || token.kind === 'bare') {
      this.position += 1;
      // A local date-time written with a space (`1979-05-27 07:32:00`) is two bare tokens.
      if (token.kind === 'bare' && this.peek()?.kind === 'bare' && this.peek()!.line === token.line) this.position += 1;
    } else this.position += 1;
  }

  /** Skips one array or inline table, however deeply nested, without recursion. */
  private skipBalanced(): void {
    let depth = 0;
    do {
      const token = this.tokens[this.position++];
      if (token.kind === 'punct' && (token.text === '[' || token.text === '{')) depth += 1;
      else if (token.kind === 'punct' && (token.text === ']' || token.text === '}')) depth -= 1;
    } while (depth > 0 && this.position < this.tokens.length);
  }

  private readArray(path: Array<string | number>): void {
    this.position += 1;
    let index = 0;
    while (this.position < this.tokens.length) {
      this.skipNewlines();
      const token = this.peek();
      if (!token) return;
      if (this.isPunct(token, ']')) {
        this.position += 1;
        return;
      }
      if (this.isPunct(token, ',')) {
        this.position += 1;
        continue;
      }
      const elementPath = [...path, index];
      this.locations.record(elementPath, token.line);
      const before = this.position;
      this.readValue(elementPath);
      if (this.position === before) this.position += 1;
      index += 1;
    }
  }

  private readInlineTable(path: Array<string | number>): void {
    this.position += 1;
    while (this.position < this.tokens.length) {
      const token = this.peek();
      if (!token) return;
      if (this.isPunct(token, '}')) {
        this.position += 1;
        return;
      }
      if (this.isPunct(token, ',') || token.kind === 'newline') {
        this.position += 1;
        continue;
      }
      const before = this.position;
      this.readKeyValue(path);
      if (this.position === before) this.position += 1;
    }
  }
}

export function locateTomlKeys(text: string): TomlLocations {
  const locations = new TomlLocations();
  new Walker(tokenizeToml(text), locations).walk();
  return locations;
}
