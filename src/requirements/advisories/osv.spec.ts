import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeAdvisories, OsvValidationError, parseOsvAdvisory, parseOsvDocument, parseOsvJson, parseOsvJsonForImport } from './osv';

const FIXTURES = join(__dirname, '../../../test/requirements/fixtures/osv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function minimal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'PYSEC-0000-1',
    modified: '2023-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'PyPI', name: 'Demo_Pkg' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0' }] }] }],
    ...overrides,
  };
}

describe('parseOsvJson', () => {
  it('reads an array of advisories, normalising names and severities', () => {
    const advisories = parseOsvJson(fixture('pypi-advisories.json'));
    expect(advisories.map((a) => a.id)).toEqual([
      'GHSA-6rr2-2v3q-mh48',
      'PYSEC-2018-2',
      'GHSA-q2q7-5pp4-w6pg',
      'PYSEC-2023-74',
      'PYSEC-2019-132',
      'GHSA-xxxx-withdrawn',
      'GHSA-npm-only-1234',
      'PYSEC-2020-limit',
      'PYSEC-2022-pre',
    ]);
    const byId = new Map(advisories.map((a) => [a.id, a]));
    expect(byId.get('GHSA-6rr2-2v3q-mh48')).toMatchObject({ severity: 'MODERATE', cvssScore: 6.1, aliases: ['CVE-2018-14574', 'PYSEC-2018-2'] });
    expect(byId.get('GHSA-q2q7-5pp4-w6pg')).toMatchObject({ severity: 'HIGH', cvssScore: 7.5 });
    expect(byId.get('PYSEC-2018-2')).toMatchObject({ severity: 'UNKNOWN', cvssScore: null });
    expect(byId.get('PYSEC-2019-132')?.affected[0].name).toBe('pyyaml');
    expect(byId.get('GHSA-npm-only-1234')?.affected).toEqual([]);
    expect(byId.get('GHSA-xxxx-withdrawn')?.withdrawn).toBe('2020-02-01T00:00:00Z');
  });

  it('reads one advisory and the OSV API response shape', () => {
    expect(parseOsvJson(fixture('single-advisory.json')).map((a) => a.id)).toEqual(['GHSA-j8r2-6x86-q33q']);
    expect(parseOsvJson(fixture('osv-api-response.json')).map((a) => a.id)).toEqual(['GHSA-mr82-8j83-vxmv']);
  });

  it.each([
    [{ id: undefined }, 'id: expected a string, got nothing (the field is missing)'],
    [{ modified: 'yesterday' }, 'PYSEC-0000-1: modified: expected an RFC 3339 time'],
    [{ schema_version: '2.0.0' }, 'schema_version: expected a 1.x schema version'],
    [{ affected: {} }, 'PYSEC-0000-1: affected: expected an array, got an object'],
    [{ affected: [{ package: { ecosystem: 'PyPI' } }] }, 'affected[0].package.name: expected a string'],
    [
      { affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0', fixed: '1' }] }] }] },
      'affected[0].ranges[0].events[0]: expected exactly one of introduced, fixed, last_affected, limit, got introduced and fixed',
    ],
    [
      { affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ fixed: '1' }] }] }] },
      'affected[0].ranges[0].events: expected an "introduced" event',
    ],
    [
      { affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'RANGE', events: [] }] }] },
      'affected[0].ranges[0].type: expected ECOSYSTEM, SEMVER or GIT, got "RANGE"',
    ],
    [{ affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, versions: [1] }] }, 'affected[0].versions[0]: expected a string, got a number'],
    [{ severity: [{ type: 'CVSS_V3' }] }, 'severity[0].score: expected a string'],
  ])('names the field that is wrong (%#)', (overrides, message) => {
    expect(() => parseOsvAdvisory(minimal(overrides))).toThrow(OsvValidationError);
    expect(() => parseOsvAdvisory(minimal(overrides))).toThrow(message);
  });

  it('says where a broken advisory sits in a list and reports bad JSON', () => {
    expect(() => parseOsvDocument([minimal(), { modified: 'x' }])).toThrow('[1]: id: expected a string');
    expect(() => parseOsvJson('{"id": ')).toThrow('(document): not valid JSON');
  });
});

describe('parseOsvJsonForImport', () => {
  it('skips advisories whose packages all belong to other ecosystems, naming them; keeps mixed ones and ones without affected', () => {
    const npm = { package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] };
    const debian = { package: { ecosystem: 'Debian:11', name: 'python3-x' }, versions: ['1.0'] };
    const pypi = { package: { ecosystem: 'PyPI', name: 'X' }, versions: ['1.0'] };
    const document = [
      minimal({ id: 'NPM-1', affected: [npm] }),
      minimal({ id: 'MIXED-1', affected: [npm, pypi] }),
      minimal({ id: 'DEB-1', affected: [debian, npm] }),
      minimal({ id: 'BARE-1', affected: undefined }),
    ];
    const { advisories, skipped } = parseOsvJsonForImport(JSON.stringify(document));
    expect(advisories.map((advisory) => [advisory.id, advisory.affected.map((affected) => affected.name)])).toEqual([
      ['MIXED-1', ['x']],
      ['BARE-1', []],
    ]);
    expect(skipped).toEqual([
      { id: 'NPM-1', ecosystems: ['npm'] },
      { id: 'DEB-1', ecosystems: ['Debian', 'npm'] },
    ]);
  });

  it('still validates skipped advisories: a broken one fails the document', () => {
    expect(() => parseOsvJsonForImport(JSON.stringify([minimal({ id: 'NPM-2', affected: [{ package: { ecosystem: 'npm' } }] })]))).toThrow(
      'affected[0].package.name: expected a string',
    );
  });
});

describe('mergeAdvisories', () => {
  it('is idempotent on the id and replaces an advisory only with a later modified time', () => {
    const first = parseOsvAdvisory(minimal());
    const same = parseOsvAdvisory(minimal({ summary: 'same time, different text' }));
    const newer = parseOsvAdvisory(minimal({ modified: '2024-01-01T00:00:00Z', summary: 'newer' }));
    const older = parseOsvAdvisory(minimal({ modified: '2020-01-01T00:00:00Z', summary: 'older' }));
    const other = parseOsvAdvisory(minimal({ id: 'PYSEC-0000-2' }));

    const initial = mergeAdvisories([], [first]);
    expect(initial.added).toEqual(['PYSEC-0000-1']);
    const again = mergeAdvisories(initial.advisories, [same, older]);
    expect(again.unchanged).toEqual(['PYSEC-0000-1', 'PYSEC-0000-1']);
    expect(again.advisories[0].summary).toBeNull();
    const updated = mergeAdvisories(again.advisories, [newer, other]);
    expect(updated).toMatchObject({ added: ['PYSEC-0000-2'], updated: ['PYSEC-0000-1'] });
    expect(updated.advisories.map((a) => [a.id, a.summary])).toEqual([
      ['PYSEC-0000-1', 'newer'],
      ['PYSEC-0000-2', null],
    ]);
  });
});
