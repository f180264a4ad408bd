/**
 * Which reader a file needs: its name decides (`pyproject.toml`, `Pipfile`, `poetry.lock`,
 * `Pipfile.lock`, `pylock.toml`, `uv.lock`; `*.txt` and `*.in` are pip files); a name that says
 * nothing is sniffed for TOML section headers or a Pipfile.lock's JSON. Other lock files, TOML,
 * JSON or YAML documents are 'unsupported' (one finding, not a PARSE_ERROR per line); anything
 * else is read as a pip requirements file.
 */
import type { FileFormat } from '../file-model/model';
import { isPylockName } from '../lockfiles/parse-pylock';

function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}

/** Names of lock files, manifests and data of other tools (pdm.lock, Cargo.lock, package-lock.json...), never pip requirements. */
const OTHER_TOOLS_NAME = /\.(lock|lockb|json|ya?ml|cfg|ini|xml)$/;

const PIPFILE_HEADERS = ['[packages]', '[dev-packages]', '[requires]', '[[source]]'];
const PYPROJECT_HEADERS = ['[project]', '[tool.poetry', '[build-system]', '[dependency-groups]'];

/** TOML table headers on the first lines of the content, lower-cased. */
function headerLines(content: string): string[] {
  const headers: string[] = [];
  let start = 0;
  // Headers of interest appear early; looking at 4 KiB keeps sniffing constant-time.
  const window = content.slice(0, 4096);
  while (start <= window.length) {
    let end = window.indexOf('\n', start);
    if (end < 0) end = window.length;
    const line = window.slice(start, end).trim().toLowerCase();
    if (line.startsWith('[')) headers.push(line);
    start = end + 1;
  }
  return headers;
}

export function detectFormat(path: string, content: string): FileFormat {
  const name = baseName(path);
  const lower = name.toLowerCase();
  if (lower === 'pyproject.toml') return 'pyproject';
  if (lower === 'poetry.lock') return 'poetry-lock';
  if (isPylockName(name)) return 'pylock';
  if (lower === 'uv.lock') return 'uv-lock';
  if (lower === 'pipfile.lock') return 'pipfile-lock';
  if (name === 'Pipfile' || lower === 'pipfile') return 'pipfile';
  if (lower.endsWith('.txt') || lower.endsWith('.in') || lower.endsWith('.pip')) return 'pip';
  if (content.trimStart().startsWith('{') && content.includes('"_meta"')) return 'pipfile-lock';
  if (OTHER_TOOLS_NAME.test(lower)) return 'unsupported';
  const headers = headerLines(content);
  if (headers.includes('[[package]]') && headers.includes('[metadata]')) return 'poetry-lock';
  if (headers.includes('[[packages]]') && /^\s*lock-version\s*=/m.test(content.slice(0, 4096))) return 'pylock';
  if (headers.includes('[[package]]') && /^\s*source\s*=\s*\{/m.test(content)) return 'uv-lock';
  if (headers.some((header) => PIPFILE_HEADERS.some((known) => header.startsWith(known)))) return 'pipfile';
  if (headers.some((header) => PYPROJECT_HEADERS.some((known) => header.startsWith(known)))) return 'pyproject';
  // A lock or manifest of a format this scanner does not know, or any other TOML or JSON document:
  // read as a requirements file it would be a PARSE_ERROR on every line; one clear finding instead.
  if (lower.endsWith('.toml') || headers.length > 0 || /^\s*[{[]/.test(content.slice(0, 4096).replace(/^\uFEFF/, ''))) return 'unsupported';
  return 'pip';
}
