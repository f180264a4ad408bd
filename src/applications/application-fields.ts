/**
 * Checks on application fields that class-validator cannot express. Pure: used by the
 * service and, for the same answers, by the bulk import.
 */
import { badInput } from '../common/errors/domain-error';
import { slugProblem } from '../groups/slug';

const HEX_COMMIT = /^[0-9a-f]{7,64}$/;
// git@host:org/repo(.git), ssh://…, https://…: what people paste from their repository page.
const SCP_LIKE_GIT_URL = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[A-Za-z0-9._~\/-]+$/;

export function requireSlug(value: string, field: string): string {
  const slug = value.trim();
  const problem = slugProblem(slug);
  if (problem) throw badInput(field, `${field} ${JSON.stringify(value)} ${problem}`);
  return slug;
}

export function normalizeCommit(value: string, field = 'commit'): string {
  const commit = value.trim().toLowerCase();
  if (!HEX_COMMIT.test(commit)) {
    throw badInput(field, `${field} must be a commit hash: 7 to 64 hexadecimal characters, got ${JSON.stringify(value)}`);
  }
  return commit;
}

export function normalizeRepositoryUrl(value: string | null | undefined, field = 'repositoryUrl'): string | null {
  const url = value?.trim() ?? '';
  if (url === '') return null;
  if (SCP_LIKE_GIT_URL.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (['http:', 'https:', 'ssh:', 'git:', 'git+ssh:', 'git+https:'].includes(parsed.protocol)) return url;
  } catch {
    // fall through to the error
  }
  throw badInput(field, `${field} must be a repository URL such as https://github.example.edu/org/app or git@github.example.edu:org/app.git`);
}

export function normalizeContacts(contacts: readonly string[]): string[] {
  return [...new Set(contacts.map((contact) => contact.trim().toLowerCase()))].sort();
}

/** Names are shown in lists and notices: a name of only spaces is no name. */
export function normalizeName(value: string, field = 'name'): string {
  const name = value.trim();
  if (name === '') throw badInput(field, `${field} must not be blank`);
  return name;
}

export function normalizeDepartment(value: string, field = 'department'): string {
  const department = value.trim().replace(/\s+/g, ' ');
  if (department === '') throw badInput(field, `${field} must not be blank`);
  return department;
}
