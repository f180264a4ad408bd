import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSpecifierSet } from './specifier';
import { comparePublicVersions, compareVersions, normalizeVersion, parseVersion, type Version } from './version';

const separator = fc.constantFrom('', '.', '-', '_');
const number = fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), fc.constantFrom('00', '007', '9007199254740993', '99999999999999999999'));

/** Strings in (and around) PEP 440's accepted spellings. */
const versionText = fc
  .tuple(
    fc.constantFrom('', 'v', 'V', ' '),
    fc.option(
      number.map((n) => `${n}!`),
      { nil: '' },
    ),
    fc.array(number, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')),
    fc.option(fc.tuple(separator, fc.constantFrom('a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview', 'RC'), separator, fc.option(number, { nil: '' })), {
      nil: null,
    }),
    fc.option(
      fc.oneof(
        number.map((n) => `-${n}`),
        fc.tuple(separator, fc.constantFrom('post', 'rev', 'r', 'POST'), separator, fc.option(number, { nil: '' })).map((p) => p.join('')),
      ),
      { nil: '' },
    ),
    fc.option(
      fc.tuple(separator, fc.constantFrom('dev', 'DEV'), separator, fc.option(number, { nil: '' })).map((p) => p.join('')),
      { nil: '' },
    ),
    fc.option(
      fc
        .array(fc.stringMatching(/^[a-zA-Z0-9]{1,4}$/), { minLength: 1, maxLength: 3 })
        .chain((parts) => fc.constantFrom('.', '-', '_').map((sep) => `+${parts.join(sep)}`)),
      { nil: '' },
    ),
  )
  .map(([v, epoch, release, pre, post, dev, local]) => `${v}${epoch}${release}${pre === null ? '' : pre.join('')}${post}${dev}${local}`);

const validVersion = versionText.map(parseVersion).filter((version): version is Version => version !== null);

const sign = (n: number) => Math.sign(n);

describe('Version properties (fast-check)', () => {
  it('generates mostly valid versions (sanity check of the generator)', () => {
    const samples = fc.sample(versionText, { numRuns: 2000, seed: 1 });
    expect(samples.filter((text) => parseVersion(text) !== null).length).toBeGreaterThan(1200);
  });

  it('normalisation is idempotent and round-trips: parse(str(v)) == v', () => {
    fc.assert(
      fc.property(validVersion, (version) => {
        const text = version.toString();
        expect(normalizeVersion(text)).toBe(text);
        const reparsed = parseVersion(text)!;
        expect(compareVersions(reparsed, version)).toBe(0);
        expect(reparsed.toString()).toBe(text);
      }),
      { numRuns: 5000, seed: 42 },
    );
  });

  it('ordering is a total order consistent with normalisation', () => {
    fc.assert(
      fc.property(validVersion, validVersion, validVersion, (a, b, c) => {
        expect(sign(compareVersions(a, b))).toBe(-sign(compareVersions(b, a)));
        expect(compareVersions(a, a)).toBe(0);
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
        const viaText = compareVersions(parseVersion(a.toString())!, parseVersion(b.toString())!);
        expect(sign(viaText)).toBe(sign(compareVersions(a, b)));
        if (a.toString() === b.toString()) expect(compareVersions(a, b)).toBe(0);
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('sorting agrees with pairwise comparison', () => {
    fc.assert(
      fc.property(fc.array(validVersion, { maxLength: 40 }), (versions) => {
        const sorted = [...versions].sort(compareVersions);
        for (let i = 1; i < sorted.length; i++) expect(compareVersions(sorted[i - 1], sorted[i])).toBeLessThanOrEqual(0);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('contains agrees with compare for >=, <=, == and != (pre-releases allowed)', () => {
    fc.assert(
      fc.property(validVersion, validVersion, (candidate, target) => {
        const spec = target.withoutLocal().toString();
        const order = comparePublicVersions(candidate, target);
        expect(parseSpecifierSet(`>=${spec}`).contains(candidate, { prereleases: true })).toBe(order >= 0);
        expect(parseSpecifierSet(`<=${spec}`).contains(candidate, { prereleases: true })).toBe(order <= 0);
        expect(parseSpecifierSet(`==${spec}`).contains(candidate, { prereleases: true })).toBe(order === 0);
        expect(parseSpecifierSet(`!=${spec}`).contains(candidate, { prereleases: true })).toBe(order !== 0);
        // > and < are stricter than the raw order (no post-releases of V above, no pre-releases of V below).
        if (parseSpecifierSet(`>${spec}`).contains(candidate, { prereleases: true })) expect(compareVersions(candidate, target)).toBeGreaterThan(0);
        if (parseSpecifierSet(`<${spec}`).contains(candidate, { prereleases: true })) expect(compareVersions(candidate, target)).toBeLessThan(0);
      }),
      { numRuns: 5000, seed: 11 },
    );
  });
});
