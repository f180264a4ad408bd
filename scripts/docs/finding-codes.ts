/**
 * The README's table of finding codes, generated from the engine's catalogue (FINDING_CODES),
 * so the documentation cannot drift from what the scanner reports. The table sits between two
 * marker comments in README.md; test/scanning/finding-codes-docs.spec.ts fails when it differs
 * and rewrites it with UPDATE_DOCS=1.
 *
 * Usage: npx ts-node scripts/docs/finding-codes.ts [--check]   (from the repository root)
 *   without --check: rewrites the table in README.md;
 *   with --check: exits 1 when README.md is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_CODES, type FindingCodeInfo } from '../../src/requirements';

export const TABLE_START = '<!-- finding-codes:start (generated from FINDING_CODES by scripts/docs/finding-codes.ts; do not edit) -->';
export const TABLE_END = '<!-- finding-codes:end -->';
export const README_PATH = join(__dirname, '..', '..', 'README.md');

/** Text for a table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A code span that survives backticks inside the text (CommonMark: a longer fence). */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${cell(padded)}${fence}`;
}

/**
 * An example is a line as it appears in a file, often followed by a note on the context
 * (`Django>=2.1   (runtime bundles Django 2.0.7)`): the line goes in a code span, the note after it.
 */
function example(text: string): string {
  const match = /^(.*?\S)\s{2,}\((.*)\)$/.exec(text);
  return match ? `${code(match[1])} (${cell(match[2])})` : code(text);
}

export function renderFindingCodesTable(codes: readonly FindingCodeInfo[] = FINDING_CODES): string {
  const rows = codes.map(
    (info) =>
      `| \`${info.code}\` | ${info.severity} | ${info.needsRuntime ? 'yes' : ''} | **${cell(info.title)}.** ${cell(info.description)} | ${example(info.example)} |`,
  );
  return ['| code | severity | needs runtime | meaning | example |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** README text with the generated table between the markers. */
export function withFindingCodesTable(readme: string, table = renderFindingCodesTable()): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no "${TABLE_START}" … "${TABLE_END}" section for the finding codes`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const current = readFileSync(README_PATH, 'utf8');
  const updated = withFindingCodesTable(current);
  if (process.argv.includes('--check')) {
    if (updated !== current) {
      process.stderr.write('README.md: the finding-code table is out of date; run npx ts-node scripts/docs/finding-codes.ts\n');
      process.exitCode = 1;
    }
  } else if (updated !== current) {
    writeFileSync(README_PATH, updated);
    process.stdout.write(`README.md: wrote the table of ${FINDING_CODES.length} finding codes\n`);
  } else {
    process.stdout.write('README.md: the finding-code table is up to date\n');
  }
}
