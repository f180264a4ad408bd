import { describe, expect, it } from 'vitest';
import { loadPackagingFixture } from '../../../test/fixtures/packaging/load-fixture';
import { canonicalizeVersion, compareVersions, InvalidVersionError, MIN_VERSION, normalizeVersion, parseVersion, Version } from './version';

type VersionRecord =
  | [string, null, string]
  | [string, string, null, string, string, string, string, string[], [string, string] | null, string | null, string | null, string | null];

interface VersionsFixture {
  packaging: string;
  records: VersionRecord[];
  ordering: { versions: string[]; matrix: string[] };
}

const fixture = loadPackagingFixture<VersionsFixture>('versions');

function describeVersion(version: Version): unknown[] {
  const flags = (version.isPrerelease ? 'P' : '') + (version.isPostrelease ? 'O' : '') + (version.isDevrelease ? 'D' : '');
  return [
    version.toString(),
    null,
    version.public,
    version.baseVersion,
    flags,
    String(version.epoch),
    version.release.map(String),
    version.pre === null ? null : [version.pre[0], String(version.pre[1])],
    version.post === null ? null : String(version.post),
    version.dev === null ? null : String(version.dev),
    version.local,
  ];
}

describe('Version against packaging 26.2 (differential fixtures)', () => {
  it(`parses and normalises all ${fixture.records.length} inputs exactly like packaging`, () => {
    expect(fixture.packaging).toBe('26.2');
    const mismatches: unknown[] = [];
    for (const record of fixture.records) {
      const [input, expected] = record;
      const version = parseVersion(input);
      if (expected === null) {
        if (version !== null) mismatches.push({ input, expected: record[2], got: version.toString() });
        continue;
      }
      const actual = version === null ? null : describeVersion(version);
      if (JSON.stringify(actual) !== JSON.stringify(record.slice(1))) mismatches.push({ input, expected: record.slice(1), actual });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it(`orders ${fixture.ordering.versions.length} versions pairwise like packaging (incl. local labels and equal spellings)`, () => {
    const versions = fixture.ordering.versions.map((text) => Version.parse(text));
    const mismatches: string[] = [];
    versions.forEach((a, i) => {
      const row = fixture.ordering.matrix[i];
      versions.forEach((b, j) => {
        const order = compareVersions(a, b);
        const symbol = order < 0 ? '<' : order > 0 ? '>' : '=';
        if (symbol !== row[j]) mismatches.push(`${a} ${symbol} ${b}, packaging says ${row[j]}`);
      });
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});

describe('Version', () => {
  it('normalises spellings', () => {
    expect(normalizeVersion('V1.0-ALPHA_1')).toBe('1.0a1');
    expect(normalizeVersion('1.0-1')).toBe('1.0.post1');
    expect(normalizeVersion('1!2.0.c3.r4.dev+Ubuntu-01')).toBe('1!2.0rc3.post4.dev0+ubuntu.1');
    expect(normalizeVersion('not a version')).toBeNull();
  });

  it('keeps numbers beyond 2^53 exact (bigint)', () => {
    const version = Version.parse('99999999999999999999.9007199254740993');
    expect(version.release).toEqual([99999999999999999999n, 9007199254740993n]);
    expect(version.toString()).toBe('99999999999999999999.9007199254740993');
    expect(compareVersions(version, Version.parse('99999999999999999999.9007199254740992'))).toBe(1);
    expect(Version.parse('1.2').release).toEqual([1, 2]);
  });

  it('treats digit strings Python refuses to convert (over 4,300 digits) as invalid', () => {
    expect(parseVersion('1'.repeat(4300))).not.toBeNull();
    expect(parseVersion('1'.repeat(4301))).toBeNull();
  });

  it("throws InvalidVersionError with packaging's message", () => {
    expect(() => Version.parse('foo')).toThrow(new InvalidVersionError('foo'));
    expect(() => Version.parse('foo')).toThrow("Invalid version: 'foo'");
  });

  it('has accessors like packaging', () => {
    const version = Version.parse('1!1.2.3rc4.post5.dev6+abc.7');
    expect([version.major, version.minor, version.micro]).toEqual([1, 2, 3]);
    expect(version.public).toBe('1!1.2.3rc4.post5.dev6');
    expect(version.baseVersion).toBe('1!1.2.3');
    expect(version.local).toBe('abc.7');
    expect(version.localSegments).toEqual(['abc', 7]);
    expect(MIN_VERSION.toString()).toBe('0.dev0');
  });

  it('canonicalizes like packaging.utils.canonicalize_version', () => {
    expect(canonicalizeVersion('1.0.0')).toBe('1');
    expect(canonicalizeVersion('1.0.0', { stripTrailingZero: false })).toBe('1.0.0');
    expect(canonicalizeVersion('1.4.0.0.0')).toBe('1.4');
    expect(canonicalizeVersion('0.0')).toBe('0');
    expect(canonicalizeVersion('foo bar baz')).toBe('foo bar baz');
  });
});
