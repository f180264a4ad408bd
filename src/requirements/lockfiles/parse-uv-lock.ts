/**
 * uv.lock (uv's own lock format): every `[[package]]` uv resolved, as an exact pin with the hashes
 * of its sdist and wheels; a git source as a direct reference to the locked commit, a path or
 * directory as a local path, a URL as itself. The project itself (a `virtual` source, or the
 * editable `.`) is not a dependency and is left out. Findings sit on the `[[package]]` line.
 */
import { emptyParsedFile, type ParsedFile } from '../file-model/model';
import { observe } from '../file-model/observe';
import { withoutStackTraces } from '../file-model/without-stack-traces';
import { describeTomlValue, isTable, lineOf, readTomlDocumentOrObserve, type TomlDocument, type TomlTable } from '../pyproject/toml-document';
import { declareLockedPackage, fileHashes, readRequiresPython } from './locked-package';

const REGENERATE_HINT = 'Regenerate the lock file with `uv lock`.';

/** uv writes a git source as `git+https://host/repo?rev=...#<commit>`; the commit after `#` is what is installed. */
function gitRequirement(name: string, source: string): string {
  const [location, commit] = source.split('#', 2);
  const url = location.replace(/\?.*$/, '');
  return `${name} @ ${url.startsWith('git+') ? url : `git+${url}`}${commit ? `@${commit}` : ''}`;
}

/** PEP 508 text for the package, or null for the project itself. */
function requirementText(pkg: TomlTable, name: string, version: string | null): { text: string; editable: boolean } | null {
  const source = isTable(pkg.source) ? pkg.source : {};
  if (source.virtual !== undefined || source.editable === '.') return null;
  if (typeof source.git === 'string') return { text: gitRequirement(name, source.git), editable: false };
  for (const key of ['editable', 'directory', 'path'] as const) {
    const path = source[key];
    if (typeof path === 'string') return { text: `${name} @ ${path}`, editable: key === 'editable' };
  }
  if (typeof source.url === 'string') return { text: `${name} @ ${source.url}`, editable: false };
  return version === null ? null : { text: `${name}==${version}`, editable: false };
}

function readPackage(parsed: ParsedFile, document: TomlDocument, pkg: unknown, index: number): void {
  const line = lineOf(document, ['package', index]);
  if (!isTable(pkg) || typeof pkg.name !== 'string') {
    observe(parsed, 'PARSE_ERROR', line, `[[package]] number ${index + 1} needs a name, not ${describeTomlValue(pkg)}`, REGENERATE_HINT);
    return;
  }
  const version = typeof pkg.version === 'string' ? pkg.version : null;
  const locked = requirementText(pkg, pkg.name, version);
  if (locked === null) return;
  declareLockedPackage(
    parsed,
    'uv-lock',
    { requirement: locked.text, label: version === null ? pkg.name : `${pkg.name} ${version}`, line, hashes: fileHashes(pkg), editable: locked.editable },
    REGENERATE_HINT,
  );
  const source = isTable(pkg.source) ? pkg.source : {};
  if (typeof source.registry === 'string' && /^https?:/i.test(source.registry)) {
    parsed.sources.push({ file: parsed.file, line, kind: 'index-url', url: source.registry, verifySsl: true });
  }
}

export function parseUvLock(file: string, content: string): ParsedFile {
  return withoutStackTraces(() => {
    const parsed = emptyParsedFile(file, 'uv-lock');
    const document = readTomlDocumentOrObserve(parsed, content, REGENERATE_HINT);
    if (document === null) return parsed;
    const { root } = document;
    readRequiresPython(parsed, document);
    const packages = root.package;
    if (Array.isArray(packages)) packages.forEach((pkg, index) => readPackage(parsed, document, pkg, index));
    return parsed;
  });
}
