/**
 * The README documents every finding code (issue 3): its table is generated from the engine's
 * catalogue. This fails when they differ; `UPDATE_DOCS=1 npx vitest run
 * test/scanning/finding-codes-docs.spec.ts` rewrites the table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../src/requirements';
import { README_PATH, renderFindingCodesTable, TABLE_END, TABLE_START, withFindingCodesTable } from '../../scripts/docs/finding-codes';

describe('README finding-code table', () => {
  it('matches FINDING_CODES', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    const expected = withFindingCodesTable(readme);
    if (process.env.UPDATE_DOCS === '1' && expected !== readme) writeFileSync(README_PATH, expected);
    else expect(readme, 'README.md is out of date: run UPDATE_DOCS=1 npx vitest run test/scanning/finding-codes-docs.spec.ts').toBe(expected);
  });

  it('has one row per code, with severity and an example line', () => {
    const rows = renderFindingCodesTable().split('\n').slice(2);
    expect(rows).toHaveLength(FINDING_CODES.length);
    FINDING_CODES.forEach((info, index) => {
      expect(rows[index].startsWith(`| \`${info.code}\` | ${info.severity} |`)).toBe(true);
      expect(rows[index].split(' | ').length).toBeGreaterThanOrEqual(5);
    });
  });

  it('escapes pipes and keeps backticks of examples inside their code span', () => {
    const table = renderFindingCodesTable([
      { code: 'X_CODE', severity: 'INFO', title: 'A | B', description: 'uses `x`', example: 'pkg ; a == "`"   (note | here)', hint: '', needsRuntime: true },
    ]);
    expect(table.split('\n')[2]).toBe('| `X_CODE` | INFO | yes | **A \\| B.** uses `x` | ``pkg ; a == "`"`` (note \\| here) |');
  });

  it('refuses a README without the markers', () => {
    expect(() => withFindingCodesTable('# README\n')).toThrow(/finding codes/);
    expect(withFindingCodesTable(`a\n${TABLE_START}\nold\n${TABLE_END}\nb\n`, 'T')).toBe(`a\n${TABLE_START}\nT\n${TABLE_END}\nb\n`);
  });
});
