import { ENVIRONMENTS, type Environment } from '../../calendar/environment';
import { invalid, valid, type Checked } from './checked';
import { showValue } from './show-value';

const RUNTIME_VERSION = /^(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})$/;
// Git object names: SHA-1 (40) or SHA-256 (64), possibly abbreviated to git's minimum of 7.
const COMMIT = /^[0-9a-f]{7,64}$/;

/** TEST, QUAL, BETA or PROD in any case; canonical upper case out. */
export function checkEnvironment(text: string, label: string): Checked<Environment> {
  const value = text.trim().toUpperCase();
  if (value === '') return invalid(`${label} is required`);
  const environment = ENVIRONMENTS.find((candidate) => candidate === value);
  if (environment === undefined) return invalid(`${label} must be one of ${ENVIRONMENTS.join(', ')}; got ${showValue(text.trim())}`);
  return valid(environment);
}

/** A runtime release version `x.y.z` (digits without leading zeros), such as 37.22.0. */
export function checkRuntimeVersion(text: string, label: string): Checked<string> {
  const value = text.trim();
  if (value === '') return invalid(`${label} is required`);
  if (RUNTIME_VERSION.test(value)) return valid(value);
  const hint = /^v\d/i.test(value) && RUNTIME_VERSION.test(value.slice(1)) ? ` (write ${value.slice(1)}, without the "v")` : '';
  return invalid(`${label} must be a runtime release version x.y.z such as 37.22.0; got ${showValue(value)}${hint}`);
}

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
