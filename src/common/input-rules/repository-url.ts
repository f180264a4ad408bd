import { invalid, valid, type Checked } from './checked';
import { showValue } from './show-value';
import { checkStorableText, CONTROL } from './text';

const MAX_LENGTH = 2048;
const HTTP_SCHEMES = new Set(['http:', 'https:', 'git+https:']);
// git+https: is how pip and package metadata write a repository; the others are what git accepts.
const URL_SCHEMES = new Set([...HTTP_SCHEMES, 'ssh:', 'git:', 'git+ssh:']);
// Git's scp-like syntax, `git@github.example.edu:org/repo.git`. The user part is required here so
// that a Windows path (`C:\repo`) or a bare `host:path` typo is not taken for a repository.
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?:(?!\/\/)[^\s]+$/;
const EXAMPLES = 'such as https://github.example.edu/org/repo or git@github.example.edu:org/repo.git';

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * An http(s), ssh or git URL, or git's scp-like form; kept as written (trimmed), because
 * normalising a URL (case, trailing slashes) could turn it into a different repository.
 */
export function checkRepositoryUrl(text: string, label: string): Checked<string> {
  const value = text.trim();
  const storable = checkStorableText(value, label, MAX_LENGTH);
  if (!storable.ok) return storable;
  if (CONTROL.test(value)) return invalid(`${label} contains control characters`);
  if (/\s/.test(value)) return invalid(`${label} ${showValue(value)} contains spaces; expected a repository URL ${EXAMPLES}`);
  if (SCP_LIKE.test(value)) return valid(value);
  const url = parseUrl(value);
  if (url === null || !URL_SCHEMES.has(url.protocol)) {
    return invalid(`${label} ${showValue(value)} is not a repository URL; expected http(s), git+https, ssh or git, ${EXAMPLES}`);
  }
  if (url.hostname === '') return invalid(`${label} ${showValue(value)} has no host name`);
  // A token pasted into a URL would be stored and shown to everyone who can read the app.
  if (url.password !== '' || (HTTP_SCHEMES.has(url.protocol) && url.username !== '')) {
    return invalid(`${label} contains credentials; remove the user name and password (or token) from the URL`);
  }
  return valid(value);
}
