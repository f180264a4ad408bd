/**
 * Pipfile (pipenv): `[packages]`, `[dev-packages]` and other package categories,
 * `[requires] python_version / python_full_version`, and `[[source]]`. Entries are
 * translated to PEP 508 the way pipenv hands them to pip: `"*"` is any version, a string
 * is a specifier set, a table may carry version, extras, markers, marker-variable keys
 * (`sys_platform = "== 'win32'"`), git/ref, path, file and editable.
 */
import { parseRequirement } from '../pep508/requirement';
import { canonicalizeName } from '../pep508/name';
import { declareRequirement, errorMessage } from '../file-model/declare';
import { withoutStackTraces } from '../file-model/without-stack-traces';
import { emptyParsedFile, type ParsedFile } from '../file-model/model';
import { observe } from '../file-model/observe';
import { joinMarkers } from '../pyproject/poetry-dependency';
import { describeTomlValue, isTable, lineOf, readTomlDocumentOrObserve, TOML_SYNTAX_HINT, type TomlDocument, type TomlTable } from '../pyproject/toml-document';

class PipfileEntryError extends Error {}

/** Top-level tables that are not package categories. */
const NON_PACKAGE_TABLES = new Set(['source', 'requires', 'pipenv', 'scripts']);

/** PEP 508 marker variables pipenv accepts as keys of a package table. */
const MARKER_KEYS = [
  'os_name',
  'sys_platform',
  'platform_machine',
  'platform_python_implementation',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_version',
  'python_full_version',
  'implementation_name',
  'implementation_version',
];

function stringField(table: TomlTable, key: string): string | null {
  const value = table[key];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw new PipfileEntryError(`"${key}" must be a string, not ${describeTomlValue(value)}`);
  return value;
}

/** `"*"` or empty is any version; otherwise a PEP 440 specifier set (an operator is required). */
function versionText(version: string | null): string {
  const text = (version ?? '*').trim();
  if (text === '*' || text === '') return '';
  if (!/^[<>=!~]/.test(text)) throw new PipfileEntryError(`version "${text}" needs an operator (for example "==${text}"), or "*" for any version`);
  return text;
}

function extrasText(table: TomlTable): string {
  const extras = table.extras;
  if (extras === undefined) return '';
  if (!Array.isArray(extras) || extras.some((extra) => typeof extra !== 'string')) throw new PipfileEntryError('"extras" must be a list of strings');
  return extras.length === 0 ? '' : `[${extras.join(',')}]`;
}

function markerOf(table: TomlTable): string | null {
  const parts: Array<string | null> = [stringField(table, 'markers')];
  for (const key of MARKER_KEYS) {
    const value = stringField(table, key);
    if (value !== null) parts.push(`${key} ${value.trim()}`);
  }
  return joinMarkers(parts);
}

function directUrl(table: TomlTable): string | null {
  const git = stringField(table, 'git');
  if (git !== null) {
    const ref = stringField(table, 'ref');
    const subdirectory = stringField(table, 'subdirectory');
    const base = git.startsWith('git+') ? git : `git+${git}`;
    return `${base}${ref ? `@${ref}` : ''}${subdirectory ? `#subdirectory=${subdirectory}` : ''}`;
  }
  return stringField(table, 'path') ?? stringField(table, 'file');
}

interface TranslatedEntry {
  requirement: string;
  editable: boolean;
}

function translateEntry(name: string, value: unknown): TranslatedEntry {
  if (typeof value === 'string') return { requirement: `${name}${versionText(value)}`, editable: false };
  if (!isTable(value)) throw new PipfileEntryError(`must be a version string or a table, not ${describeTomlValue(value)}`);
  const marker = markerOf(value);
  const markerSuffix = marker === null ? '' : ` ; ${marker}`;
  const url = directUrl(value);
  const extras = extrasText(value);
  if (url !== null) return { requirement: `${name}${extras} @ ${url}${markerSuffix}`, editable: value.editable === true };
  return { requirement: `${name}${extras}${versionText(stringField(value, 'version'))}${markerSuffix}`, editable: false };
}

function readCategory(parsed: ParsedFile, document: TomlDocument, category: string, table: TomlTable): void {
  const group = category === 'packages' ? null : category;
  for (const [name, value] of Object.entries(table)) {
    const line = lineOf(document, [category, name]);
    try {
      const translated = translateEntry(name, value);
      const requirement = parseRequirement(translated.requirement);
      parsed.requirements.push(
        declareRequirement(requirement, {
          file: parsed.file,
          line,
          format: 'pipfile',
          group,
          text: typeof value === 'string' ? `${name} = "${value}"` : translated.requirement,
          editable: translated.editable,
        }),
      );
    } catch (error) {
      observe(
        parsed,
        'PARSE_ERROR',
        line,
        `${name}: ${errorMessage(error)}`,
        'See https://pipenv.pypa.io/en/latest/specifiers.html.',
        name ? canonicalizeName(name) : null,
      );
    }
  }
}

function readRequires(parsed: ParsedFile, document: TomlDocument): void {
  const requires = document.root.requires;
  if (requires === undefined) return;
  if (!isTable(requires)) {
    observe(parsed, 'PARSE_ERROR', lineOf(document, ['requires']), `[requires] must be a table, not ${describeTomlValue(requires)}`);
    return;
  }
  for (const key of ['python_full_version', 'python_version']) {
    const value = requires[key];
    if (value === undefined) continue;
    const line = lineOf(document, ['requires', key]);
    if (typeof value !== 'string' || !/^\d+(\.\d+)*$/.test(value.trim())) {
      observe(parsed, 'PARSE_ERROR', line, `[requires] ${key} must be a version such as "3.8", not ${describeTomlValue(value)}`);
      continue;
    }
    // pipenv compares python_version on major.minor and python_full_version exactly.
    const version = value.trim();
    const specifier = key === 'python_version' ? `==${version}.*` : `==${version}`;
    parsed.pythonRequirements.push({ file: parsed.file, line, specifiers: [specifier], text: version, origin: `[requires] ${key}` });
    return;
  }
}

function readSources(parsed: ParsedFile, document: TomlDocument): void {
  const sources = document.root.source;
  if (!Array.isArray(sources)) return;
  sources.forEach((source, index) => {
    if (!isTable(source) || typeof source.url !== 'string') {
      observe(parsed, 'PARSE_ERROR', lineOf(document, ['source', index]), `[[source]] number ${index + 1} needs a "url" string`);
      return;
    }
    parsed.sources.push({
      file: parsed.file,
      line: lineOf(document, ['source', index, 'url']),
      kind: index === 0 ? 'index-url' : 'extra-index-url',
      url: source.url,
      verifySsl: source.verify_ssl !== false,
    });
  });
}

export function parsePipfile(file: string, content: string): ParsedFile {
  return withoutStackTraces(() => readPipfile(file, content));
}

function readPipfile(file: string, content: string): ParsedFile {
  const parsed = emptyParsedFile(file, 'pipfile');
  const document = readTomlDocumentOrObserve(parsed, content, TOML_SYNTAX_HINT);
  if (document === null) return parsed;
  readSources(parsed, document);
  readRequires(parsed, document);
  for (const [category, value] of Object.entries(document.root)) {
    if (NON_PACKAGE_TABLES.has(category) || !isTable(value)) continue;
    readCategory(parsed, document, category, value);
  }
  return parsed;
}
