/**
 * Differential test: every file of the corpus (test/fixtures/corpus) is parsed by the
 * engine and compared with the answers pip 23.2.1 + packaging 26.2 gave for it
 * (scripts/corpus/generate_expected.py; Poetry translations written by hand).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePipfile, parsePyproject, parseRequirementsFile, type DeclaredRequirement, type ParsedFile } from '../../src/requirements';

const CORPUS = join(__dirname, '..', 'fixtures', 'corpus');
const EXPECTED = join(CORPUS, 'expected');

function listFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const corpusFiles = listFiles(CORPUS)
  .filter((path) => !path.startsWith(EXPECTED) && !path.endsWith('poetry-translations.json'))
  .map((path) => relative(CORPUS, path))
  .sort();

type Clause = [string, string];

/** One expected answer: which reader, pip's environment for pip files, and the views to compare. */
interface ExpectedAnswer {
  format: 'pip' | 'pyproject' | 'pipfile';
  env?: Record<string, string>;
  requirements: Record<string, unknown>[];
  sources: Record<string, unknown>[];
  [view: string]: unknown;
}

function clauses(requirement: DeclaredRequirement): Clause[] {
  return requirement.specifiers.map((clause) => [clause.operator, clause.version]);
}

function errorLines(parsed: ParsedFile): number[] {
  return [...new Set(parsed.observations.filter((o) => o.code === 'PARSE_ERROR').map((o) => o.line!))].sort((a, b) => a - b);
}

function pipView(parsed: ParsedFile) {
  return {
    requirements: parsed.requirements.map((r) => ({
      line: r.line,
      name: r.name,
      extras: [...r.extras].sort(),
      specifiers: clauses(r),
      marker: r.marker,
      url: r.url,
      editable: r.editable,
      hashes: [...r.hashes].sort(),
      source: r.source,
    })),
    includes: parsed.includes.map(({ line, kind, target }) => ({ line, kind, target })),
    sources: parsed.sources.map(({ line, kind, url }) => ({ line, kind, url })),
    trustedHosts: parsed.trustedHosts.map(({ line, host }) => ({ line, host })),
    requireHashesLine: parsed.requireHashesLine,
    errorLines: errorLines(parsed),
  };
}

function tomlView(parsed: ParsedFile, expected: { requirements: Array<Record<string, unknown>>; sources: Array<Record<string, unknown>> }) {
  return {
    requirements: parsed.requirements.map((r, index) => {
      const view: Record<string, unknown> = {
        line: r.line,
        group: r.group,
        name: r.name,
        extras: [...r.extras].sort(),
        specifiers: clauses(r),
        marker: r.marker,
        url: r.url,
      };
      const wanted = expected.requirements[index] ?? {};
      if ('alternatives' in wanted) view.alternatives = r.alternatives?.map((list) => list.map((c) => [c.operator, c.version])) ?? null;
      if ('editable' in wanted) view.editable = r.editable;
      return view;
    }),
    pythonRequirements: parsed.pythonRequirements.map(({ line, specifiers }) => ({ line, specifiers })),
    sources: parsed.sources.map((source, index) => {
      const view: Record<string, unknown> = { line: source.line, kind: source.kind, url: source.url };
      if ('verifySsl' in (expected.sources[index] ?? {})) view.verifySsl = source.verifySsl;
      return view;
    }),
    errorLines: errorLines(parsed),
  };
}

describe('corpus agreement with pip 23.2.1 and packaging 26.2', () => {
  it('has the corpus and an expected answer for each file', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(40);
    for (const file of corpusFiles) expect(statSync(join(EXPECTED, `${file}.json`)).isFile()).toBe(true);
  });

  it.each(corpusFiles)('%s', (file) => {
    const content = readFileSync(join(CORPUS, file));
    const expected = JSON.parse(readFileSync(join(EXPECTED, `${file}.json`), 'utf8')) as ExpectedAnswer;
    const text = new TextDecoder('utf-8').decode(content);
    if (expected.format === 'pip') {
      const parsed = parseRequirementsFile(file, text, { env: expected.env });
      const { env: _env, format: _format, ...wanted } = expected;
      expect(pipView(parsed)).toEqual(wanted);
    } else {
      const parsed = expected.format === 'pyproject' ? parsePyproject(file, text) : parsePipfile(file, text);
      const { format: _format, ...wanted } = expected;
      const normalizedWanted = {
        ...wanted,
        requirements: wanted.requirements.map((r) => ({ ...r, extras: [...(r.extras as string[])].sort() })),
      };
      expect(tomlView(parsed, wanted)).toEqual(normalizedWanted);
    }
  });
});
