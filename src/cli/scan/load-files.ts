/**
 * Reads the files named on the command line and, for pip files, the files their `-r`
 * and `-c` lines include (relative to the including file, as pip resolves them), so
 * that the scan sees the whole set. Missing includes are left for the scan to report.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { detectFormat, parseRequirementsFile, SUPPRESSION_FILE_NAME, type ScanFileInput } from '../../requirements';
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

/** What a file read from standard input (`-`) is called in the report. */
export const STDIN_PATH = '<stdin>';

/** Reads a stream to its end, refusing more than `maxBytes` (a runaway pipe must not fill the memory). */
export async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    total += buffer.length;
    if (total > maxBytes) throw new InputFileError(`standard input is larger than ${maxBytes} bytes (--max-bytes)`);
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export interface LoadOptions {
  cwd: string;
  /** Standard input, for the file `-`. */
  stdin?: NodeJS.ReadableStream;
  maxBytes: number;
}

export async function loadScanFiles(paths: readonly string[], options: LoadOptions): Promise<ScanFileInput[]> {
  const { cwd } = options;
  const loaded = new Map<string, Uint8Array>();
  for (const path of paths) {
    if (path === '-') {
      if (!options.stdin) throw new InputFileError('- (standard input) is not available here');
      loaded.set(STDIN_PATH, await readStream(options.stdin, options.maxBytes));
    } else if (!loaded.has(path)) loaded.set(path, await readInput(cwd, path));
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

/**
 * The suppression file: `--config FILE`, else `.pype-lifecycle.toml` next to the first scanned file
 * that has one (the current directory for `-`), as the file's path relative to where the command
 * runs. Null when there is none.
 */
export async function loadSuppressionFile(config: string | null, paths: readonly string[], cwd: string): Promise<ScanFileInput | null> {
  if (config !== null) {
    try {
      return { path: config, content: await readInput(cwd, config) };
    } catch (error) {
      if (error instanceof InputFileError) throw new InputFileError(`--config ${error.message}`);
      throw error;
    }
  }
  for (const path of paths) {
    const candidate = path === '-' ? SUPPRESSION_FILE_NAME : join(dirname(path), SUPPRESSION_FILE_NAME);
    if (paths.includes(candidate)) return null; // scanned as one of the files: the scan reads it there
    if (await exists(cwd, candidate)) return { path: candidate, content: await readInput(cwd, candidate) };
  }
  return null;
}
