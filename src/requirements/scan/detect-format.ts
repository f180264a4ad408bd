/**
 * Which reader a file needs: its name decides (`pyproject.toml`, `Pipfile`, `poetry.lock`,
 * `Pipfile.lock`; `*.txt` and `*.in` are pip files); a name that says nothing is sniffed
 * for TOML section headers or a Pipfile.lock's JSON, and anything else is read as a pip
 * requirements file.
 */
import type { FileFormat } from '../file-model/model';

function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}

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
  if (lower === 'pipfile.lock') return 'pipfile-lock';
  if (name === 'Pipfile' || lower === 'pipfile') return 'pipfile';
  if (lower.endsWith('.txt') || lower.endsWith('.in') || lower.endsWith('.pip')) return 'pip';
  if (content.trimStart().startsWith('{') && content.includes('"_meta"')) return 'pipfile-lock';
  const headers = headerLines(content);
  if (headers.includes('[[package]]') && headers.includes('[metadata]')) return 'poetry-lock';
  if (headers.some((header) => PIPFILE_HEADERS.some((known) => header.startsWith(known)))) return 'pipfile';
  if (headers.some((header) => PYPROJECT_HEADERS.some((known) => header.startsWith(known)))) return 'pyproject';
  return 'pip';
}
