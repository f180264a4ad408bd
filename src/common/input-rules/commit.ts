import { invalid, valid, type Checked } from './checked';
import { showValue } from './show-value';

// Git object names: SHA-1 (40) or SHA-256 (64), possibly abbreviated to git's minimum of 7.
const COMMIT = /^[0-9a-f]{7,64}$/;

/** A commit hash, 7–64 hex digits, lower-cased so the same commit is one value. */
export function checkCommit(text: string, label: string): Checked<string> {
  const value = text.trim().toLowerCase();
  if (value === '') return invalid(`${label} is required`);
  if (COMMIT.test(value)) return valid(value);
  const shown = showValue(text.trim());
  if (!/^[0-9a-f]*$/.test(value)) {
    return invalid(`${label} must be a commit hash (7–64 hex digits 0-9 and a-f), not a branch or tag name; got ${shown}`);
  }
  return invalid(`${label} must be 7–64 hex digits long; got ${value.length} (${shown})`);
}
