/**
 * poetry.lock: every `[[package]]` Poetry resolved, as an exact pin (`name==version`)
 * with its file hashes, a git source as a direct reference to the resolved commit, and
 * the `[[package]]` header line as its line. Lock files are what gets installed, so
 * the scan can check every transitive pin against the runtime and advisories.
 * Packages of optional groups or extras are not marked: poetry.lock does not say which
 * groups a package belongs to (lock-version 2.0).
 */
import { parseRequirement } from '../pep508/requirement';
import { declareRequirement, errorMessage } from '../file-model/declare';
import { emptyParsedFile, type ParsedFile } from '../file-model/model';
import { withoutStackTraces } from '../file-model/without-stack-traces';
import { observe } from '../file-model/observe';
import { describeTomlValue, isTable, lineOf, readTomlDocumentOrObserve, type TomlDocument, type TomlTable } from './toml-document';

const REGENERATE_HINT = 'Regenerate the lock file with `poetry lock`.';

function fileHashes(pkg: TomlTable): string[] {
  const files = Array.isArray(pkg.files) ? pkg.files : [];
  return files
    .map((file) => (isTable(file) && typeof file.hash === 'string' ? file.hash : null))
    .filter((hash): hash is string => hash !== null && hash.includes(':'));
}

/** The PEP 508 text Poetry's lock entry stands for. */
function requirementText(pkg: TomlTable, name: string, version: string): string {
  const source = isTable(pkg.source) ? pkg.source : null;
  if (source && source.type === 'git' && typeof source.url === 'string') {
    const commit = typeof source.resolved_reference === 'string' ? source.resolved_reference : source.reference;
    const subdirectory = typeof source.subdirectory === 'string' ? `#subdirectory=${source.subdirectory}` : '';
    const url = source.url.startsWith('git+') ? source.url : `git+${source.url}`;
    return `${name} @ ${url}${typeof commit === 'string' ? `@${commit}` : ''}${subdirectory}`;
  }
  if (source && (source.type === 'directory' || source.type === 'file' || source.type === 'url') && typeof source.url === 'string') {
    return `${name} @ ${source.url}`;
  }
  return `${name}==${version}`;
}

function readPackage(parsed: ParsedFile, document: TomlDocument, pkg: unknown, index: number): void {
  const line = lineOf(document, ['package', index]);
  if (!isTable(pkg) || typeof pkg.name !== 'string' || typeof pkg.version !== 'string') {
    observe(parsed, 'PARSE_ERROR', line, `[[package]] number ${index + 1} needs a name and a version string, not ${describeTomlValue(pkg)}`);
    return;
  }
  try {
    const requirement = declareRequirement(parseRequirement(requirementText(pkg, pkg.name, pkg.version)), {
      file: parsed.file,
      line,
      format: 'poetry-lock',
      group: pkg.optional === true ? 'optional' : null,
      text: `${pkg.name} ${pkg.version}`,
      editable: isTable(pkg.source) && pkg.develop === true,
    });
    requirement.hashes = fileHashes(pkg);
    parsed.requirements.push(requirement);
  } catch (error) {
    observe(parsed, 'PARSE_ERROR', line, `${pkg.name} ${pkg.version}: ${errorMessage(error)}`, REGENERATE_HINT);
  }
}

export function parsePoetryLock(file: string, content: string): ParsedFile {
  return withoutStackTraces(() => {
    const parsed = emptyParsedFile(file, 'poetry-lock');
    const document = readTomlDocumentOrObserve(parsed, content, REGENERATE_HINT);
    if (document === null) return parsed;
    const packages = document.root.package;
    if (Array.isArray(packages)) packages.forEach((pkg, index) => readPackage(parsed, document, pkg, index));
    return parsed;
  });
}
