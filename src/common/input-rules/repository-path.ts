import { invalid, valid, type Checked } from './checked';
import { showValue } from './show-value';
import { checkStorableText, CONTROL } from './text';

export const MAX_PATH_LENGTH = 1024;

/**
 * A file's path inside a repository, as git writes it: forward slashes, no leading `./`
 * (`.\requirements\base.txt` becomes `requirements/base.txt`). Never absolute and never
 * climbing out with `..`: the path is shown and linked as a place in the repository.
 */
export function checkRepositoryPath(text: string, label: string): Checked<string> {
  const storable = checkStorableText(text, label, MAX_PATH_LENGTH);
  if (!storable.ok) return storable;
  const path = text
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '');
  if (path === '') return invalid(`${label} is required`);
  if (CONTROL.test(path) || /[\t\n\r]/.test(path)) return invalid(`${label} contains control characters or line breaks`);
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..')) {
    return invalid(`${label} must be a relative path inside the repository (no leading "/", drive letter or ".."), got ${showValue(text)}`);
  }
  return valid(path);
}
