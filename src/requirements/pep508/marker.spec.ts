import { describe, expect, it } from 'vitest';
import { loadPackagingFixture } from '../../../test/fixtures/packaging/load-fixture';
import type { MarkerEnvironment } from '../types';
import {
  defaultLinuxCPythonEnvironment,
  evaluateMarker,
  InvalidMarkerError,
  markerToString,
  parseMarker,
  UndefinedComparisonError,
  UndefinedEnvironmentNameError,
  type Marker,
  type MarkerEvaluationContext,
} from './marker';

type MarkerRecord = [string, string | null, string | null, string | null, string | null];

interface MarkersFixture {
  packaging: string;
  environments: Record<string, MarkerEnvironment>;
  evaluations: [string, MarkerEvaluationContext, { extra?: string; extras?: string[]; dependency_groups?: string[] }][];
  records: MarkerRecord[];
}

const fixture = loadPackagingFixture<MarkersFixture>('markers');

/** Documented divergence: `\N{NAME}` escapes would need Python's Unicode name database; we reject them. */
function usesNamedEscape(input: string): boolean {
  return input.includes('\\N{');
}

function evaluationAnswer(marker: Marker, evaluation: MarkersFixture['evaluations'][number]): string {
  const [name, context, overrides] = evaluation;
  try {
    const result = evaluateMarker(marker, fixture.environments[name], {
      context,
      extra: overrides.extra,
      extras: overrides.extras,
      dependencyGroups: overrides.dependency_groups,
    });
    return result ? 'T' : 'F';
  } catch (error) {
    if (error instanceof UndefinedComparisonError || error instanceof UndefinedEnvironmentNameError) return 'E';
    throw error;
  }
}

function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

describe('markers against packaging 26.2 (differential fixtures)', () => {
  const valid = fixture.records.filter((record) => record[1] !== null).length;

  it(`parses, rejects and prints ${fixture.records.length} markers like packaging (${valid} valid)`, () => {
    const mismatches: unknown[] = [];
    for (const [input, expected, errorType, message] of fixture.records) {
      if (usesNamedEscape(input)) {
        expect(() => parseMarker(input)).toThrow(InvalidMarkerError);
        continue;
      }
      let actual: string;
      try {
        actual = markerToString(parseMarker(input));
      } catch (error) {
        if (!(error instanceof InvalidMarkerError)) throw error;
        // SyntaxError (bad escapes) and RecursionError are not InvalidMarker in Python; any message will do there.
        if (expected !== null || (errorType === 'InvalidMarker' && error.message !== message)) {
          mismatches.push({ input: short(input), expected: expected ?? message, got: error.message });
        }
        continue;
      }
      if (actual !== expected) mismatches.push({ input: short(input), expected: expected ?? `${errorType}: ${message}`, actual });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it(`evaluates every valid marker in ${fixture.evaluations.length} environments/contexts like packaging`, () => {
    const mismatches: unknown[] = [];
    for (const [input, expected, , , answers] of fixture.records) {
      if (expected === null || answers === null || usesNamedEscape(input)) continue;
      const marker = parseMarker(input);
      const actual = fixture.evaluations.map((evaluation) => evaluationAnswer(marker, evaluation)).join('');
      if (actual !== answers) mismatches.push({ input, expected: answers, actual });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});

describe('markers', () => {
  const runtime = defaultLinuxCPythonEnvironment('3.7.3');

  it('builds the runtime environment for CPython on Linux', () => {
    expect(runtime).toMatchObject({
      python_version: '3.7',
      python_full_version: '3.7.3',
      implementation_version: '3.7.3',
      sys_platform: 'linux',
      platform_system: 'Linux',
      platform_python_implementation: 'CPython',
      os_name: 'posix',
    });
    expect(defaultLinuxCPythonEnvironment('3.7').python_full_version).toBe('3.7.0');
    expect(defaultLinuxCPythonEnvironment('3.13.0rc1').python_version).toBe('3.13');
    expect(() => defaultLinuxCPythonEnvironment('three')).toThrow();
  });

  it('accepts the legacy dotted spellings and prints them normalised', () => {
    const marker = parseMarker("os.name=='posix' and (python_implementation == 'CPython' or platform.machine=='x86_64')");
    expect(markerToString(marker)).toBe('os_name == "posix" and (platform_python_implementation == "CPython" or platform_machine == "x86_64")');
    expect(evaluateMarker(marker, runtime)).toBe(true);
  });

  it('compares versions as PEP 440 specifiers and everything else as strings', () => {
    expect(evaluateMarker(parseMarker('python_version < "3.10"'), runtime)).toBe(true);
    expect(evaluateMarker(parseMarker('python_full_version >= "3.7.3rc1"'), runtime)).toBe(true);
    expect(evaluateMarker(parseMarker('python_version == "3.7.*"'), runtime)).toBe(true);
    expect(evaluateMarker(parseMarker('sys_platform < "win32"'), runtime)).toBe(false);
    expect(evaluateMarker(parseMarker('"lin" in sys_platform'), runtime)).toBe(true);
    expect(() => evaluateMarker(parseMarker('os_name ~= "posix"'), runtime)).toThrow(UndefinedComparisonError);
  });

  it('normalises extras (PEP 685) and takes the extra as third argument', () => {
    const marker = parseMarker('extra == "Test_Extra"');
    expect(markerToString(marker)).toBe('extra == "test-extra"');
    expect(evaluateMarker(marker, runtime)).toBe(false);
    expect(evaluateMarker(marker, runtime, 'test.extra')).toBe(true);
    expect(() => evaluateMarker(marker, runtime, { context: 'requirement' })).toThrow(UndefinedEnvironmentNameError);
  });

  it('reports syntax errors like packaging, with a marker under the problem', () => {
    expect(() => parseMarker('python_version >= "3" and')).toThrow(
      'Expected a marker variable or quoted string\n    python_version >= "3" and\n                             ^',
    );
  });

  it('refuses parentheses nested deeper than 200 levels instead of overflowing the stack', () => {
    const deep = `${'('.repeat(200)}os_name == "posix"${')'.repeat(200)}`;
    expect(markerToString(parseMarker(deep))).toBe('os_name == "posix"');
    expect(() => parseMarker(`${'('.repeat(100_000)}os_name == "posix"${')'.repeat(100_000)}`)).toThrow(/200 levels/);
  });
});
