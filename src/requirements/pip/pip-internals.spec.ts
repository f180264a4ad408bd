/**
 * The re-implemented parts of pip's reader against Python 3.11's shlex and pip 23.2.1's
 * req_file on thousands of random inputs (test/requirements/fixtures/pip-unit-cases.json,
 * from scripts/corpus/generate_pip_unit_cases.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breakArgumentsAndOptions, formatControlSets, OptionParsingError, parseLineOptions } from './line-options';
import { preprocessRequirementsFile } from './preprocess';
import { shlexSplit, ShlexError } from './shlex';

interface Cases {
  env: Record<string, string>;
  shlex: Array<{ text: string; words?: string[]; error?: string }>;
  preprocess: Array<{ content: string; lines: Array<[number, string]> }>;
  options: Array<{ line: string; arguments: string; options: string; values?: Record<string, unknown>; error?: boolean }>;
}

const cases = JSON.parse(readFileSync(join(__dirname, '../../../test/requirements/fixtures/pip-unit-cases.json'), 'utf8')) as Cases;

describe('shlexSplit (Python shlex.split)', () => {
  it(`agrees on ${cases.shlex.length} inputs`, () => {
    for (const { text, words, error } of cases.shlex) {
      if (error !== undefined) expect(() => shlexSplit(text), JSON.stringify(text)).toThrow(ShlexError);
      else expect(shlexSplit(text), JSON.stringify(text)).toEqual(words);
    }
  });

  it('names the two errors as Python does', () => {
    expect(() => shlexSplit("'open")).toThrow('No closing quotation');
    expect(() => shlexSplit('end\\')).toThrow('No escaped character');
  });
});

describe('preprocessRequirementsFile (pip preprocess)', () => {
  it(`agrees on ${cases.preprocess.length} random files`, () => {
    for (const { content, lines } of cases.preprocess) {
      const ours = preprocessRequirementsFile(content, cases.env).map((line) => [line.lineNumber, line.text]);
      expect(ours, JSON.stringify(content)).toEqual(lines);
    }
  });

  it('keeps the first physical line number of a continued requirement', () => {
    const lines = preprocessRequirementsFile('# head\nrequests==2.19.1 \\\n    --hash=sha256:abc \\\n    --hash=sha256:def\nsix\n');
    expect(lines.map((line) => [line.lineNumber, line.text])).toEqual([
      [2, 'requests==2.19.1     --hash=sha256:abc     --hash=sha256:def'],
      [5, 'six'],
    ]);
  });

  it('drops a byte-order mark and reads CRLF', () => {
    expect(preprocessRequirementsFile('\ufeffa==1\r\nb==2\r\n').map((line) => line.text)).toEqual(['a==1', 'b==2']);
  });

  it('reports references it could not expand', () => {
    const [line] = preprocessRequirementsFile('--index-url https://${USER}:${TOKEN}@host/simple', { USER: 'ci' });
    expect(line.text).toBe('--index-url https://ci:${TOKEN}@host/simple');
    expect(line.undefinedVariables).toEqual(['TOKEN']);
  });

  it('is linear on long runs of characters that trouble regular expressions', () => {
    preprocessRequirementsFile(' '.repeat(200_000) + '#' + '\\'.repeat(200_000) + '\n' + '${'.repeat(100_000) + '\n' + ' #'.repeat(100_000));
  });
});

describe('line options (pip optparse, break_args_options)', () => {
  it(`agrees on ${cases.options.length} random option lines`, () => {
    for (const testCase of cases.options) {
      expect(breakArgumentsAndOptions(testCase.line), testCase.line).toEqual({ argumentsText: testCase.arguments, optionsText: testCase.options });
      if (testCase.error) {
        expect(() => parseLineOptions(testCase.options), testCase.line).toThrow(OptionParsingError);
        continue;
      }
      const values = parseLineOptions(testCase.options);
      const { noBinary, onlyBinary } = formatControlSets(values.formatControl);
      expect(
        {
          indexUrl: values.indexUrl,
          extraIndexUrls: values.extraIndexUrls,
          noIndex: values.noIndex,
          constraints: values.constraints,
          requirements: values.requirements,
          editables: values.editables,
          findLinks: values.findLinks,
          preferBinary: values.preferBinary,
          requireHashes: values.requireHashes,
          pre: values.pre,
          trustedHosts: values.trustedHosts,
          featuresEnabled: values.featuresEnabled,
          globalOptions: values.globalOptions,
          hashes: [...values.hashes].sort(),
          configSettings: values.configSettings,
          noBinary,
          onlyBinary,
        },
        testCase.line,
      ).toEqual(testCase.values);
    }
  });

  it('explains what is wrong', () => {
    expect(() => parseLineOptions('--e x')).toThrow('ambiguous option: --e (--editable, --extra-index-url?)');
    expect(() => parseLineOptions('--pre=1')).toThrow('--pre option does not take a value');
    expect(() => parseLineOptions('-r')).toThrow('-r option requires 1 argument');
    expect(() => parseLineOptions('--hash=md5:x')).toThrow('Allowed hash algorithms for --hash are sha256, sha384, sha512.');
    expect(() => parseLineOptions('--install-option=x')).toThrow('no such option: --install-option');
  });
});
