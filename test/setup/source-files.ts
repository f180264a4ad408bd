import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** A source file of this repository, for tests that check how the code is laid out. */
export interface SourceFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

const ROOT = resolve(__dirname, '../..');

/** Every .ts file under a folder of the repository (e.g. `src`). */
export function sourceFilesUnder(folder: string): SourceFile[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => {
      const path = relative(ROOT, join(ROOT, folder, name))
        .split('\\')
        .join('/');
      return { path, text: readFileSync(join(ROOT, path), 'utf8') };
    });
}
