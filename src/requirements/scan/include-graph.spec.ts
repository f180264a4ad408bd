import { describe, expect, it } from 'vitest';
import { parseRequirementsFile } from '../pip/parse-requirements-file';
import { includeTargetPath, normalizePath, resolveIncludes } from './include-graph';

const file = (path: string, content: string) => parseRequirementsFile(path, content);

describe('include paths', () => {
  it('joins relative to the including file, as pip does', () => {
    expect(includeTargetPath('requirements/prod.txt', 'base.txt')).toBe('requirements/base.txt');
    expect(includeTargetPath('requirements/prod.txt', './base.txt')).toBe('requirements/base.txt');
    expect(includeTargetPath('requirements/prod.txt', '../common.txt')).toBe('common.txt');
    expect(includeTargetPath('prod.txt', '/abs/base.txt')).toBe('/abs/base.txt');
    expect(includeTargetPath('a\\b\\c.txt', 'd.txt')).toBe('a/b/d.txt');
    expect(normalizePath('./a//b/../c.txt')).toBe('a/c.txt');
  });
});

describe('resolveIncludes', () => {
  it('builds install sets from top-level files, with -c marking constraints', () => {
    const files = [
      file('req/prod.txt', '-r base.txt\n-c constraints.txt\ngunicorn==19.9.0\n'),
      file('req/base.txt', 'django==2.0.7\n'),
      file('req/constraints.txt', 'urllib3==1.23\n'),
      file('req/dev.txt', '-r base.txt\npytest\n'),
    ];
    const { installSets, observations } = resolveIncludes(files);
    expect(observations).toEqual([]);
    expect(installSets.map((set) => [set.root.file, set.members.map((m) => `${m.file.file}${m.asConstraints ? ' (-c)' : ''}`)])).toEqual([
      ['req/prod.txt', ['req/prod.txt', 'req/base.txt', 'req/constraints.txt (-c)']],
      ['req/dev.txt', ['req/dev.txt', 'req/base.txt']],
    ]);
  });

  it('reports missing and remote includes on their line', () => {
    const { observations } = resolveIncludes([file('r.txt', 'a==1\n-r missing.txt\n-c https://example.com/c.txt\n')]);
    expect(observations.map((o) => [o.code, o.line])).toEqual([
      ['INCLUDE_NOT_FOUND', 2],
      ['INCLUDE_NOT_FOUND', 3],
    ]);
    expect(observations[0].message).toBe('-r missing.txt: missing.txt is not among the scanned files');
  });

  it('finds cycles and still reads every file once', () => {
    const { installSets, observations } = resolveIncludes([file('a.txt', '-r b.txt\n'), file('b.txt', '-r a.txt\n')]);
    expect(observations.map((o) => [o.code, o.file, o.line])).toEqual([['INCLUDE_CYCLE', 'b.txt', 1]]);
    expect(installSets.map((set) => set.members.map((m) => m.file.file))).toEqual([['a.txt', 'b.txt']]);
  });

  it('walks a long include chain without recursion', () => {
    const files = Array.from({ length: 2000 }, (_, i) => file(`f${i}.txt`, i < 1999 ? `-r f${i + 1}.txt\npkg${i}==1\n` : 'last==1\n'));
    const { installSets } = resolveIncludes(files);
    expect(installSets).toHaveLength(1);
    expect(installSets[0].members).toHaveLength(2000);
  });
});
