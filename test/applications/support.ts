/**
 * Factories and documents shared by the application and group end-to-end specs: the cast of
 * callers of the authorization matrix, fixtures made by the bootstrap admin, and a snapshot of
 * every table a group or application mutation may touch, its audit log included (to prove a refused
 * one changed nothing and recorded nothing).
 */
import { expect } from 'vitest';
import { Role } from '../../src/auth/role';
import { BOOTSTRAP_TOKEN, type GraphQLResponse, type TestService } from '../setup/test-app';

export const APPLICATION_FIELDS = 'id slug name description department contacts repositoryUrl archived archivedAt createdAt updatedAt owningGroup { slug }';
export const DEPLOYMENT_FIELDS = 'id environment runtimeVersion runtime { version } commit deployedAt recordedBy overrideReason';
export const SNAPSHOT_FIELDS =
  'id commit lastCommit contentHash submittedBy createdAt lastSubmittedAt files { path sha256 bytes content } scans { runtimeVersion environments errorCount warningCount findings { code severity file line package } }';

export const CREATE_GROUP = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id slug name description members { email role } } }`;
export const SET_GROUP_MEMBER = `mutation($input: GroupMembershipInput!) { setGroupMember(input: $input) { slug members { email role } } }`;
export const REMOVE_GROUP_MEMBER = `mutation($group: String!, $email: String!) { removeGroupMember(group: $group, email: $email) { slug members { email role } } }`;
export const SET_MANAGED_DEPARTMENTS = `mutation($email: String!, $departments: [String!], $allDepartments: Boolean) {
  setManagedDepartments(email: $email, departments: $departments, allDepartments: $allDepartments) { allDepartments departments } }`;
export const CREATE_APPLICATION = `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
export const UPDATE_APPLICATION = `mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
export const ARCHIVE_APPLICATION = `mutation($slug: String!) { archiveApplication(slug: $slug) { ${APPLICATION_FIELDS} } }`;
export const UNARCHIVE_APPLICATION = `mutation($slug: String!) { unarchiveApplication(slug: $slug) { ${APPLICATION_FIELDS} } }`;
export const TRANSFER_APPLICATION = `mutation($slug: String!, $toGroup: String!) { transferApplication(slug: $slug, toGroup: $toGroup) { ${APPLICATION_FIELDS} } }`;
export const RECORD_DEPLOYMENT = `mutation($input: RecordDeploymentInput!) { recordDeployment(input: $input) { ${DEPLOYMENT_FIELDS} } }`;
export const SUBMIT_REQUIREMENTS = `mutation($input: SubmitRequirementsInput!) { submitRequirements(input: $input) { ${SNAPSHOT_FIELDS} } }`;
export const APPLICATION = `query($slug: String!) { application(slug: $slug) { ${APPLICATION_FIELDS} } }`;
export const APPLICATIONS = `query($filter: ApplicationFilterInput, $orderBy: ApplicationOrderInput, $first: Int, $after: String) {
  applications(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug name department createdAt updatedAt archived } }
  }
}`;

export const IMPORT_INVENTORY = `mutation($format: InventoryFormat!, $content: String!, $dryRun: Boolean) {
  importInventory(format: $format, content: $content, dryRun: $dryRun) {
    dryRun groupsCreated groupsUpdated membersAdded applicationsCreated applicationsUpdated applicationsUnchanged deploymentsRecorded deploymentsUnchanged } }`;
/** Every column of an inventory CSV, in the README's order. */
export const INVENTORY_CSV_HEADER =
  'application,name,department,group,contacts,repository_url,description,environment,runtime,commit,deployed_at,group_name,group_owners,group_members';

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T = Record<string, any>>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

export async function gqlOk<T = Record<string, any>>(
  service: TestService,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = BOOTSTRAP_TOKEN,
): Promise<T> {
  return dataOf(await service.gql<T>(query, variables, token));
}

/** The first error's code and field, for one-line assertions. */
export function failure(response: GraphQLResponse): { code: string | undefined; field: string | undefined } {
  const extensions = response.errors?.[0]?.extensions ?? {};
  return { code: extensions.code, field: extensions.field };
}

const TABLES = [
  'groups',
  'group_members',
  'manager_departments',
  'applications',
  'deployments',
  'current_deployments',
  'requirement_snapshots',
  'requirement_blobs',
  'snapshot_scans',
  'inventory_audit_events',
] as const;

const STATE_QUERY = `SELECT json_build_object(${TABLES.map(
  (table) => `'${table}', (SELECT coalesce(json_agg(to_jsonb(t)::text ORDER BY to_jsonb(t)::text), '[]') FROM ${table} t)`,
).join(', ')}) AS state`;

/** Every row of every table an application or group mutation writes, in a stable order (one query). */
export async function databaseState(service: TestService): Promise<Record<string, string[]>> {
  const [{ state }] = await service.dataSource.query<{ state: Record<string, string[]> }[]>(STATE_QUERY);
  return state;
}

/** What a caller gets in a cell of an authorization matrix. */
export type Outcome = 'OK' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';
export const O = 'OK';
export const F = 'FORBIDDEN';
export const N = 'NOT_FOUND';
export const U = 'UNAUTHENTICATED';

/**
 * One cell of an authorization matrix: a permitted call passes `verify` and changes the
 * database; a refused one answers the expected code, no data, and changes nothing.
 */
export async function expectMatrixCell(
  service: TestService,
  outcome: Outcome,
  call: () => Promise<GraphQLResponse>,
  verify: (data: Record<string, any>) => void | Promise<void>,
): Promise<void> {
  const before = await databaseState(service);
  const response = await call();
  if (outcome === 'OK') {
    await verify(dataOf(response));
    expect(await databaseState(service)).not.toEqual(before);
  } else {
    expect(failure(response).code, JSON.stringify(response.errors)).toBe(outcome);
    expect(response.data ?? null).toBeNull();
    expect(await databaseState(service)).toEqual(before);
  }
}

export async function countRows(service: TestService, table: (typeof TABLES)[number]): Promise<number> {
  const [{ count }] = await service.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${table}`);
  return count;
}

export async function createUser(service: TestService, email: string, roles: Role[] = []): Promise<string> {
  return service.tokenFor(roles, email);
}

export async function createGroup(service: TestService, slug: string, owners: string[] = [], members: string[] = []): Promise<void> {
  await gqlOk(service, CREATE_GROUP, { input: { slug, name: `Group ${slug}`, owners } });
  for (const email of members) await gqlOk(service, SET_GROUP_MEMBER, { input: { group: slug, email, role: 'MEMBER' } });
}

export interface NewApplication {
  slug: string;
  group: string;
  department?: string;
  name?: string;
  description?: string | null;
  contacts?: string[];
  repositoryUrl?: string | null;
}

export async function createApplication(service: TestService, app: NewApplication, token: string = BOOTSTRAP_TOKEN): Promise<any> {
  const input = { name: app.slug.toUpperCase(), department: 'Registrar', ...app };
  return (await gqlOk(service, CREATE_APPLICATION, { input }, token)).createApplication;
}

export async function recordDeployment(
  service: TestService,
  input: { application: string; environment: string; runtime: string; commit?: string; deployedAt?: string; overrideReason?: string },
  token: string = BOOTSTRAP_TOKEN,
): Promise<any> {
  return (await gqlOk(service, RECORD_DEPLOYMENT, { input: { commit: 'abcdef0', ...input } }, token)).recordDeployment;
}

export async function submitRequirements(
  service: TestService,
  application: string,
  files: { path: string; content: string }[],
  commit = 'c0ffee1',
  token: string = BOOTSTRAP_TOKEN,
): Promise<any> {
  return (await gqlOk(service, SUBMIT_REQUIREMENTS, { input: { application, commit, files } }, token)).submitRequirements;
}

/**
 * Who calls, in the authorization matrix. `team-a` owns the applications under test and is
 * owned by owner-a; `team-b` is another group. Managers oversee every department, the
 * Registrar (where team-a's applications live) or the Library.
 */
export const CALLERS = [
  'anonymous',
  'admin',
  'managerOfAll',
  'managerOfRegistrar',
  'managerOfLibrary',
  'developerInGroup',
  'developerInOtherGroup',
  'groupOwner',
  'memberWithoutRole',
  'userWithNothing',
] as const;
export type CallerName = (typeof CALLERS)[number];
export type SignedInCaller = Exclude<CallerName, 'anonymous'>;
export const SIGNED_IN_CALLERS = CALLERS.filter((caller): caller is SignedInCaller => caller !== 'anonymous');

export const CALLER_EMAILS: Record<Exclude<CallerName, 'anonymous'>, string> = {
  admin: 'admin@example.edu',
  managerOfAll: 'manager-all@example.edu',
  managerOfRegistrar: 'manager-registrar@example.edu',
  managerOfLibrary: 'manager-library@example.edu',
  developerInGroup: 'dev-a@example.edu',
  developerInOtherGroup: 'dev-b@example.edu',
  groupOwner: 'owner-a@example.edu',
  memberWithoutRole: 'member-a@example.edu',
  userWithNothing: 'nobody@example.edu',
};

/** Creates the cast and their groups; returns each caller's token (null for anonymous). */
export async function createCallers(service: TestService): Promise<Record<CallerName, string | null>> {
  const roles: Record<Exclude<CallerName, 'anonymous'>, Role[]> = {
    admin: [Role.ADMIN],
    managerOfAll: [Role.MANAGER],
    managerOfRegistrar: [Role.MANAGER],
    managerOfLibrary: [Role.MANAGER],
    developerInGroup: [Role.DEVELOPER],
    developerInOtherGroup: [Role.DEVELOPER],
    // Group ownership alone, without any platform role, is what gives owners their rights.
    groupOwner: [],
    memberWithoutRole: [],
    userWithNothing: [],
  };
  const tokens = { anonymous: null } as Record<CallerName, string | null>;
  for (const [name, email] of Object.entries(CALLER_EMAILS) as [Exclude<CallerName, 'anonymous'>, string][]) {
    tokens[name] = await createUser(service, email, roles[name]);
  }
  await createUser(service, 'owner-b@example.edu', [Role.DEVELOPER]);
  await createGroup(service, 'team-a', [CALLER_EMAILS.groupOwner], [CALLER_EMAILS.developerInGroup, CALLER_EMAILS.memberWithoutRole]);
  await createGroup(service, 'team-b', ['owner-b@example.edu'], [CALLER_EMAILS.developerInOtherGroup]);
  await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: CALLER_EMAILS.managerOfAll, allDepartments: true });
  await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: CALLER_EMAILS.managerOfRegistrar, departments: ['Registrar'] });
  await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: CALLER_EMAILS.managerOfLibrary, departments: ['Library'] });
  return tokens;
}

/** Requirements that break on newer runtimes: Django pinned to 1.11, requests unpinned. */
export const LEGACY_REQUIREMENTS = 'Django==1.11.29\nrequests\n';

export const INVENTORY_AUDIT_LOG = `query($filter: InventoryAuditFilterInput, $first: Int, $after: String) {
  inventoryAuditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id subjectType subject action actor occurredAt before after reason } } } }`;

export interface AuditEvent {
  id: string;
  subjectType: string;
  subject: string | null;
  action: string;
  actor: string;
  occurredAt: string;
  before: Record<string, any> | null;
  after: Record<string, any> | null;
  reason: string | null;
}

/** One page of `inventoryAuditLog`, with before and after parsed from their JSON. */
export async function auditLogPage(
  service: TestService,
  variables: { filter?: Record<string, unknown>; first?: number; after?: string | null } = {},
  token: string | null = BOOTSTRAP_TOKEN,
): Promise<{ totalCount: number; hasNextPage: boolean; endCursor: string | null; events: AuditEvent[] }> {
  const { inventoryAuditLog } = await gqlOk(service, INVENTORY_AUDIT_LOG, { first: 100, ...variables }, token);
  return {
    totalCount: inventoryAuditLog.totalCount,
    hasNextPage: inventoryAuditLog.pageInfo.hasNextPage,
    endCursor: inventoryAuditLog.pageInfo.endCursor,
    events: inventoryAuditLog.edges.map(({ node }: { node: Record<string, any> }) => ({
      ...node,
      before: node.before === null ? null : JSON.parse(node.before),
      after: node.after === null ? null : JSON.parse(node.after),
    })),
  };
}

export async function countAuditEvents(service: TestService): Promise<number> {
  return countRows(service, 'inventory_audit_events');
}
