import { invalid, valid, type Checked } from './checked';
import { showValue } from './show-value';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id in this API is a UUID: anything else is refused before a query casts it. */
export function checkUuid(text: string, label: string): Checked<string> {
  return UUID.test(text) ? valid(text) : invalid(`${label} must be an id (a UUID), got ${showValue(text)}`);
}
