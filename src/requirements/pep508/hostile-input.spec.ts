import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidSpecifierError, isSatisfiable, parseSpecifierSet } from '../pep440/specifier';
import { parseVersion } from '../pep440/version';
import { defaultLinuxCPythonEnvironment, evaluateMarker, InvalidMarkerError, parseMarker } from './marker';
import { InvalidRequirementError, parseRequirement } from './requirement';

/** Runs `parse` and accepts only the given error type. */
function parseOrReject(parse: () => unknown, errorType: new (...args: never[]) => Error): void {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof errorType)) throw error;
  }
}

const RUN_CHARACTERS = [
  'a',
  '1',
  '.',
  '-',
  '_',
  '+',
  '!',
  '*',
  '=',
  '<',
  '>',
  '~',
  ',',
  ';',
  '(',
  ')',
  '[',
  ']',
  '@',
  '"',
  "'",
  ' ',
  '\t',
  '\n',
  '\\',
  'v',
  'r',
  'c',
  '\u00a0',
  '\u00e9',
  '\u017f',
  '\ud83d\ude00',
];

// Time limits are loose on purpose (shared CI machines); quadratic behaviour on 100 000
// characters would take minutes, so they still catch it.
describe('hostile input: 100 000-character runs parse or fail fast, never crash', () => {
  for (const character of RUN_CHARACTERS) {
    it(`run of ${JSON.stringify(character)}`, () => {
      const run = character.repeat(100_000);
      for (const text of [run, `1${run}`, `foo${run}`, `==1${run}`, `python_version == "3" and ${run}`]) {
        expect(() => parseVersion(text)).not.toThrow();
        parseOrReject(() => parseSpecifierSet(text), InvalidSpecifierError);
        parseOrReject(() => parseMarker(text), InvalidMarkerError);
        parseOrReject(() => parseRequirement(text), InvalidRequirementError);
      }
    });
  }

  it('deep nesting is an error, not a stack overflow', () => {
    for (const depth of [201, 10_000, 100_000]) {
      const nested = `${'('.repeat(depth)}os_name == "posix"${')'.repeat(depth)}`;
      expect(() => parseMarker(nested)).toThrow(InvalidMarkerError);
      expect(() => parseRequirement(`foo; ${nested}`)).toThrow(InvalidRequirementError);
    }
  });

  it('long but valid inputs stay linear', () => {
    const release = Array.from({ length: 20_000 }, (_, i) => String(i)).join('.');
    expect(parseVersion(release)?.release.length).toBe(20_000);
    const clauses = Array.from({ length: 10_000 }, (_, i) => `!=0.${i}`).join(',');
    const set = parseSpecifierSet(`>=1,${clauses}`);
    expect(set.contains('1.5')).toBe(true);
    expect(isSatisfiable(set)).toBe(true);
    const marker = parseMarker(Array.from({ length: 5_000 }, () => 'os_name == "nt"').join(' or '));
    expect(evaluateMarker(marker, defaultLinuxCPythonEnvironment('3.7'))).toBe(false);
  });

  it('random Unicode never escapes the documented error types', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(() => parseVersion(text)).not.toThrow();
        parseOrReject(() => parseSpecifierSet(text), InvalidSpecifierError);
        parseOrReject(() => parseMarker(text), InvalidMarkerError);
        parseOrReject(() => parseRequirement(text), InvalidRequirementError);
        parseOrReject(() => parseRequirement(`pkg${text}`), InvalidRequirementError);
      }),
      { numRuns: 5000, seed: 99 },
    );
  });
});
