/**
 * `shlex.split(text)` from Python (POSIX mode, no comments, whitespace splitting), which
 * pip applies to the option part of every requirements-file line. A hand-written state
 * machine keeps it linear and identical to CPython's, including its two error cases.
 */

export class ShlexError extends Error {}

const SHLEX_WHITESPACE = ' \t\r\n';

type State = 'between' | 'word' | "'" | '"' | 'escape';

export function shlexSplit(text: string): string[] {
  const tokens: string[] = [];
  let state: State = 'between';
  let escapedFrom: 'word' | '"' = 'word';
  let token = '';
  let quoted = false;

  const emit = (): void => {
    if (token !== '' || quoted) tokens.push(token);
    token = '';
    quoted = false;
  };

  for (const character of text) {
    switch (state) {
      case 'between':
      case 'word':
        if (SHLEX_WHITESPACE.includes(character)) {
          if (state === 'word') emit();
          state = 'between';
        } else if (character === '\\') {
          escapedFrom = 'word';
          state = 'escape';
        } else if (character === "'" || character === '"') {
          state = character;
        } else {
          token += character;
          state = 'word';
        }
        break;
      case "'":
        quoted = true;
        if (character === "'") state = 'word';
        else token += character;
        break;
      case '"':
        quoted = true;
        if (character === '"') state = 'word';
        else if (character === '\\') {
          escapedFrom = '"';
          state = 'escape';
        } else token += character;
        break;
      case 'escape':
        // Inside double quotes only the quote and the backslash itself can be escaped.
        if (escapedFrom === '"' && character !== '"' && character !== '\\') token += '\\';
        token += character;
        state = escapedFrom;
        break;
    }
  }
  if (state === "'" || state === '"') throw new ShlexError('No closing quotation');
  if (state === 'escape') throw new ShlexError('No escaped character');
  if (state === 'word') emit();
  return tokens;
}
