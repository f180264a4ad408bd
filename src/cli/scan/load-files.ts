/**
 * Reads the files named on the command line and, for pip files, the files their `-r`
 * and `-c` lines include (relative to the including file, as pip resolves them), so
 * that the scan sees the whole set. Missing includes are left for the scan to report.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { detectFormat, parseRequirementsFile, type ScanFileInput } from '../../requirements';
import { includeTargetPath } from '../../requirements/scan/include-graph';

export class InputFileError extends Error {}

/** Includes are followed at most this deep and this many files, whatever the files say. */
const MAX_LOADED_FILES = 1000;

async function readInput(cwd: string, path: string): Promise<Uint8Array> {
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new InputFileError(`${path}: no such file`);
  }
  if (info.isDirectory()) throw new InputFileError(`${path}: is a directory, not a file`);
  return new Uint8Array(await readFile(absolute));
}

async function exists(cwd: string, path: string): Promise<boolean> {
  try {
    const info = await stat(isAbsolute(path) ? path : resolve(cwd, path));
    return info.isFile();
  } catch {
    return false;
  }
}

function includesOf(path: string, bytes: Uint8Array): string[] {
  const text = new TextDecoder('utf-8').decode(bytes);
  if (detectFormat(path, text) !== 'pip' || text.includes('\u0000')) return [];
  return parseRequirementsFile(path, text)
    .includes.filter((include) => !/^(https?|file):/i.test(include.target))
    .map((include) => includeTargetPath(path, include.target));
}

export async function loadScanFiles(paths: readonly string[], cwd: string): Promise<ScanFileInput[]> {
  const loaded = new Map<string, Uint8Array>();
  for (const path of paths) {
    if (!loaded.has(path)) loaded.set(path, await readInput(cwd, path));
  }
  const queue = [...loaded.keys()];
  while (queue.length > 0 && loaded.size < MAX_LOADED_FILES) {
    const path = queue.shift()!;
    for (const target of includesOf(path, loaded.get(path)!)) {
      if (loaded.has(target) || !(await exists(cwd, target))) continue;
      loaded.set(target, await readInput(cwd, target));
      queue.push(target);
    }
  }
  return [...loaded].map(([path, content]) => ({ path, content }));
}
