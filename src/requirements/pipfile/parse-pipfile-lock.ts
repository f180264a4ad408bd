/**
 * Pipfile.lock (JSON): the `default` and `develop` sections pipenv resolved, each an
 * exact pin with hashes, markers and extras (git entries as direct references to the
 * locked ref), plus `_meta.requires` as the Python requirement and `_meta.sources` as
 * indexes. Lines come from a small scan of the JSON text for each package key.
 */
import { parseRequirement } from '../pep508/requirement';
import { declareRequirement, errorMessage } from '../file-model/declare';
import { emptyParsedFile, type ParsedFile } from '../file-model/model';
import { observe } from '../file-model/observe';
import { withoutStackTraces } from '../file-model/without-stack-traces';

type Json = Record<string, unknown>;

const REGENERATE_HINT = 'Regenerate the lock file with `pipenv lock`.';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Line of every object key at depth two (`"default" → "django"`), as `section\u0000name`.
 * A linear pass over strings and braces; the text already parsed as JSON.
 */
export function locateLockKeys(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let depth = 0;
  let section = '';
  let expectingKey = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\n') line += 1;
    else if (character === '{') {
      depth += 1;
      expectingKey = true;
    } else if (character === '}') depth -= 1;
    else if (character === '[') depth += 1;
    else if (character === ']') depth -= 1;
    else if (character === ',') expectingKey = true;
    else if (character === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const value = JSON.parse(text.slice(index, end + 1)) as string;
      if (expectingKey && depth === 1) section = value;
      if (expectingKey && depth === 2 && !lines.has(`${section}\u0000${value}`)) lines.set(`${section}\u0000${value}`, line);
      expectingKey = false;
      index = end;
    } else if (character === ':') expectingKey = false;
  }
  return lines;
}

function entryText(name: string, entry: Json): string {
  const extras = Array.isArray(entry.extras) && entry.extras.length > 0 ? `[${entry.extras.join(',')}]` : '';
  const marker = typeof entry.markers === 'string' && entry.markers.trim() !== '' ? ` ; ${entry.markers}` : '';
  if (typeof entry.git === 'string') {
    const base = entry.git.startsWith('git+') ? entry.git : `git+${entry.git}`;
    return `${name}${extras} @ ${base}${typeof entry.ref === 'string' ? `@${entry.ref}` : ''}${marker}`;
  }
  const location = typeof entry.path === 'string' ? entry.path : typeof entry.file === 'string' ? entry.file : null;
  if (location !== null) return `${name}${extras} @ ${location}${marker}`;
  return `${name}${extras}${typeof entry.version === 'string' ? entry.version : ''}${marker}`;
}

function readSection(parsed: ParsedFile, lock: Json, section: 'default' | 'develop', lines: Map<string, number>): void {
  const packages = lock[section];
  if (!isObject(packages)) return;
  for (const [name, entry] of Object.entries(packages)) {
    const line = lines.get(`${section}\u0000${name}`) ?? 1;
    if (!isObject(entry)) {
      observe(parsed, 'PARSE_ERROR', line, `${name}: a locked package must be an object`);
      continue;
    }
    try {
      const requirement = declareRequirement(parseRequirement(entryText(name, entry)), {
        file: parsed.file,
        line,
        format: 'pipfile-lock',
        group: section === 'default' ? null : 'develop',
        text: entryText(name, entry),
        editable: entry.editable === true,
      });
      requirement.hashes = Array.isArray(entry.hashes) ? entry.hashes.filter((hash): hash is string => typeof hash === 'string') : [];
      parsed.requirements.push(requirement);
    } catch (error) {
      observe(parsed, 'PARSE_ERROR', line, `${name}: ${errorMessage(error)}`, REGENERATE_HINT);
    }
  }
}

function readMeta(parsed: ParsedFile, lock: Json): void {
  const meta = isObject(lock._meta) ? lock._meta : null;
  if (!meta) return;
  const requires = isObject(meta.requires) ? meta.requires : {};
  const full = typeof requires.python_full_version === 'string' ? requires.python_full_version : null;
  const short = typeof requires.python_version === 'string' ? requires.python_version : null;
  if (full !== null || short !== null) {
    const text = (full ?? short)!;
    parsed.pythonRequirements.push({ file: parsed.file, line: 1, specifiers: [full !== null ? `==${full}` : `==${short}.*`], text, origin: '_meta.requires' });
  }
  const sources = Array.isArray(meta.sources) ? meta.sources : [];
  sources.forEach((source, index) => {
    if (!isObject(source) || typeof source.url !== 'string') return;
    parsed.sources.push({
      file: parsed.file,
      line: 1,
      kind: index === 0 ? 'index-url' : 'extra-index-url',
      url: source.url,
      verifySsl: source.verify_ssl !== false,
    });
  });
}

export function parsePipfileLock(file: string, content: string): ParsedFile {
  return withoutStackTraces(() => {
    const parsed = emptyParsedFile(file, 'pipfile-lock');
    const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
    let lock: unknown;
    try {
      lock = JSON.parse(text);
    } catch (error) {
      observe(parsed, 'PARSE_ERROR', null, `Invalid JSON: ${errorMessage(error)}`, REGENERATE_HINT);
      return parsed;
    }
    if (!isObject(lock)) {
      observe(parsed, 'PARSE_ERROR', 1, 'Pipfile.lock must be a JSON object');
      return parsed;
    }
    const lines = locateLockKeys(text);
    readMeta(parsed, lock);
    readSection(parsed, lock, 'default', lines);
    readSection(parsed, lock, 'develop', lines);
    return parsed;
  });
}
