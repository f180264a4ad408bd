import { describe, expect, it } from 'vitest';
import { parseSpecifierSet } from '../pep440/specifier';
import { parsePoetryConstraint, PoetryConstraintError, pythonMarkerOfConstraint } from './poetry-constraint';

function text(constraint: string): string {
  const parsed = parsePoetryConstraint(constraint);
  return (parsed.specifiers ?? []).map((c) => `${c.operator}${c.version}`).join(',');
}

/** The ranges of https://python-poetry.org/docs/dependency-specification/, as PEP 440. */
const DOCUMENTED: Array<[string, string]> = [
  ['^1.2.3', '>=1.2.3,<2.0.0'],
  ['^1.2', '>=1.2.0,<2.0.0'],
  ['^1', '>=1.0.0,<2.0.0'],
  ['^0.2.3', '>=0.2.3,<0.3.0'],
  ['^0.0.3', '>=0.0.3,<0.0.4'],
  ['^0.0', '>=0.0.0,<0.1.0'],
  ['^0', '>=0.0.0,<1.0.0'],
  ['~1.2.3', '>=1.2.3,<1.3.0'],
  ['~1.2', '>=1.2.0,<1.3.0'],
  ['~1', '>=1.0.0,<2.0.0'],
  ['*', ''],
  ['1.*', '>=1.0.0,<2.0.0'],
  ['1.2.*', '>=1.2.0,<1.3.0'],
  ['>= 1.2.0', '>=1.2.0'],
  ['> 1', '>1'],
  ['< 2', '<2'],
  ['!= 1.2.3', '!=1.2.3'],
  ['>= 1.2, < 1.5', '>=1.2,<1.5'],
  ['==1.2.3', '==1.2.3'],
  ['1.2.3', '==1.2.3'],
];

const PROBES = [
  '0',
  '0.0.1',
  '0.1',
  '0.2.2',
  '0.2.3',
  '0.2.9',
  '0.3.0',
  '1.0',
  '1.1',
  '1.2',
  '1.2.2',
  '1.2.3',
  '1.2.4',
  '1.3',
  '1.4.9',
  '1.5',
  '1.9',
  '2.0.0',
  '2.0.0a1',
  '1.2.3.post1',
  '3',
];

describe('parsePoetryConstraint', () => {
  it.each(DOCUMENTED)('%s means %s', (poetry, pep440) => {
    const ours = parseSpecifierSet(text(poetry));
    const documented = parseSpecifierSet(pep440);
    for (const version of PROBES)
      expect(ours.contains(version, { prereleases: true }), `${poetry} on ${version}`).toBe(documented.contains(version, { prereleases: true }));
  });

  it('keeps the precision of the version written in upper bounds, as Poetry prints them', () => {
    expect(text('^1.2')).toBe('>=1.2,<2.0');
    expect(text('^1.2.3')).toBe('>=1.2.3,<2.0.0');
    expect(text('~=1.2')).toBe('>=1.2,<2.0');
    expect(text('~=1.2.3')).toBe('>=1.2.3,<1.3.0');
    expect(text('^0.0.260')).toBe('>=0.0.260,<0.0.261');
    expect(text('^1.2.3b1')).toBe('>=1.2.3b1,<2.0.0');
  });

  it('joins with commas or spaces, tolerates a trailing comma, and keeps wildcard exclusions', () => {
    expect(text('>=1.2 <2.0 !=1.5')).toBe('>=1.2,<2.0,!=1.5');
    expect(text('^8.1 , !=8.1.4')).toBe('>=8.1,<9.0,!=8.1.4');
    expect(text('>=12.0,<14.0,')).toBe('>=12.0,<14.0');
    expect(text('!=2022.*')).toBe('!=2022.*');
    expect(text('0.*')).toBe('<1.0.0');
    expect(text('=1.0')).toBe('==1.0');
  });

  it('merges unions that touch and keeps alternatives that do not', () => {
    expect(text('^1.26 || ^1.28')).toBe('>=1.26,<2.0');
    expect(text('^1.0 || ^2.0')).toBe('>=1.0,<3.0');
    const split = parsePoetryConstraint('^1.0 || ^3.0');
    expect(split.specifiers).toBeNull();
    expect(split.alternatives).toEqual([
      [
        { operator: '>=', version: '1.0' },
        { operator: '<', version: '2.0' },
      ],
      [
        { operator: '>=', version: '3.0' },
        { operator: '<', version: '4.0' },
      ],
    ]);
    expect(text('<1.0 || >1.0')).toBe('!=1.0');
  });

  it('refuses what Poetry refuses', () => {
    expect(() => parsePoetryConstraint('^banana')).toThrow(PoetryConstraintError);
    expect(() => parsePoetryConstraint('~=')).toThrow(PoetryConstraintError);
    expect(() => parsePoetryConstraint('>='.repeat(600))).toThrow('longer than 1000');
  });
});

describe('pythonMarkerOfConstraint (poetry-core create_nested_marker)', () => {
  it.each([
    ['^3.6', 'python_version >= "3.6" and python_version < "4.0"'],
    ['~3.6', 'python_version >= "3.6" and python_version < "3.7"'],
    ['2.7', 'python_version == "2.7"'],
    ['3.6.2', 'python_full_version == "3.6.2"'],
    ['>=3.6.2,<4', 'python_full_version >= "3.6.2" and python_version < "4"'],
    ['>3.6', 'python_full_version > "3.6.0"'],
    ['<=3.7', 'python_full_version <= "3.7.0"'],
    ['~2.7 || ^3.5', '(python_version >= "2.7" and python_version < "2.8") or (python_version >= "3.5" and python_version < "4.0")'],
    ['*', ''],
  ])('python = "%s" → %s', (constraint, marker) => {
    expect(pythonMarkerOfConstraint(parsePoetryConstraint(constraint))).toBe(marker);
  });
});
