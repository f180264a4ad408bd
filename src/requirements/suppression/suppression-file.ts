/**
 * `.pype-lifecycle.toml`: the checked-in list of findings a team accepts for a while.
 *
 *     [[ignore]]
 *     code = "UNPINNED"          # required, a known finding code
 *     package = "requests"       # optional
 *     id = "GHSA-xxxx-xxxx-xxxx" # optional, a vulnerability id or one of its aliases
 *     reason = "pinned by the base image"   # required
 *     until = 2027-06-30         # required, a TOML date, at most a year ahead
 *
 * Reading it never throws: a bad entry is a SUPPRESSION_INVALID finding naming the entry (and
 * suppresses nothing), an entry whose `until` has passed is SUPPRESSION_EXPIRED (and suppresses
 * nothing any more), a TOML syntax error is a PARSE_ERROR. Pure: the day is given.
 */
import type { Finding } from '../types';
import { canonicalizeName } from '../pep508/name';
import { isTable, readTomlDocument, TomlSyntaxError } from '../pyproject/toml-document';
import { isFindingCode, type FindingCode } from '../scan/finding-codes';
import { makeFinding } from '../scan/findings';

export const SUPPRESSION_FILE_NAME = '.pype-lifecycle.toml';

/** An entry may suppress for at most this many months from the day of the scan. */
export const MAX_SUPPRESSION_MONTHS = 12;

/** At most this many entries are read; a longer list is refused, as any input is bounded. */
export const MAX_SUPPRESSION_ENTRIES = 1000;

/** A valid, unexpired `[[ignore]]` entry. */
export interface IgnoreEntry {
  /** The suppression file and the line of the entry's `[[ignore]]` header. */
  file: string;
  line: number | null;
  /** 1-based position among the file's entries, to name it in messages. */
  position: number;
  code: string;
  /** Canonical (PEP 503) name, or null for any package. */
  package: string | null;
  /** A vulnerability id or alias, or null for any. */
  id: string | null;
  reason: string;
  /** The last day it applies, YYYY-MM-DD. */
  until: string;
}

export interface SuppressionFile {
  entries: IgnoreEntry[];
  /** PARSE_ERROR, SUPPRESSION_INVALID and SUPPRESSION_EXPIRED findings about the file itself. */
  findings: Finding[];
}

const KNOWN_KEYS = new Set(['code', 'package', 'id', 'reason', 'until']);

/** The line of each `[[ignore]]` header, in order: @iarna/toml gives no positions, so the text is read for them. */
function ignoreHeaderLines(text: string): number[] {
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*\[\[\s*(ignore|"ignore"|'ignore')\s*\]\]\s*(#.*)?$/.test(line)) lines.push(index + 1);
  });
  return lines;
}

function isTomlLocalDate(value: unknown): value is Date & { isDate: true } {
  return value instanceof Date && (value as Date & { isDate?: boolean }).isDate === true;
}

/**
 * `date` (YYYY-MM-DD) plus `months`, the day clamped to the target month's end. The engine stands
 * alone (no imports outside src/requirements), hence its own few lines instead of the calendar's.
 */
function monthsAfter(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

interface EntryCheck {
  entry: IgnoreEntry | null;
  problems: string[];
}

function checkEntry(raw: unknown, position: number, file: string, line: number | null, asOf: string | null): EntryCheck {
  const problems: string[] = [];
  if (!isTable(raw)) return { entry: null, problems: ['it is not a table of code, reason, until (and optionally package, id)'] };
  for (const key of Object.keys(raw)) if (!KNOWN_KEYS.has(key)) problems.push(`unknown key "${key}" (expected code, package, id, reason, until)`);
  const { code, package: pkg, id, reason, until } = raw;
  if (code === undefined) problems.push('code is missing: the finding code to ignore, such as "UNPINNED"');
  else if (typeof code !== 'string' || !isFindingCode(code)) problems.push(`code ${JSON.stringify(code)} is not a known finding code`);
  if (pkg !== undefined && (typeof pkg !== 'string' || pkg.trim() === '')) problems.push('package must be a package name');
  if (id !== undefined && (typeof id !== 'string' || id.trim() === '')) problems.push('id must be a vulnerability id or alias such as GHSA-xxxx-xxxx-xxxx');
  if (reason === undefined) problems.push('reason is missing: why the finding is accepted');
  else if (typeof reason !== 'string' || reason.trim() === '') problems.push('reason must be a non-empty text');
  let day: string | null = null;
  if (until === undefined) problems.push('until is missing: the last day it applies, a TOML date such as 2027-06-30');
  else if (!isTomlLocalDate(until)) problems.push('until must be a TOML date without quotes or time, such as 2027-06-30');
  else day = until.toISOString().slice(0, 10);
  if (day !== null && asOf !== null) {
    const latest = monthsAfter(asOf, MAX_SUPPRESSION_MONTHS);
    if (day > latest) problems.push(`until ${day} is more than ${MAX_SUPPRESSION_MONTHS} months ahead; the latest allowed today is ${latest}`);
  }
  if (problems.length > 0 || day === null) return { entry: null, problems };
  return {
    entry: {
      file,
      line,
      position,
      code: code as FindingCode,
      package: typeof pkg === 'string' ? canonicalizeName(pkg.trim()) : null,
      id: typeof id === 'string' ? id.trim() : null,
      reason: (reason as string).trim(),
      until: day,
    },
    problems,
  };
}

function describeEntry(position: number, raw: unknown): string {
  const code = isTable(raw) && typeof raw.code === 'string' ? ` (${raw.code}${typeof raw.package === 'string' ? ` for ${raw.package}` : ''})` : '';
  return `ignore entry #${position}${code}`;
}

/** Reads a suppression file as of `asOf` (YYYY-MM-DD, the day of the scan; null: no date checks). */
export function readSuppressionFile(file: string, text: string, asOf: string | null): SuppressionFile {
  const findings: Finding[] = [];
  let root: Record<string, unknown>;
  try {
    root = readTomlDocument(text).root;
  } catch (error) {
    if (!(error instanceof TomlSyntaxError)) throw error;
    return {
      entries: [],
      findings: [
        makeFinding('PARSE_ERROR', {
          file,
          line: error.line,
          package: null,
          message: error.message,
          hint: 'Fix the TOML syntax; no ignore entry of this file applies until then.',
        }),
      ],
    };
  }
  const invalid = (line: number | null, message: string) => findings.push(makeFinding('SUPPRESSION_INVALID', { file, line, package: null, message }));
  for (const key of Object.keys(root)) if (key !== 'ignore') invalid(null, `${file} has an unknown table or key "${key}"; only [[ignore]] entries are read`);
  const list = root.ignore;
  if (list === undefined) return { entries: [], findings };
  if (!Array.isArray(list)) {
    invalid(null, 'ignore must be an array of tables, written [[ignore]]');
    return { entries: [], findings };
  }
  if (list.length > MAX_SUPPRESSION_ENTRIES) {
    invalid(null, `${list.length} ignore entries are more than the ${MAX_SUPPRESSION_ENTRIES} read; none of them applies`);
    return { entries: [], findings };
  }
  const lines = ignoreHeaderLines(text);
  const entries: IgnoreEntry[] = [];
  list.forEach((raw: unknown, index) => {
    const position = index + 1;
    const line = lines[index] ?? null;
    const { entry, problems } = checkEntry(raw, position, file, line, asOf);
    if (entry === null) {
      invalid(line, `${describeEntry(position, raw)} is ignored: ${problems.join('; ')}`);
      return;
    }
    if (asOf !== null && entry.until < asOf) {
      findings.push(
        makeFinding('SUPPRESSION_EXPIRED', {
          file,
          line,
          package: entry.package,
          message: `${describeEntry(position, raw)} expired on ${entry.until} ("${entry.reason}"): the findings it ignored are reported again`,
        }),
      );
      return;
    }
    entries.push(entry);
  });
  return { entries, findings };
}
