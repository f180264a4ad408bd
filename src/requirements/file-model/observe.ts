import type { ParsedFile } from './model';

/**
 * Records something a reader noticed on a line of the file it reads (a PARSE_ERROR, an
 * ignored option...); the scanner turns it into a finding. `line` is null when the
 * problem is the file as a whole.
 */
export function observe(parsed: ParsedFile, code: string, line: number | null, message: string, hint: string | null = null, pkg: string | null = null): void {
  parsed.observations.push({ code, file: parsed.file, line, package: pkg, message, hint });
}
