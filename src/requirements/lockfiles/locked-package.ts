/**
 * What the lock-file readers (pylock.toml, uv.lock) share: a locked package becomes an exact
 * requirement (`name==version`, or a direct reference to what was locked) on the line of its
 * `[[packages]]` / `[[package]]` header, with the hashes of its files.
 */
import { declareRequirement, errorMessage } from '../file-model/declare';
import type { FileFormat, ParsedFile } from '../file-model/model';
import { observe } from '../file-model/observe';
import { parseRequirement } from '../pep508/requirement';
import { isTable, lineOf, type TomlDocument, type TomlTable } from '../pyproject/toml-document';

export interface LockedPackage {
  /** PEP 508 text the entry stands for: `name==1.2.3`, `name @ git+url@commit`, with `; marker` when there is one. */
  requirement: string;
  /** For messages: `name 1.2.3`. */
  label: string;
  line: number;
  hashes: string[];
  editable: boolean;
}

/** `algorithm:digest` strings from a `{ sha256 = "..." }` table (pylock) or a `"sha256:..."` string (uv). */
export function hashesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.includes(':') ? [value] : [];
  if (!isTable(value)) return [];
  return Object.entries(value).flatMap(([algorithm, digest]) => (typeof digest === 'string' ? [`${algorithm}:${digest}`] : []));
}

/** The hashes of every file of a package: wheels, sdist and archive entries, each with `hashes` or `hash`. */
export function fileHashes(pkg: TomlTable): string[] {
  const files: unknown[] = [...(Array.isArray(pkg.wheels) ? (pkg.wheels as unknown[]) : []), pkg.sdist, pkg.archive];
  return [...new Set(files.flatMap((file) => (isTable(file) ? [...hashesOf(file.hashes), ...hashesOf(file.hash)] : [])))];
}

export function declareLockedPackage(parsed: ParsedFile, format: FileFormat, locked: LockedPackage, hint: string): void {
  try {
    const requirement = declareRequirement(parseRequirement(locked.requirement), {
      file: parsed.file,
      line: locked.line,
      format,
      group: null,
      text: locked.label,
      editable: locked.editable,
    });
    requirement.hashes = locked.hashes;
    parsed.requirements.push(requirement);
  } catch (error) {
    observe(parsed, 'PARSE_ERROR', locked.line, `${locked.label}: ${errorMessage(error)}`, hint);
  }
}

/** The lock file's top-level `requires-python`, checked against the runtime's Python (PYTHON_INCOMPATIBLE). */
export function readRequiresPython(parsed: ParsedFile, document: TomlDocument): void {
  const constraint = document.root['requires-python'];
  if (typeof constraint !== 'string') return;
  parsed.pythonRequirements.push({
    file: parsed.file,
    line: lineOf(document, ['requires-python']),
    specifiers: [constraint],
    text: constraint,
    origin: 'requires-python',
  });
}
