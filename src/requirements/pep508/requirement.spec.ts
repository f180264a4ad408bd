import { describe, expect, it } from 'vitest';
import { loadPackagingFixture } from '../../../test/fixtures/packaging/load-fixture';
import { InvalidRequirementError, parseRequirement, requirementToString } from './requirement';

interface RequirementRecord {
  input: string;
  error?: string;
  message?: string | null;
  name?: string;
  url?: string | null;
  extras?: string[];
  clauses?: [string, string][];
  marker?: string | null;
  str?: string;
  specifier?: string;
  strError?: string;
  usable?: boolean;
}

const fixture = loadPackagingFixture<{ packaging: string; records: RequirementRecord[] }>('requirements');

function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

describe('requirements against packaging 26.2 (differential fixtures)', () => {
  const valid = fixture.records.filter((record) => record.error === undefined).length;

  it(`parses or rejects ${fixture.records.length} requirement strings like packaging (${valid} valid), with its messages`, () => {
    const mismatches: unknown[] = [];
    for (const record of fixture.records) {
      let parsed;
      try {
        parsed = parseRequirement(record.input);
      } catch (error) {
        if (!(error instanceof InvalidRequirementError)) throw error;
        const expectedMessage = record.error === 'InvalidRequirement' || record.error === 'InvalidSpecifier' ? record.message : undefined;
        const rejectionExpected = record.error !== undefined || record.usable === false;
        if (!rejectionExpected || (expectedMessage !== undefined && expectedMessage !== error.message)) {
          mismatches.push({ input: short(record.input), expected: record.error ? expectedMessage : record.str, got: error.message });
        }
        continue;
      }
      if (record.error !== undefined || record.usable === false) {
        mismatches.push({ input: short(record.input), expected: record.error ?? 'unusable specifier', got: requirementToString(parsed) });
        continue;
      }
      const actual = {
        name: parsed.rawName,
        url: parsed.url,
        extras: parsed.extras,
        clauses: parsed.specifiers.map((clause) => [clause.operator, clause.version]),
        marker: parsed.marker,
        str: requirementToString(parsed),
        specifier: parsed.specifier.toString(),
      };
      const expected = {
        name: record.name,
        url: record.url,
        extras: record.extras,
        clauses: record.clauses,
        marker: record.marker,
        str: record.str,
        specifier: record.specifier,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ input: short(record.input), expected, actual });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});

describe('parseRequirement', () => {
  it('parses name, extras, specifier, url and marker', () => {
    const parsed = parseRequirement('Django_Rest[b,a,a] (>=3.0, <4) ; python_version >= "3.6" and extra == "Docs_X"');
    expect(parsed).toMatchObject({
      rawName: 'Django_Rest',
      name: 'django-rest',
      extras: ['a', 'b'],
      specifiers: [
        { operator: '>=', version: '3.0' },
        { operator: '<', version: '4' },
      ],
      marker: 'python_version >= "3.6" and extra == "docs-x"',
      url: null,
    });
    expect(requirementToString(parsed)).toBe('Django_Rest[a,b]<4,>=3.0; python_version >= "3.6" and extra == "docs-x"');
  });

  it('takes the URL of a direct reference up to the next space', () => {
    expect(parseRequirement('pkg @ https://example.com/pkg.whl ; os_name == "posix"')).toMatchObject({
      url: 'https://example.com/pkg.whl',
      marker: 'os_name == "posix"',
    });
    expect(parseRequirement('pkg @ https://example.com/pkg.whl;os_name=="posix"').url).toBe('https://example.com/pkg.whl;os_name=="posix"');
  });

  it("reports errors with packaging's message and the column", () => {
    try {
      parseRequirement('foo >= 1.0.*');
      expect.fail('should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRequirementError);
      const invalid = error as InvalidRequirementError;
      expect(invalid.reason).toBe('.* suffix can only be used with `==` or `!=` operators');
      expect(invalid.column).toBe(5);
      expect(invalid.message).toBe('.* suffix can only be used with `==` or `!=` operators\n    foo >= 1.0.*\n        ~~~~~~~^');
    }
  });

  it('handles hostile input in linear time', () => {
    for (const character of ['a', '(', '[', ' ', '=', '.', '1', ';', '@', '"', ',', '\u00e9']) {
      const text = character.repeat(100_000);
      try {
        parseRequirement(text);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidRequirementError);
      }
      try {
        parseRequirement(`foo${text}`);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidRequirementError);
      }
    }
  });
});
