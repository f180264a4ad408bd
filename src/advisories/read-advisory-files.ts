import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { OsvValidationError, parseOsvJsonForImport, type Advisory, type SkippedAdvisory } from '../requirements';

/** A file that cannot be read or is not valid OSV; the message names the file and the OSV field. */
export class AdvisoryFileError extends Error {}

export interface AdvisoryFile {
  path: string;
  advisories: Advisory[];
  /** About other ecosystems only: not imported. */
  skipped: SkippedAdvisory[];
}

/** The files to read: each path as given, or every `*.json` in it when it is a directory (as osv.dev's exports unpack). */
async function expand(given: string, cwd: string): Promise<{ shown: string; path: string }[]> {
  const path = isAbsolute(given) ? given : resolve(cwd, given);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new AdvisoryFileError(`${given}: no such file or directory`);
  }
  if (!info.isDirectory()) return [{ shown: given, path }];
  const names = (await readdir(path)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  if (names.length === 0) throw new AdvisoryFileError(`${given}: the directory has no .json files`);
  return names.map((name) => ({ shown: join(given, name), path: join(path, name) }));
}

/**
 * Reads and validates OSV JSON files (one advisory, an array, or `{ "vulns": [...] }` each) for
 * the `advisories:import` command. Every file is checked before anything is imported.
 */
export async function readAdvisoryFiles(paths: readonly string[], cwd: string): Promise<AdvisoryFile[]> {
  const files: AdvisoryFile[] = [];
  for (const given of paths) {
    for (const { shown, path } of await expand(given, cwd)) {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        throw new AdvisoryFileError(`${shown}: cannot read: ${(error as Error).message}`);
      }
      try {
        files.push({ path: shown, ...parseOsvJsonForImport(text) });
      } catch (error) {
        if (error instanceof OsvValidationError) throw new AdvisoryFileError(`${shown}: invalid OSV advisory: ${error.message}`);
        throw error;
      }
    }
  }
  return files;
}
