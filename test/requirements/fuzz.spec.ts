/**
 * Fuzz test: a million random and mutated inputs (mutations of the corpus lines, random
 * characters and bytes, long runs of characters that make backtracking regular
 * expressions explode, deep parentheses). All of them go through the reader's own
 * layers (line splitting, comments, continuations, shlex, options, the plain-requirement
 * fast path, URL helpers) and through the complete pip reader and the scanner, and
 * thousands of mutated TOML files go through the pyproject/Pipfile readers. Nothing may
 * throw except the documented input and parse errors, and no reader may fail internally.
 *
 * Nearly every random line is invalid, and an invalid line costs a thrown and caught PEP 508
 * syntax error (10-20 us), so the full reader's million take about a minute of one worker.
 * FUZZ_FULL_INPUTS lowers that budget for quick local runs; FUZZ_INPUTS and FUZZ_SEED change the rest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePoetryConstraint, parseRequirementsFile, PoetryConstraintError, scan, ScanInputError, type ScanReport } from '../../src/requirements';
import { breakArgumentsAndOptions, OptionParsingError, parseLineOptions } from '../../src/requirements/pip/line-options';
import { isArchiveFile, isPipUrl, linkFilename, stripExtras, urlHashFragment, vcsReference } from '../../src/requirements/file-model/link';
import { preprocessRequirementsFile } from '../../src/requirements/pip/preprocess';
import { parsePlainRequirement } from '../../src/requirements/pip/plain-requirement';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 1_000_000);
const FULL_INPUTS = Math.min(INPUTS, Number(process.env.FUZZ_FULL_INPUTS ?? INPUTS));
const SEED = Number(process.env.FUZZ_SEED ?? 20181122);
const CORPUS = join(__dirname, '..', 'fixtures', 'corpus');

function listFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const corpusFiles = listFiles(CORPUS).filter((path) => !path.includes(`${join(CORPUS, 'expected')}`) && !path.endsWith('.json'));
const tomlFiles = corpusFiles.filter((path) => path.endsWith('.toml') || path.endsWith('Pipfile')).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const corpusLines = corpusFiles
  .filter((path) => !path.endsWith('.toml') && !path.endsWith('Pipfile'))
  .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
  .filter((line) => line.length < 2000);

/** xorshift32: fast and reproducible. */
function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

const INTERESTING = [
  ' ',
  '\t',
  '\\',
  '#',
  ';',
  '@',
  '[',
  ']',
  '(',
  ')',
  ',',
  '=',
  '==',
  '===',
  '~=',
  '!=',
  '<',
  '>',
  '*',
  '.',
  '-',
  '_',
  '+',
  '!',
  '"',
  "'",
  '-r ',
  '-c ',
  '-e ',
  '--hash=',
  'sha256:',
  '--index-url ',
  '${',
  '}',
  '${A}',
  'git+',
  'https://',
  'file:',
  '#egg=',
  '&subdirectory=',
  ' and ',
  ' or ',
  'python_version',
  'extra',
  ' in ',
  ' not in ',
  '\r',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\ufeff',
  'é',
  '😀',
  '\ud800',
  '\u0000',
];

const RUNS = ['(', ' ', '\\', '=', '[', '.', '1.', 'a', '#', '"', "'", ' #', '${', ',', '-', '@', ';', ' and (', 'or '];

function mutate(line: string, random: () => number): string {
  let text = line;
  const edits = 1 + (random() % 4);
  for (let edit = 0; edit < edits; edit += 1) {
    const at = text.length === 0 ? 0 : random() % (text.length + 1);
    switch (random() % 5) {
      case 0:
        text = text.slice(0, at) + INTERESTING[random() % INTERESTING.length] + text.slice(at);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + 1 + (random() % 4));
        break;
      case 2:
        text = text.slice(0, at) + String.fromCharCode(random() % 0x3000) + text.slice(at);
        break;
      case 3:
        text = text.slice(at) + text.slice(0, at);
        break;
      default:
        text = text.slice(0, at) + text.slice(Math.max(0, at - 8), at) + text.slice(at);
    }
  }
  return text;
}

function randomCharacters(random: () => number): string {
  const length = random() % 40;
  let text = '';
  for (let index = 0; index < length; index += 1) {
    text += random() % 3 === 0 ? INTERESTING[random() % INTERESTING.length] : String.fromCharCode(32 + (random() % 95));
  }
  return text;
}

function longRun(random: () => number): string {
  const unit = RUNS[random() % RUNS.length];
  const prefix = ['', 'a==1', 'a; ', 'a @ ', '-e ', '--hash=', 'a[', 'a; python_version >= '][random() % 8];
  return prefix + unit.repeat(200 + (random() % 2000));
}

function deepParentheses(random: () => number): string {
  const depth = 50 + (random() % 400);
  return `a==1; ${'('.repeat(depth)}python_version >= "3"${')'.repeat(random() % 2 === 0 ? depth : depth - 1)}`;
}

function nextInput(random: () => number): string {
  const kind = random() % 1000;
  if (kind < 700) return mutate(corpusLines[random() % corpusLines.length], random);
  if (kind < 998) return randomCharacters(random);
  if (kind < 999) return longRun(random);
  return deepParentheses(random);
}

function scanOrInputError(files: Array<{ path: string; content: string }>): ScanReport | null {
  try {
    return scan({ files, maxBytes: 64 * 1024 * 1024, runtime: { version: '37.21.0', pythonVersion: '3.7', packages: [{ name: 'Django', version: '2.0.7' }] } });
  } catch (error) {
    if (error instanceof ScanInputError) return null;
    throw error;
  }
}

describe(`fuzz: ${INPUTS.toLocaleString('en-US')} inputs (seed ${SEED})`, () => {
  it('the reader layers never throw on any input', { timeout: 600_000 }, () => {
    const random = generator(SEED);
    let lines = 0;
    // As in the readers themselves: expected option errors are caught, their stacks unused.
    const previousLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      const batch: string[] = [];
      const flush = () => {
        // Joined into one file, inputs also meet each other across continuations.
        for (const line of preprocessRequirementsFile(batch.join('\n'), { A: 'x' })) {
          lines += 1;
          const { argumentsText, optionsText } = breakArgumentsAndOptions(line.text);
          try {
            parseLineOptions(optionsText);
          } catch (error) {
            // A plain check: expect() on a million inputs would dominate the run.
            if (!(error instanceof OptionParsingError)) throw error;
          }
          parsePlainRequirement(argumentsText);
          stripExtras(argumentsText);
          isArchiveFile(argumentsText);
          if (isPipUrl(argumentsText)) {
            linkFilename(argumentsText);
            vcsReference(argumentsText);
            urlHashFragment(argumentsText);
          }
        }
        batch.length = 0;
      };
      for (let index = 0; index < INPUTS; index += 1) {
        batch.push(nextInput(random));
        if (batch.length === 1000) flush();
      }
      flush();
    } finally {
      Error.stackTraceLimit = previousLimit;
    }
    expect(lines).toBeGreaterThan(INPUTS / 4);
  });

  it(`the full pip reader and the scanner never throw and never fail internally (${FULL_INPUTS.toLocaleString('en-US')} inputs)`, { timeout: 600_000 }, () => {
    const random = generator(SEED);
    const batch: string[] = [];
    let scanned = 0;
    let findings = 0;
    const flush = () => {
      const content = batch.join('\n');
      // The reader takes anything; the scan refuses NUL bytes as binary data, so it gets them replaced.
      const parsed = parseRequirementsFile('requirements.txt', content);
      expect(parsed.observations.find((o) => o.message.includes('internal error'))).toBeUndefined();
      const report = scanOrInputError([{ path: 'requirements.txt', content: content.replaceAll('\u0000', '\ufffd') }]);
      expect(report).not.toBeNull();
      if (report) {
        findings += report.findings.length;
        const internal = report.findings.find((finding) => finding.message.includes('internal error'));
        expect(internal, internal?.message).toBeUndefined();
      }
      scanned += batch.length;
      batch.length = 0;
    };
    for (let index = 0; index < FULL_INPUTS; index += 1) {
      batch.push(nextInput(random));
      if (batch.length === 2000) flush();
    }
    if (batch.length > 0) flush();
    expect(scanned).toBe(FULL_INPUTS);
    expect(findings).toBeGreaterThan(0);
  });

  it('the pyproject.toml and Pipfile readers never throw on mutated files', { timeout: 600_000 }, () => {
    const random = generator(SEED ^ 0x5bd1e995);
    const rounds = Math.max(1000, Math.floor(FULL_INPUTS / 100));
    for (let round = 0; round < rounds; round += 1) {
      const source = tomlFiles[random() % tomlFiles.length];
      const lines = source.text.split('\n');
      for (let edit = 0; edit < 1 + (random() % 3); edit += 1) {
        const at = random() % lines.length;
        lines[at] = mutate(lines[at], random);
      }
      const name = source.path.endsWith('Pipfile') ? 'Pipfile' : 'pyproject.toml';
      const report = scanOrInputError([{ path: name, content: lines.join('\n') }]);
      const internal = report?.findings.find((finding) => finding.message.includes('internal error'));
      expect(internal, internal?.message).toBeUndefined();
    }
  });

  it('the Poetry constraint parser only ever refuses with its own error', () => {
    const random = generator(SEED ^ 0x1234567);
    const pieces = ['^', '~', '~=', '*', '||', '|', ',', ' ', '>=', '<', '!=', '==', '=', '1', '1.2', '0.0.3', '.*', 'a1', 'dev', 'v', 'x', '-'];
    for (let round = 0; round < Math.max(20_000, FULL_INPUTS / 5); round += 1) {
      let text = '';
      for (let part = random() % 8; part >= 0; part -= 1) text += pieces[random() % pieces.length];
      try {
        parsePoetryConstraint(text);
      } catch (error) {
        expect(error, text).toBeInstanceOf(PoetryConstraintError);
      }
    }
  });
});
