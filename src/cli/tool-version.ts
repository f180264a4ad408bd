import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TOOL_NAME = 'pype-lifecycle';

let cached: string | null = null;

/**
 * The version in the project's package.json, found by walking up from this file: the same from
 * src/ (tests) and dist/src/ (the built CLI), so `--version` and the reports never drift from it.
 */
export function toolVersion(): string {
  if (cached !== null) return cached;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === TOOL_NAME && typeof manifest.version === 'string') return (cached = manifest.version);
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    if (dirname(dir) === dir) return (cached = '0.0.0');
  }
}
