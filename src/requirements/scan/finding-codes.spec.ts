import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOsvJson } from '../advisories/osv';
import { FINDING_CODES, findingCodesMarkdown } from './finding-codes';
import { scan } from './scan';

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('finding code catalogue', () => {
  it('has stable SCREAMING_SNAKE_CASE codes with complete metadata', () => {
    const codes = FINDING_CODES.map((info) => info.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const info of FINDING_CODES) {
      expect(info.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(['ERROR', 'WARNING', 'INFO']).toContain(info.severity);
      for (const text of [info.title, info.description, info.example, info.hint]) expect(text.trim().length).toBeGreaterThan(5);
    }
    expect(codes).toEqual(expect.arrayContaining(['PARSE_ERROR', 'RUNTIME_OVERRIDE']));
    expect(FINDING_CODES.find((info) => info.code === 'PARSE_ERROR')?.severity).toBe('ERROR');
  });

  it('lists every code the engine can emit', () => {
    const catalogue = new Set(FINDING_CODES.map((info) => info.code));
    const used = new Set<string>();
    for (const file of sourceFiles(join(__dirname, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:makeFinding\(|findingOn\(|observe\(|code: )'([A-Z_]+)'/g)) used.add(match[1]);
    }
    expect([...used].filter((code) => !catalogue.has(code))).toEqual([]);
  });

  it('is exercised completely by one scan of a file set that does everything wrong', () => {
    const sha = '0f3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b';
    const result = scan({
      files: [
        {
          path: 'requirements.txt',
          content: [
            '-r base.txt',
            '-r missing.txt',
            '-c constraints.txt',
            '--index-url http://mirror.local/simple',
            '--trusted-host mirror.local',
            '--extra-index-url https://${TOKEN}@elsewhere.example/simple',
            'Django==1.11.15',
            'celery>=5',
            'urllib3>=2,<1',
            'requests==2.19.1 --hash=sha256:abc',
            'six',
            '-e ./libs/core',
            'celery @ https://files.example/celery-4.2.1.tar.gz#sha256=0f3b5c6d',
            'lib @ git+https://github.com/org/lib.git@main',
            `lib2 @ git+http://github.com/org/lib2.git@${sha}`,
            'https://files.example/archive.zip',
            'this is not valid',
            'attrs==18.2.0rc1 --pre',
            'dataclasses==0.6; python_version < "3.7"',
            'pyyaml==5.1.1',
            'six==1.11.0',
          ].join('\n'),
        },
        { path: 'base.txt', content: '-r requirements.txt\n' },
        { path: 'constraints.txt', content: 'urllib3==1.26.4\n' },
        { path: 'pyproject.toml', content: '[project]\nname = "x"\nrequires-python = ">=3.8"\n' },
        { path: 'pdm.lock', content: '[metadata]\ngroups = ["default"]\n' },
        {
          path: '.pype-lifecycle.toml',
          content: '[[ignore]]\ncode = "UNPINNED"\nuntil = 2026-01-01\n[[ignore]]\ncode = "DUPLICATE"\nreason = "old"\nuntil = 2025-01-01\n',
        },
      ],
      asOf: '2025-06-01',
      runtime: {
        version: '37.21.0',
        pythonVersion: '3.7',
        packages: [
          { name: 'Django', version: '2.0.7' },
          { name: 'celery', version: '4.2.1' },
          { name: 'requests', version: '2.19.1' },
        ],
        lifecycle: {
          status: 'END_OF_LIFE',
          generalAvailability: '2018-09-01',
          endOfSupport: '2019-11-30',
          daysUntilEndOfSupport: -10,
          migrationTarget: '37.22.0',
        },
      },
      policy: { allowedIndexUrls: ['https://pypi.internal.example/'] },
      advisories: parseOsvJson(readFileSync(join(__dirname, '../../../test/requirements/fixtures/osv/pypi-advisories.json'), 'utf8')),
    });
    const emitted = new Set(result.findings.map((finding) => finding.code));
    // A runtime is in one lifecycle status at a time: the other two need a scan each.
    for (const status of ['DEPRECATED', 'ANTICIPATED'] as const) {
      const lifecycle = { status, generalAvailability: '2018-09-01', endOfSupport: '2019-11-30', daysUntilEndOfSupport: 10, migrationTarget: null };
      const other = scan({
        files: [{ path: 'requirements.txt', content: '' }],
        runtime: { version: '37.21.0', pythonVersion: '3.7', packages: [], lifecycle },
      });
      for (const finding of other.findings) emitted.add(finding.code);
    }
    expect(FINDING_CODES.map((info) => info.code).filter((code) => !emitted.has(code))).toEqual([]);
  });

  it('renders the README table from the catalogue', () => {
    const markdown = findingCodesMarkdown();
    expect(markdown.split('\n')[0]).toBe('| Code | Severity | Meaning | Example |');
    for (const info of FINDING_CODES) expect(markdown).toContain(`| \`${info.code}\` | ${info.severity} |`);
  });
});
