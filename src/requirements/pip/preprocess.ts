/**
 * pip's `preprocess()` (req_file.py): split lines, join backslash continuations, drop
 * comments and blank lines, expand `${VAR}`. Each logical line keeps the number of the
 * physical line where it starts, as pip reports it.
 */
import { isPythonWhitespace, splitPythonLines, stripCharacter, stripPythonWhitespace } from './python-text';

export interface LogicalLine {
  /** 1-based physical line where the logical line starts. */
  lineNumber: number;
  text: string;
  /** `${VAR}` references left as written because the environment does not define them (or defines them empty). */
  undefinedVariables: readonly string[];
}

const NO_VARIABLES: readonly string[] = Object.freeze([]);

/** Index where pip's `COMMENT_RE = (^|\s+)#.*$` would start cutting, or -1. */
export function findCommentStart(line: string): number {
  for (let index = line.indexOf('#'); index >= 0; index = line.indexOf('#', index + 1)) {
    if (index === 0) return 0;
    if (!isPythonWhitespace(line.charCodeAt(index - 1))) continue;
    let start = index - 1;
    while (start > 0 && isPythonWhitespace(line.charCodeAt(start - 1))) start -= 1;
    return start;
  }
  return -1;
}

/** `COMMENT_RE.match(line)`: the line is (optional whitespace then) a comment. */
function isCommentLine(line: string): boolean {
  let index = 0;
  while (index < line.length && isPythonWhitespace(line.charCodeAt(index))) index += 1;
  return line.charCodeAt(index) === 0x23;
}

interface NumberedLine {
  lineNumber: number;
  text: string;
}

/** pip's `join_lines`, including its quirks: a comment line ends a continuation, and `strip("\\")` removes backslashes at both ends. */
function forEachJoinedLine(lines: readonly string[], visit: (lineNumber: number, text: string) => void): void {
  let pending: string[] = [];
  let pendingStart = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const rawLine = lines[index];
    const lineNumber = index + 1;
    const comment = isCommentLine(rawLine);
    if (!rawLine.endsWith('\\') || comment) {
      // A leading space guarantees the comment is stripped once joined to the previous text.
      const line = comment ? ' ' + rawLine : rawLine;
      if (pending.length > 0) {
        pending.push(line);
        visit(pendingStart, pending.join(''));
        pending = [];
      } else {
        visit(lineNumber, line);
      }
      continue;
    }
    if (pending.length === 0) pendingStart = lineNumber;
    pending.push(stripCharacter(rawLine, '\\'));
  }
  if (pending.length > 0) visit(pendingStart, pending.join(''));
}

export function joinContinuationLines(lines: readonly string[]): NumberedLine[] {
  const joined: NumberedLine[] = [];
  forEachJoinedLine(lines, (lineNumber, text) => joined.push({ lineNumber, text }));
  return joined;
}

/** pip's `ignore_comments`: cut comments, strip, drop empty lines. */
export function stripComments(lines: NumberedLine[]): NumberedLine[] {
  const kept: NumberedLine[] = [];
  for (const { lineNumber, text } of lines) {
    const stripped = withoutComment(text);
    if (stripped) kept.push({ lineNumber, text: stripped });
  }
  return kept;
}

/** The line with its comment cut and surrounding whitespace stripped ("" for nothing left). */
function withoutComment(text: string): string {
  const commentStart = findCommentStart(text);
  return stripPythonWhitespace(commentStart >= 0 ? text.slice(0, commentStart) : text);
}

function isEnvironmentNameCharacter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

/**
 * pip's `expand_env_variables`: only `${NAME}` with NAME of [A-Z0-9_]; an unset or empty
 * variable is left as written. One left-to-right pass (pip calls `str.replace` once per
 * reference, which is quadratic on hostile lines and only differs when a value itself
 * contains `${...}`).
 */
export function expandEnvironmentVariables(
  text: string,
  environment: Readonly<Record<string, string | undefined>>,
): { text: string; undefinedVariables: readonly string[] } {
  if (!text.includes('${')) return { text, undefinedVariables: NO_VARIABLES };
  const undefinedVariables = new Set<string>();
  let result = '';
  let copiedUpTo = 0;
  let index = text.indexOf('${');
  while (index >= 0) {
    let end = index + 2;
    while (end < text.length && isEnvironmentNameCharacter(text.charCodeAt(end))) end += 1;
    if (end > index + 2 && text.charCodeAt(end) === 0x7d /* } */) {
      const name = text.slice(index + 2, end);
      const value = Object.prototype.hasOwnProperty.call(environment, name) ? environment[name] : undefined;
      if (value) {
        result += text.slice(copiedUpTo, index) + value;
        copiedUpTo = end + 1;
      } else {
        undefinedVariables.add(name);
      }
      index = text.indexOf('${', end + 1);
    } else {
      index = text.indexOf('${', index + 1);
    }
  }
  return { text: result + text.slice(copiedUpTo), undefinedVariables: [...undefinedVariables] };
}

/** The whole of pip's `preprocess()` on a decoded file (a leading byte-order mark is dropped, as pip's `auto_decode` does). */
export function preprocessRequirementsFile(content: string, environment: Readonly<Record<string, string | undefined>> = {}): LogicalLine[] {
  const withoutBom = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  // The steps of stripComments and expandEnvironmentVariables, applied to each joined line
  // as it comes, so that large files allocate one object per logical line.
  const logicalLines: LogicalLine[] = [];
  const finish = (lineNumber: number, text: string): void => {
    const stripped = withoutComment(text);
    if (!stripped) return;
    if (!stripped.includes('${')) {
      // Most lines have no variables: no intermediate result object for them.
      logicalLines.push({ lineNumber, text: stripped, undefinedVariables: NO_VARIABLES });
      return;
    }
    const expanded = expandEnvironmentVariables(stripped, environment);
    logicalLines.push({ lineNumber, text: expanded.text, undefinedVariables: expanded.undefinedVariables });
  };
  forEachJoinedLine(splitPythonLines(withoutBom), finish);
  return logicalLines;
}
