/**
 * pylock.toml (PEP 751, the standard lock file): every `[[packages]]` entry as an exact pin with
 * its marker and the hashes of its wheels, sdist or archive; a VCS entry as a direct reference to
 * the locked commit, a directory as a local path, an archive by its URL. The file's
 * `requires-python` is checked against the runtime, its package indexes against the allow-list.
 * Findings sit on the entry's `[[packages]]` line: @iarna/toml gives no positions, so the reader
 * locates the headers in the text.
 */
import { emptyParsedFile, type ParsedFile } from '../file-model/model';
import { observe } from '../file-model/observe';
import { withoutStackTraces } from '../file-model/without-stack-traces';
import { describeTomlValue, isTable, lineOf, readTomlDocumentOrObserve, type TomlDocument, type TomlTable } from '../pyproject/toml-document';
import { declareLockedPackage, fileHashes, readRequiresPython, type LockedPackage } from './locked-package';

const REGENERATE_HINT = 'Regenerate the lock file with the tool that wrote it (pip lock, uv export --format pylock.toml, pdm export).';

/** pylock.toml or pylock.<name>.toml, as PEP 751 names them. */
export function isPylockName(baseName: string): boolean {
  return /^pylock(\.[^./\\]+)?\.toml$/i.test(baseName);
}

function withMarker(text: string, marker: unknown): string {
  return typeof marker === 'string' && marker.trim() !== '' ? `${text} ; ${marker}` : text;
}

/** What the entry locks, as PEP 508 text (null when it names no version and no source). */
function requirementText(pkg: TomlTable, name: string): { text: string; editable: boolean } | null {
  const vcs = isTable(pkg.vcs) ? pkg.vcs : null;
  if (vcs && typeof vcs.url === 'string') {
    const commit = typeof vcs['commit-id'] === 'string' ? `@${vcs['commit-id']}` : '';
    const type = typeof vcs.type === 'string' ? vcs.type : 'git';
    const url = vcs.url.startsWith(`${type}+`) ? vcs.url : `${type}+${vcs.url}`;
    const subdirectory = typeof vcs.subdirectory === 'string' ? `#subdirectory=${vcs.subdirectory}` : '';
    return { text: `${name} @ ${url}${commit}${subdirectory}`, editable: false };
  }
  const directory = isTable(pkg.directory) ? pkg.directory : null;
  if (directory && typeof directory.path === 'string') return { text: `${name} @ ${directory.path}`, editable: directory.editable === true };
  const archive = isTable(pkg.archive) ? pkg.archive : null;
  const archiveAt = archive && (typeof archive.url === 'string' ? archive.url : typeof archive.path === 'string' ? archive.path : null);
  if (archiveAt) return { text: `${name} @ ${archiveAt}`, editable: false };
  if (typeof pkg.version === 'string') return { text: `${name}==${pkg.version}`, editable: false };
  return null;
}

function readPackage(parsed: ParsedFile, document: TomlDocument, pkg: unknown, index: number): void {
  const line = lineOf(document, ['packages', index]);
  if (!isTable(pkg) || typeof pkg.name !== 'string') {
    observe(parsed, 'PARSE_ERROR', line, `[[packages]] number ${index + 1} needs a name, not ${describeTomlValue(pkg)}`, REGENERATE_HINT);
    return;
  }
  const locked = requirementText(pkg, pkg.name);
  if (locked === null) {
    observe(parsed, 'PARSE_ERROR', line, `${pkg.name}: a locked package needs a version, or a vcs, directory or archive source`, REGENERATE_HINT);
    return;
  }
  const entry: LockedPackage = {
    requirement: withMarker(locked.text, pkg.marker),
    label: typeof pkg.version === 'string' ? `${pkg.name} ${pkg.version}` : pkg.name,
    line,
    hashes: fileHashes(pkg),
    editable: locked.editable,
  };
  declareLockedPackage(parsed, 'pylock', entry, REGENERATE_HINT);
  if (typeof pkg.index === 'string') parsed.sources.push({ file: parsed.file, line, kind: 'index-url', url: pkg.index, verifySsl: true });
}

export function parsePylock(file: string, content: string): ParsedFile {
  return withoutStackTraces(() => {
    const parsed = emptyParsedFile(file, 'pylock');
    const document = readTomlDocumentOrObserve(parsed, content, REGENERATE_HINT);
    if (document === null) return parsed;
    const { root } = document;
    const version = root['lock-version'];
    if (typeof version !== 'string' || !/^1(\.\d+)?$/.test(version)) {
      observe(
        parsed,
        'PARSE_ERROR',
        lineOf(document, ['lock-version']),
        `lock-version ${version === undefined ? 'is missing' : `${describeTomlValue(version)} is not supported`}: this reader knows PEP 751 lock-version 1.x`,
        REGENERATE_HINT,
      );
      if (typeof version === 'string' && !version.startsWith('1')) return parsed;
    }
    readRequiresPython(parsed, document);
    const packages = root.packages;
    if (Array.isArray(packages)) packages.forEach((pkg, index) => readPackage(parsed, document, pkg, index));
    return parsed;
  });
}
