import { checkOptional, invalid, type Checked } from '../../common/input-rules/checked';
import { checkDeployedAt, type DeployedAtContext } from './deployed-at';
import { checkCommit } from '../../common/input-rules/commit';
import { checkEnvironment, checkRuntimeVersion } from './deployment-fields';
import { checkEmailAddress } from '../../common/input-rules/email-address';
import { FieldCollector } from './field-collector';
import { checkGroupRole } from './group-role';
import { jsonLocation } from './inventory-error';
import type { InventoryErrorList } from './inventory-error-list';
import type { GroupRole } from './inventory-plan';
import type { ApplicationDefinition, DeploymentDefinition, InventoryPlanBuilder } from './inventory-plan-builder';
import { checkApplicationName, checkDepartment, checkDescription, checkGroupName, MAX_CONTACTS } from '../../common/input-rules/field-rules';
import { childPath, itemPath, readList, readObject, readText, type JsonObject } from './json-fields';
import { checkRepositoryUrl } from '../../common/input-rules/repository-url';
import { checkSlug } from '../../common/input-rules/slug';

export const GROUP_KEYS = ['slug', 'name', 'members'] as const;
export const MEMBER_KEYS = ['email', 'role'] as const;
export const APPLICATION_KEYS = ['slug', 'name', 'department', 'group', 'contacts', 'repositoryUrl', 'description', 'deployments'] as const;
export const DEPLOYMENT_KEYS = ['environment', 'runtime', 'commit', 'deployedAt'] as const;

export interface JsonEntryContext {
  builder: InventoryPlanBuilder;
  errors: InventoryErrorList;
  dates: Omit<DeployedAtContext, 'label'>;
}

/** Reads `object[key]` as text and checks it, reporting at `path.key`. */
function field<T>(object: JsonObject, key: string, path: string, fields: FieldCollector, check: (text: string, label: string) => Checked<T>): T | undefined {
  const text = readText(object, key, path, fields);
  if (text === undefined) return undefined;
  const checked = check(text, key);
  if (checked.ok) return checked.value;
  fields.fail(jsonLocation(childPath(path, key)), checked.message); // the path is built only when needed
  return undefined;
}

function readMembers(group: JsonObject, path: string, fields: FieldCollector, context: JsonEntryContext) {
  const roles = new Map<string, { role: GroupRole; path: string }>();
  readList(group, 'members', path, fields).forEach((item, index) => {
    const memberPath = itemPath(childPath(path, 'members'), index);
    const member = readObject(item, memberPath, MEMBER_KEYS, 'a member', fields);
    if (member === null) return;
    const email = field(member, 'email', memberPath, fields, checkEmailAddress);
    const role = field(member, 'role', memberPath, fields, checkGroupRole);
    if (email === undefined) return;
    context.builder.referenceUser(email, jsonLocation(childPath(memberPath, 'email')));
    if (role === undefined) return;
    const earlier = roles.get(email);
    if (earlier === undefined) roles.set(email, { role, path: memberPath });
    else if (earlier.role !== role) {
      fields.fail(
        jsonLocation(childPath(memberPath, 'role')),
        `${email} is already listed as ${earlier.role} at ${earlier.path}; list each person once, with one role`,
      );
    }
  });
  const withRole = (role: GroupRole) => [...roles].filter(([, entry]) => entry.role === role).map(([email]) => email);
  return { owners: withRole('OWNER'), members: withRole('MEMBER') };
}

export function readGroupEntry(value: unknown, path: string, context: JsonEntryContext): void {
  const fields = new FieldCollector(context.errors);
  const group = readObject(value, path, GROUP_KEYS, 'a group', fields);
  if (group === null) return;
  const slug = field(group, 'slug', path, fields, checkSlug);
  const name = field(group, 'name', path, fields, checkGroupName);
  const { owners, members } = readMembers(group, path, fields, context);
  if (fields.ok) context.builder.defineGroup({ slug: slug!, name: name!, owners, members }, jsonLocation(path));
}

function readContacts(application: JsonObject, path: string, fields: FieldCollector): string[] | undefined {
  const contactsPath = childPath(path, 'contacts');
  const addresses = new Set<string>();
  let allValid = true;
  readList(application, 'contacts', path, fields).forEach((item, index) => {
    const label = itemPath('contacts', index);
    const checked = typeof item === 'string' ? checkEmailAddress(item, label) : invalid(`${label} must be an e-mail address in double quotes`);
    if (checked.ok) addresses.add(checked.value);
    else {
      allValid = false;
      fields.fail(jsonLocation(itemPath(contactsPath, index)), checked.message);
    }
  });
  if (addresses.size > MAX_CONTACTS) {
    allValid = false;
    fields.fail(jsonLocation(contactsPath), `contacts lists ${addresses.size} addresses; at most ${MAX_CONTACTS} are allowed`);
  }
  return allValid ? [...addresses] : undefined;
}

function readDeploymentEntry(value: unknown, path: string, applicationSlug: string | null, context: JsonEntryContext): void {
  const fields = new FieldCollector(context.errors);
  const entry = readObject(value, path, DEPLOYMENT_KEYS, 'a deployment', fields);
  if (entry === null) return;
  const deployment = {
    environment: field(entry, 'environment', path, fields, checkEnvironment),
    runtime: field(entry, 'runtime', path, fields, checkRuntimeVersion),
    commit: field(entry, 'commit', path, fields, checkCommit),
    deployedAt: field(entry, 'deployedAt', path, fields, (text, label) => checkDeployedAt(text, { ...context.dates, label })),
  };
  if (deployment.runtime !== undefined) context.builder.referenceRuntime(deployment.runtime, jsonLocation(childPath(path, 'runtime')));
  // All four are defined once every check passed.
  if (fields.ok && applicationSlug !== null) context.builder.addDeployment(applicationSlug, deployment as DeploymentDefinition, jsonLocation(path));
}

export function readApplicationEntry(value: unknown, path: string, context: JsonEntryContext): void {
  const fields = new FieldCollector(context.errors);
  const entry = readObject(value, path, APPLICATION_KEYS, 'an application', fields);
  if (entry === null) return;
  const slug = field(entry, 'slug', path, fields, checkSlug);
  const application = {
    slug,
    name: field(entry, 'name', path, fields, checkApplicationName),
    department: field(entry, 'department', path, fields, checkDepartment),
    group: field(entry, 'group', path, fields, checkSlug),
    contacts: readContacts(entry, path, fields),
    repositoryUrl: field(entry, 'repositoryUrl', path, fields, (text, label) => checkOptional(text, (url) => checkRepositoryUrl(url, label))),
    description: field(entry, 'description', path, fields, (text, label) => checkOptional(text, (description) => checkDescription(description, label))),
  };
  if (application.group !== undefined) context.builder.referenceGroup(application.group, jsonLocation(childPath(path, 'group')));
  // Every field is defined once all checks passed.
  if (fields.ok) context.builder.addApplication(application as ApplicationDefinition, jsonLocation(path));
  readList(entry, 'deployments', path, fields).forEach((item, index) =>
    readDeploymentEntry(item, itemPath(childPath(path, 'deployments'), index), slug ?? null, context),
  );
}
