import { ENVIRONMENTS, type Environment } from '../../calendar/environment';
import { invalid, valid, type Checked } from '../../common/input-rules/checked';
import { showValue } from '../../common/input-rules/show-value';

const RUNTIME_VERSION = /^(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})$/;

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
