/**
 * pyproject.toml: PEP 621 `[project]` (dependencies, optional-dependencies,
 * requires-python), PEP 735 `[dependency-groups]`, and Poetry's `[tool.poetry]`
 * dependency tables, groups, legacy dev-dependencies and sources. Each requirement keeps
 * the line where it is written; a bad entry is a PARSE_ERROR on its line and the rest
 * of the file is still read.
 */
import { parseRequirement } from '../pep508/requirement';
import { parseSpecifierSet } from '../pep440/specifier';
import { canonicalizeName } from '../pep508/name';
import { declareRequirement, errorMessage } from '../file-model/declare';
import { nonLocalFileUrlError } from '../file-model/link';
import { withoutStackTraces } from '../file-model/without-stack-traces';
import { emptyParsedFile, type ParsedFile } from '../file-model/model';
import type { TomlPath } from './toml-locations';
import { poetryPythonSpecifiers, translatePoetryDependency, PoetryDependencyError } from './poetry-dependency';
import { observe } from '../file-model/observe';
import { describeTomlValue, isTable, lineOf, readTomlDocumentOrObserve, TOML_SYNTAX_HINT, valueAt, type TomlDocument, type TomlTable } from './toml-document';

class FileReader {
  readonly file: string;

  constructor(
    readonly parsed: ParsedFile,
    readonly document: TomlDocument,
  ) {
    this.file = parsed.file;
  }

  line(path: TomlPath): number {
    return lineOf(this.document, path);
  }

  parseError(path: TomlPath, message: string, hint: string | null = null, pkg: string | null = null): void {
    observe(this.parsed, 'PARSE_ERROR', this.line(path), message, hint, pkg);
  }

  /** The value at `path` when it is a table; a PARSE_ERROR when it exists but is not. */
  table(path: string[]): TomlTable | null {
    const value = valueAt(this.document.root, path);
    if (value === undefined) return null;
    if (!isTable(value)) {
      this.parseError(path, `${path.join('.')} must be a table, not ${describeTomlValue(value)}`);
      return null;
    }
    return value;
  }

  array(path: string[]): unknown[] | null {
    const value = valueAt(this.document.root, path);
    if (value === undefined) return null;
    if (!Array.isArray(value)) {
      this.parseError(path, `${path.join('.')} must be an array, not ${describeTomlValue(value)}`);
      return null;
    }
    return value as unknown[];
  }
}

function readPep508List(reader: FileReader, path: string[], group: string | null, items: unknown[]): void {
  items.forEach((item, index) => {
    const itemPath = [...path, index];
    if (isTable(item) && typeof item['include-group'] === 'string') return;
    if (typeof item !== 'string') {
      reader.parseError(itemPath, `${path.join('.')}[${index}] must be a PEP 508 string, not ${describeTomlValue(item)}`);
      return;
    }
    try {
      const parsed = parseRequirement(item);
      // pip turns a file: URL into a path when it installs the dependency, and fails there (url_to_path).
      const fileUrlError = parsed.url === null ? null : nonLocalFileUrlError(parsed.url);
      if (fileUrlError !== null) throw new Error(fileUrlError);
      reader.parsed.requirements.push(declareRequirement(parsed, { file: reader.file, line: reader.line(itemPath), format: 'pyproject', group, text: item }));
    } catch (error) {
      reader.parseError(
        itemPath,
        `Invalid requirement ${JSON.stringify(item)}: ${errorMessage(error)}`,
        'Write a PEP 508 requirement such as "requests>=2.31,<3".',
      );
    }
  });
}

function readRequiresPython(reader: FileReader): void {
  const path = ['project', 'requires-python'];
  const value = valueAt(reader.document.root, path);
  if (value === undefined) return;
  if (typeof value !== 'string') {
    reader.parseError(path, `project.requires-python must be a string, not ${describeTomlValue(value)}`);
    return;
  }
  try {
    const specifier = parseSpecifierSet(value).toString();
    reader.parsed.pythonRequirements.push({
      file: reader.file,
      line: reader.line(path),
      specifiers: [specifier],
      text: value,
      origin: 'project.requires-python',
    });
  } catch (error) {
    reader.parseError(path, `Invalid requires-python ${JSON.stringify(value)}: ${errorMessage(error)}`, 'Write a PEP 440 specifier set such as ">=3.8".');
  }
}

function readProject(reader: FileReader): void {
  if (reader.table(['project']) === null) return;
  readRequiresPython(reader);
  const dependencies = reader.array(['project', 'dependencies']);
  if (dependencies) readPep508List(reader, ['project', 'dependencies'], null, dependencies);
  const optional = reader.table(['project', 'optional-dependencies']);
  for (const extra of Object.keys(optional ?? {})) {
    const items = reader.array(['project', 'optional-dependencies', extra]);
    if (items) readPep508List(reader, ['project', 'optional-dependencies', extra], `optional:${extra}`, items);
  }
}

function readDependencyGroups(reader: FileReader): void {
  const groups = reader.table(['dependency-groups']);
  for (const name of Object.keys(groups ?? {})) {
    const items = reader.array(['dependency-groups', name]);
    if (items) readPep508List(reader, ['dependency-groups', name], `group:${name}`, items);
  }
}

function readPoetryPython(reader: FileReader, path: string[], value: unknown): void {
  if (typeof value !== 'string') {
    reader.parseError(path, `${path.join('.')} must be a version constraint string, not ${describeTomlValue(value)}`);
    return;
  }
  try {
    reader.parsed.pythonRequirements.push({
      file: reader.file,
      line: reader.line(path),
      specifiers: poetryPythonSpecifiers(value),
      text: value,
      origin: path.join('.'),
    });
  } catch (error) {
    reader.parseError(path, errorMessage(error), 'Write a Poetry constraint such as "^3.8".');
  }
}

function readPoetryEntry(reader: FileReader, path: Array<string | number>, name: string, value: unknown, group: string | null): void {
  try {
    const translated = translatePoetryDependency(name, value);
    const parsed = parseRequirement(translated.requirement);
    const declared = declareRequirement(parsed, {
      file: reader.file,
      line: reader.line(path),
      format: 'pyproject',
      group: translated.optional && group === null ? 'optional' : group,
      text: typeof value === 'string' ? `${name} = "${value}"` : translated.requirement,
      editable: translated.editable,
      alternatives: translated.alternatives,
    });
    reader.parsed.requirements.push(declared);
  } catch (error) {
    const message = error instanceof PoetryDependencyError ? error.message : `Invalid dependency "${name}": ${errorMessage(error)}`;
    reader.parseError(path, `${name}: ${message}`, 'See https://python-poetry.org/docs/dependency-specification/.', safeCanonical(name));
  }
}

function safeCanonical(name: string): string | null {
  return name ? canonicalizeName(name) : null;
}

function readPoetryTable(reader: FileReader, path: string[], group: string | null, skip: ReadonlySet<string>): void {
  const table = reader.table(path);
  for (const [name, value] of Object.entries(table ?? {})) {
    if (name.toLowerCase() === 'python') {
      if (group === null) readPoetryPython(reader, [...path, name], value);
      continue;
    }
    // Poetry 2 reads [tool.poetry.dependencies] only to enrich what [project] already lists.
    if (skip.has(canonicalizeName(name))) continue;
    if (Array.isArray(value)) value.forEach((item, index) => readPoetryEntry(reader, [...path, name, index], name, item, group));
    else readPoetryEntry(reader, [...path, name], name, value, group);
  }
}

function readPoetrySources(reader: FileReader): void {
  const sources = reader.array(['tool', 'poetry', 'source']);
  (sources ?? []).forEach((source, index) => {
    const path = ['tool', 'poetry', 'source', index];
    if (!isTable(source) || typeof source.url !== 'string') {
      if (!(isTable(source) && source.url === undefined)) reader.parseError(path, `tool.poetry.source[${index}] needs a "url" string`);
      return;
    }
    const primary = source.default === true || source.priority === 'primary' || source.priority === 'default';
    reader.parsed.sources.push({
      file: reader.file,
      line: reader.line([...path, 'url']),
      kind: primary ? 'index-url' : 'extra-index-url',
      url: source.url,
      verifySsl: true,
    });
  });
}

function readPoetry(reader: FileReader): void {
  if (reader.table(['tool', 'poetry']) === null) return;
  const pep621Names = new Set(
    reader.parsed.requirements.filter((requirement) => requirement.group === null && requirement.name).map((requirement) => requirement.name!),
  );
  readPoetryTable(reader, ['tool', 'poetry', 'dependencies'], null, pep621Names);
  readPoetryTable(reader, ['tool', 'poetry', 'dev-dependencies'], 'group:dev', new Set());
  const groups = reader.table(['tool', 'poetry', 'group']);
  for (const group of Object.keys(groups ?? {})) {
    if (valueAt(reader.document.root, ['tool', 'poetry', 'group', group, 'dependencies']) === undefined) continue;
    readPoetryTable(reader, ['tool', 'poetry', 'group', group, 'dependencies'], `group:${group}`, new Set());
  }
  readPoetrySources(reader);
}

export function parsePyproject(file: string, content: string): ParsedFile {
  return withoutStackTraces(() => readPyproject(file, content));
}

function readPyproject(file: string, content: string): ParsedFile {
  const parsed = emptyParsedFile(file, 'pyproject');
  const document = readTomlDocumentOrObserve(parsed, content, TOML_SYNTAX_HINT);
  if (document === null) return parsed;
  const reader = new FileReader(parsed, document);
  readProject(reader);
  readDependencyGroups(reader);
  readPoetry(reader);
  return reader.parsed;
}
