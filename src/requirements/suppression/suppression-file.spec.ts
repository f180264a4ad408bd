import { describe, expect, it } from 'vitest';
import type { Finding } from '../types';
import { applySuppressions } from './apply-suppressions';
import { readSuppressionFile } from './suppression-file';

const FILE = '.pype-lifecycle.toml';
const TODAY = '2026-12-06';

const finding = (code: string, pkg: string | null, extra: Partial<Finding> = {}): Finding => ({
  code,
  severity: 'WARNING',
  line: 3,
  file: 'requirements.txt',
  package: pkg,
  message: `${code} about ${pkg}`,
  hint: null,
  ...extra,
});

describe('readSuppressionFile', () => {
  it('reads valid entries with their line, canonical package and date', () => {
    const text = [
      '# accepted findings',
      '[[ignore]]',
      'code = "UNPINNED"',
      'package = "Requests_Toolbelt"',
      'reason = "pinned by the base image"',
      'until = 2027-06-30',
      '',
      '[[ignore]]  # a vulnerability we mitigate',
      'code = "VULNERABLE"',
      'id = "CVE-2021-33503"',
      'reason = "no untrusted URLs reach urllib3"',
      'until = 2026-12-06',
    ].join('\n');
    expect(readSuppressionFile(FILE, text, TODAY)).toEqual({
      entries: [
        { file: FILE, line: 2, position: 1, code: 'UNPINNED', package: 'requests-toolbelt', id: null, reason: 'pinned by the base image', until: '2027-06-30' },
        {
          file: FILE,
          line: 8,
          position: 2,
          code: 'VULNERABLE',
          package: null,
          id: 'CVE-2021-33503',
          reason: 'no untrusted URLs reach urllib3',
          until: '2026-12-06',
        },
      ],
      findings: [],
    });
  });

  it('refuses bad entries with an error naming the entry and every problem, and keeps the good ones', () => {
    const text = [
      '[[ignore]]',
      'code = "UNPINED"',
      'until = 2027-01-01',
      '[[ignore]]',
      'code = "UNPINNED"',
      'reason = "later"',
      'until = 2028-01-01',
      '[[ignore]]',
      'code = "DUPLICATE"',
      'reason = "  "',
      'until = "2027-01-01"',
      'owner = "me"',
      '[[ignore]]',
      'code = "UNPINNED"',
      'reason = "fine"',
      'until = 2027-12-06',
    ].join('\n');
    const read = readSuppressionFile(FILE, text, TODAY);
    expect(read.entries.map((entry) => entry.position)).toEqual([4]);
    expect(read.findings.map((entry) => [entry.code, entry.severity, entry.line, entry.message])).toEqual([
      [
        'SUPPRESSION_INVALID',
        'ERROR',
        1,
        'ignore entry #1 (UNPINED) is ignored: code "UNPINED" is not a known finding code; reason is missing: why the finding is accepted',
      ],
      [
        'SUPPRESSION_INVALID',
        'ERROR',
        4,
        'ignore entry #2 (UNPINNED) is ignored: until 2028-01-01 is more than 12 months ahead; the latest allowed today is 2027-12-06',
      ],
      [
        'SUPPRESSION_INVALID',
        'ERROR',
        8,
        'ignore entry #3 (DUPLICATE) is ignored: unknown key "owner" (expected code, package, id, reason, until); reason must be a non-empty text; until must be a TOML date without quotes or time, such as 2027-06-30',
      ],
    ]);
  });

  it('reports an expired entry, which no longer applies', () => {
    const read = readSuppressionFile(FILE, '[[ignore]]\ncode = "UNPINNED"\npackage = "celery"\nreason = "base image"\nuntil = 2026-12-05\n', TODAY);
    expect(read.entries).toEqual([]);
    expect(read.findings).toEqual([
      expect.objectContaining({
        code: 'SUPPRESSION_EXPIRED',
        severity: 'WARNING',
        file: FILE,
        line: 1,
        package: 'celery',
        message: 'ignore entry #1 (UNPINNED for celery) expired on 2026-12-05 ("base image"): the findings it ignored are reported again',
      }),
    ]);
  });

  it('reports TOML syntax errors as PARSE_ERROR on their line, and other tables as invalid', () => {
    expect(readSuppressionFile(FILE, '[[ignore]]\ncode = \n', TODAY).findings).toEqual([expect.objectContaining({ code: 'PARSE_ERROR', line: 2 })]);
    expect(readSuppressionFile(FILE, '[ignore]\ncode = "UNPINNED"\n', TODAY).findings[0].message).toBe('ignore must be an array of tables, written [[ignore]]');
    expect(readSuppressionFile(FILE, '[tool]\nx = 1\n', TODAY).findings[0].message).toContain('unknown table or key "tool"');
  });
});

describe('applySuppressions', () => {
  const entries = readSuppressionFile(
    FILE,
    [
      '[[ignore]]\ncode = "UNPINNED"\npackage = "celery"\nreason = "base image"\nuntil = 2027-01-01',
      '[[ignore]]\ncode = "VULNERABLE"\nid = "cve-2021-33503"\nreason = "mitigated"\nuntil = 2027-01-01',
      '[[ignore]]\ncode = "PARSE_ERROR"\nreason = "generated file"\nuntil = 2027-01-01',
    ].join('\n'),
    TODAY,
  ).entries;
  const vulnerability = (id: string, aliases: string[]) => ({
    id,
    aliases,
    severity: 'HIGH',
    cvssScore: 7.5,
    summary: null,
    package: 'urllib3',
    version: '1.26.4',
    fixedVersions: ['1.26.5'],
  });

  it('moves matching findings to suppressed with the reason and until, by code, package and vulnerability id or alias', () => {
    const findings = [
      finding('UNPINNED', 'celery'),
      finding('UNPINNED', 'kombu'),
      finding('VULNERABLE', 'urllib3', { vulnerability: vulnerability('GHSA-q2q7-5pp4-w6pg', ['CVE-2021-33503']) }),
      finding('VULNERABLE', 'urllib3', { vulnerability: vulnerability('GHSA-other', []) }),
    ];
    const result = applySuppressions(findings, entries, new Set([FILE]));
    expect(result.findings).toEqual([findings[1], findings[3]]);
    expect(result.suppressed).toEqual([
      { finding: findings[0], reason: 'base image', until: '2027-01-01', file: FILE, line: 1 },
      { finding: findings[2], reason: 'mitigated', until: '2027-01-01', file: FILE, line: 6 },
    ]);
  });

  it('never suppresses findings about the suppression file itself', () => {
    const own = finding('PARSE_ERROR', null, { file: FILE });
    expect(applySuppressions([own], entries, new Set([FILE])).findings).toEqual([own]);
  });
});

describe('the 12-month bound', () => {
  it.each([
    ['2026-12-06', '2027-12-06', true],
    ['2026-12-06', '2027-12-07', false],
    ['2027-02-28', '2028-02-28', true],
    ['2028-02-29', '2029-02-28', true],
    ['2028-02-29', '2029-03-01', false],
  ])('on %s, until %s is allowed: %s', (asOf, until, allowed) => {
    const read = readSuppressionFile(FILE, `[[ignore]]\ncode = "UNPINNED"\nreason = "r"\nuntil = ${until}\n`, asOf);
    expect(read.entries.length === 1).toBe(allowed);
  });
});
