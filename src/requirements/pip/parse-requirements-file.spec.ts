import { describe, expect, it } from 'vitest';
import { parseRequirementsFile } from './parse-requirements-file';

function codesByLine(content: string, env: Record<string, string> = {}) {
  return parseRequirementsFile('requirements.txt', content, { env }).observations.map((o) => [o.line, o.code]);
}

describe('parseRequirementsFile', () => {
  it('reports a PARSE_ERROR on the bad line and keeps reading', () => {
    const parsed = parseRequirementsFile('requirements.txt', 'good==1.0\nthis is not valid\n--bogus-option\nalso-good==2.0\n');
    expect(parsed.requirements.map((r) => [r.line, r.name])).toEqual([
      [1, 'good'],
      [4, 'also-good'],
    ]);
    expect(parsed.observations.map((o) => [o.line, o.code])).toEqual([
      [2, 'PARSE_ERROR'],
      [3, 'PARSE_ERROR'],
    ]);
    expect(parsed.observations[1].message).toBe('no such option: --bogus-option');
  });

  it('keeps the physical line where a continued requirement starts, with its hashes', () => {
    const parsed = parseRequirementsFile('r.txt', '# pinned\n\ndjango==3.0.2 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\nsix\n');
    expect(parsed.requirements.map((r) => [r.line, r.name, r.hashes])).toEqual([
      [3, 'django', ['sha256:aaa', 'sha256:bbb']],
      [6, 'six', []],
    ]);
  });

  it('collects includes, sources, trusted hosts and --require-hashes', () => {
    const parsed = parseRequirementsFile(
      'r.txt',
      '-r base.txt\n--constraint=c.txt\n-i https://mirror/simple\n--extra-index-url https://extra/simple\n-f ./wheels\n--trusted-host mirror\n--require-hashes\n',
    );
    expect(parsed.includes.map(({ line, kind, target }) => [line, kind, target])).toEqual([
      [1, 'requirement', 'base.txt'],
      [2, 'constraint', 'c.txt'],
    ]);
    expect(parsed.sources.map(({ line, kind, url }) => [line, kind, url])).toEqual([
      [3, 'index-url', 'https://mirror/simple'],
      [4, 'extra-index-url', 'https://extra/simple'],
      [5, 'find-links', './wheels'],
    ]);
    expect(parsed.trustedHosts).toEqual([{ file: 'r.txt', line: 6, host: 'mirror' }]);
    expect(parsed.requireHashesLine).toBe(7);
  });

  it('reads -e lines as editable requirements', () => {
    const [requirement] = parseRequirementsFile('r.txt', '-e git+https://github.com/acme/auth.git@v2#egg=acme-auth\n').requirements;
    expect(requirement).toMatchObject({ name: 'acme-auth', editable: true, source: 'vcs', line: 1 });
  });

  it('notes the parts of a line that pip ignores', () => {
    expect(codesByLine('django==2.0.7 --index-url https://x/simple\n-r a.txt -r b.txt\n--hash=sha256:abc\n--pre extra\n')).toEqual([
      [1, 'IGNORED_OPTION'],
      [2, 'IGNORED_OPTION'],
      [3, 'IGNORED_OPTION'],
      [4, 'IGNORED_OPTION'],
    ]);
  });

  it('expands ${VAR} from the given environment and notes the rest', () => {
    const parsed = parseRequirementsFile('r.txt', 'acme==${ACME_VERSION}\n--index-url https://${TOKEN}@h/simple\n', { env: { ACME_VERSION: '1.4.2' } });
    expect(parsed.requirements[0].specifiers).toEqual([{ operator: '==', version: '1.4.2' }]);
    expect(parsed.sources[0].url).toBe('https://${TOKEN}@h/simple');
    expect(parsed.observations.map((o) => [o.line, o.code])).toEqual([[2, 'ENV_VAR_UNDEFINED']]);
  });

  it('survives a megabyte of hostile text in linear time', () => {
    const hostile = [
      'a'.repeat(300_000),
      '('.repeat(100_000),
      'x==' + '1.'.repeat(50_000) + '1',
      'pkg; ' + '('.repeat(50_000),
      '-r' + ' '.repeat(100_000),
      '--hash=' + 'sha256:'.repeat(20_000),
      "'".repeat(50_000),
    ].join('\n');
    const parsed = parseRequirementsFile('r.txt', hostile);
    expect(parsed.observations.filter((o) => o.code === 'PARSE_ERROR').length).toBeGreaterThan(0);
  });
});
