/**
 * What a webhook's URL and secret must look like: pure checks, shared by the GraphQL input and
 * the service. That the host resolves is checked by the service (it needs DNS).
 */
import { invalid, valid, type Checked } from '../common/input-rules/checked';
import { showValue } from '../common/input-rules/show-value';
import { checkStorableText, CONTROL } from '../common/input-rules/text';

const MAX_URL_LENGTH = 2048;
export const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 256;

/** An absolute http(s) URL with a host and without credentials; kept as written (trimmed). */
export function checkWebhookUrl(text: string, label: string): Checked<string> {
  const value = text.trim();
  const storable = checkStorableText(value, label, MAX_URL_LENGTH);
  if (!storable.ok) return storable;
  if (CONTROL.test(value) || /\s/.test(value)) return invalid(`${label} must be a URL without spaces or control characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalid(`${label} ${showValue(value)} is not a URL; expected an http:// or https:// URL such as https://hooks.example.edu/pype`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return invalid(`${label} must be an http:// or https:// URL, got the scheme '${url.protocol.replace(/:$/, '')}'`);
  }
  if (url.hostname === '') return invalid(`${label} ${showValue(value)} has no host name`);
  // A password in the URL would be stored and shown to everyone who lists the group's webhooks.
  if (url.username !== '' || url.password !== '') {
    return invalid(`${label} must not contain credentials (user name or password); the signature authenticates the sender`);
  }
  return valid(value);
}

/** The HMAC key: long enough not to be guessed, kept exactly as given (spaces count). */
export function checkWebhookSecret(text: string, label: string): Checked<string> {
  if (text.trim() === '') return invalid(`${label} must not be empty; use at least ${MIN_SECRET_LENGTH} random characters`);
  if (text.length < MIN_SECRET_LENGTH) return invalid(`${label} must be at least ${MIN_SECRET_LENGTH} characters long, got ${text.length}`);
  if (text.length > MAX_SECRET_LENGTH) return invalid(`${label} must be at most ${MAX_SECRET_LENGTH} characters long, got ${text.length}`);
  if (CONTROL.test(text)) return invalid(`${label} must not contain control characters`);
  return valid(text);
}
