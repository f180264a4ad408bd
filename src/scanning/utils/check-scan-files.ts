import { badInput } from '../../common/errors/domain-error';
import { DEFAULT_MAX_FILES } from '../../requirements';

export const MAX_SCAN_FILES = DEFAULT_MAX_FILES;
export const MAX_PATH_LENGTH = 1024;

/**
 * Checks the shape of a `scanFiles` argument before the engine sees it, naming the item at
 * fault (`files[2].path`). Nest's ValidationPipe does not look inside list arguments, so the
 * class-validator rules on ScanFileInput never run for them.
 */
export function checkScanFiles(files: readonly { path: string }[], field = 'files'): void {
  if (files.length === 0) throw badInput(field, `${field} must list at least one file`);
  if (files.length > MAX_SCAN_FILES) {
    throw badInput(field, `${files.length} files are more than the ${MAX_SCAN_FILES} one scan accepts; scan the set in parts`);
  }
  const seen = new Map<string, number>();
  files.forEach((file, index) => {
    const path = file.path;
    if (path.trim() === '') throw badInput(`${field}[${index}].path`, `${field}[${index}].path must not be empty`);
    if (path.length > MAX_PATH_LENGTH) {
      throw badInput(`${field}[${index}].path`, `${field}[${index}].path must be at most ${MAX_PATH_LENGTH} characters`);
    }
    const earlier = seen.get(path);
    if (earlier !== undefined) {
      throw badInput(`${field}[${index}].path`, `${path} is given twice (${field}[${earlier}] and ${field}[${index}]); give each file once`);
    }
    seen.set(path, index);
  });
}
