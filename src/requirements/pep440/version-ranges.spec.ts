import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPackagingFixture } from '../../../test/fixtures/packaging/load-fixture';
import { allowsVersionAtOrAbove, findAllowedVersion, isSatisfiable, parseSpecifierSet } from './specifier';
import { parseVersion } from './version';

/** [set, any version allowed, any final allowed, packaging's is_unsatisfiable(), [pivot, any >= pivot, any final >= pivot][]] */
type RangeRecord = [string, boolean, boolean, boolean, [string, boolean, boolean][]];

const fixture = loadPackagingFixture<{ packaging: string; sets: RangeRecord[] }>('ranges');

describe('isSatisfiable / allowsVersionAtOrAbove against brute force over packaging 26.2', () => {
  it(`agrees on ${fixture.sets.length} specifier sets (pre-releases allowed and not)`, () => {
    const mismatches: unknown[] = [];
    for (const [text, anyAllowed, finalAllowed] of fixture.sets) {
      const set = parseSpecifierSet(text);
      const actual = [isSatisfiable(set), isSatisfiable(set, { prereleases: false })];
      if (actual[0] !== anyAllowed || actual[1] !== finalAllowed) {
        mismatches.push({ text, bruteForce: [anyAllowed, finalAllowed], actual, witness: findAllowedVersion(set)?.toString() });
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('agrees on every pivot for allowsVersionAtOrAbove', () => {
    const mismatches: unknown[] = [];
    for (const [text, , , , pivots] of fixture.sets) {
      const set = parseSpecifierSet(text);
      for (const [pivot, anyAbove, finalAbove] of pivots) {
        const actual = [allowsVersionAtOrAbove(set, pivot), allowsVersionAtOrAbove(set, pivot, { prereleases: false })];
        if (actual[0] !== anyAbove || actual[1] !== finalAbove) mismatches.push({ text, pivot, bruteForce: [anyAbove, finalAbove], actual });
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('every witness it finds is contained by the set (checked through contains)', () => {
    const failures: unknown[] = [];
    for (const [text, , , , pivots] of fixture.sets) {
      const set = parseSpecifierSet(text);
      for (const prereleases of [true, false]) {
        for (const atOrAbove of [undefined, ...pivots.map((pivot) => pivot[0])]) {
          const witness = findAllowedVersion(set, { prereleases, atOrAbove });
          if (witness === null) continue;
          const floorOk = atOrAbove === undefined || witness.compare(parseVersion(atOrAbove)!) >= 0;
          if (!set.contains(witness, { prereleases }) || !floorOk) failures.push({ text, prereleases, atOrAbove, witness: witness.toString() });
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it("is exact where packaging's own is_unsatisfiable() assumes density", () => {
    const corrected = fixture.sets.filter(([, anyAllowed, , packagingUnsatisfiable]) => anyAllowed === packagingUnsatisfiable);
    // Every disagreement with packaging is a case where brute force (and we) find no version.
    expect(corrected.every(([, anyAllowed]) => anyAllowed === false)).toBe(true);
    expect(corrected.map(([text]) => text)).toContain('>1.0,<=1.0.post1');
  });
});

describe('isSatisfiable', () => {
  const satisfiable = (text: string, prereleases?: boolean) => isSatisfiable(parseSpecifierSet(text), { prereleases });

  it('finds empty intersections', () => {
    expect(satisfiable('>=2,<1')).toBe(false);
    expect(satisfiable('==1.0,!=1.0')).toBe(false);
    expect(satisfiable('>1.0,<1.0.post1')).toBe(false);
    expect(satisfiable('>1.0,<=1.0.post1')).toBe(false);
    expect(satisfiable('>1.0rc1,<1.0rc2.dev0')).toBe(false);
    expect(satisfiable('>=1.0.dev0,<1.0.dev1,!=1.0.dev0')).toBe(false);
    expect(satisfiable('<0')).toBe(false);
  });

  it('finds the versions hiding in dense corners', () => {
    expect(satisfiable('>1.0,<1.0.0.0.0.1.dev0')).toBe(true); // 1.0.0.0.0.0.1
    expect(satisfiable('>1.0,<1.1')).toBe(true);
    expect(satisfiable('!=1.0+abc,<=1.0,>=1.0')).toBe(true); // 1.0, 1.0+abd
    expect(satisfiable('')).toBe(true);
  });

  it('honours pre-release exclusion when asked', () => {
    expect(satisfiable('>=1.0a1,<1.0')).toBe(false); // <1.0 also excludes 1.0's own pre-releases
    expect(satisfiable('>=1.0a1,<=1.0rc1')).toBe(true);
    expect(satisfiable('>=1.0a1,<=1.0rc1', false)).toBe(false);
    expect(satisfiable('>=1.0a1.post1,<1.0.post1', false)).toBe(true); // 1.0 (packaging's helper would say 1.0.post1)
  });

  it('treats === as a string match', () => {
    expect(satisfiable('===foo')).toBe(true);
    expect(satisfiable('===foo,===FOO')).toBe(true);
    expect(satisfiable('===foo,===bar')).toBe(false);
    expect(satisfiable('===foo,>=1')).toBe(false);
    expect(satisfiable('===1.0,>=1')).toBe(true);
  });

  it('stays fast with thousands of clauses', () => {
    const clauses = Array.from({ length: 20_000 }, (_, i) => `!=1.${i}`).join(',');
    const set = parseSpecifierSet(`>=1.0,<1.20000,${clauses}`);
    expect(isSatisfiable(set)).toBe(true);
  });
});

describe('allowsVersionAtOrAbove', () => {
  it('answers "does the override allow the bundled version or newer"', () => {
    expect(allowsVersionAtOrAbove(parseSpecifierSet('<2.0'), '2.0')).toBe(false);
    expect(allowsVersionAtOrAbove(parseSpecifierSet('<=2.0'), '2.0')).toBe(true);
    expect(allowsVersionAtOrAbove(parseSpecifierSet('==1.11.*'), '2.0')).toBe(false);
    expect(allowsVersionAtOrAbove(parseSpecifierSet('<2.1'), '2.0.5')).toBe(true);
    expect(allowsVersionAtOrAbove(parseSpecifierSet('<2.1.dev0'), '2.1a1')).toBe(false);
    expect(allowsVersionAtOrAbove(parseSpecifierSet('>=1'), 'not a version')).toBe(false);
  });
});

describe('interval logic properties', () => {
  const versionText = fc
    .tuple(
      fc.constantFrom('', '1!'),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('', 'a0', 'a1', 'b2', 'rc1'),
      fc.constantFrom('', '.post0', '.post1', '.post2'),
      fc.constantFrom('', '.dev0', '.dev1'),
      fc.constantFrom('', '+a', '+0', '+a.0'),
    )
    .map(([epoch, release, pre, post, dev, local]) => `${epoch}${release.join('.')}${pre}${post}${dev}${local}`);
  const clause = fc.tuple(fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~=', '==*', '!=*'), versionText).map(([operator, version]) => {
    const publicVersion = version.split('+')[0];
    if (operator === '==*' || operator === '!=*') return `${operator.slice(0, 2)}${publicVersion.replace(/(a|b|rc|\.post|\.dev).*$/, '')}.*`;
    if (operator === '~=') return `~=${publicVersion.includes('.') && !publicVersion.startsWith('1!') ? publicVersion : `${publicVersion}.0`}`;
    return `${operator}${operator === '==' || operator === '!=' ? version : publicVersion}`;
  });

  it('a version the set contains is always found, and every witness is contained', () => {
    fc.assert(
      fc.property(fc.array(clause, { minLength: 1, maxLength: 4 }), fc.array(versionText, { maxLength: 30 }), (clauses, probes) => {
        let set;
        try {
          set = parseSpecifierSet(clauses.join(','));
        } catch {
          return;
        }
        const witness = findAllowedVersion(set);
        if (witness !== null) expect(set.contains(witness, { prereleases: true })).toBe(true);
        const anyProbeContained = probes.some((probe) => set.contains(probe, { prereleases: true }));
        if (anyProbeContained) expect(isSatisfiable(set)).toBe(true);
        for (const probe of probes) {
          if (set.contains(probe, { prereleases: true })) {
            for (const floor of probes) {
              if (parseVersion(probe)!.compare(parseVersion(floor)!) >= 0) expect(allowsVersionAtOrAbove(set, floor)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 3000, seed: 20261101 },
    );
  });
});
