/**
 * Text arguments the database cannot store or index (NUL bytes, half characters, a megabyte where
 * a name goes) and ids that are no ids are BAD_USER_INPUT naming the field, and change nothing:
 * never an INTERNAL_SERVER_ERROR from PostgreSQL. Repository URLs with credentials are refused on
 * every way in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import {
  CREATE_APPLICATION,
  CREATE_GROUP,
  databaseState,
  failure,
  gqlOk,
  IMPORT_INVENTORY,
  SET_MANAGED_DEPARTMENTS,
  UPDATE_APPLICATION,
} from '../applications/support';

const NUL = 'a\u0000b';
const MEGABYTE = 'x'.repeat(1024 * 1024);
/** Text that does not compress, as an index entry of random text would not. */
const randomText = (length: number): string => Array.from({ length }, (_, index) => String.fromCharCode(0x4e00 + ((index * 7919) % 20000))).join('');
const APP = { slug: 'lab-tools', name: 'Lab Tools', department: 'Physics', group: 'physics' };

describe('text arguments', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
    await seedCatalog(service.dataSource, service.clock.now());
    await gqlOk(service, `mutation { createUser(input: { email: "manager@example.edu", displayName: "M", roles: [MANAGER] }) { id } }`);
    await gqlOk(service, CREATE_GROUP, { input: { slug: 'physics', name: 'Physics' } });
    await gqlOk(service, CREATE_APPLICATION, { input: APP });
  });
  afterAll(async () => service.close());

  const CASES: [string, string, Record<string, unknown>, string][] = [
    [
      'createUser.displayName',
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email: 'n@example.edu', displayName: NUL } },
      'displayName',
    ],
    ['createApiToken.name', `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`, { input: { name: NUL } }, 'name'],
    ['createGroup.name', CREATE_GROUP, { input: { slug: 'g-nul', name: NUL } }, 'name'],
    ['createGroup.description', CREATE_GROUP, { input: { slug: 'g-nul', name: 'G', description: NUL } }, 'description'],
    ['createApplication.name', CREATE_APPLICATION, { input: { ...APP, slug: 'a-nul', name: NUL } }, 'name'],
    ['createApplication.department', CREATE_APPLICATION, { input: { ...APP, slug: 'a-nul', department: NUL } }, 'department'],
    ['createApplication.description', CREATE_APPLICATION, { input: { ...APP, slug: 'a-nul', description: NUL } }, 'description'],
    ['a 1 MB department', CREATE_APPLICATION, { input: { ...APP, slug: 'a-big', department: MEGABYTE } }, 'department'],
    ['a 1 MB application name', CREATE_APPLICATION, { input: { ...APP, slug: 'a-big', name: MEGABYTE } }, 'name'],
    ['a half character in a name', CREATE_APPLICATION, { input: { ...APP, slug: 'a-half', name: 'Lab \ud800' } }, 'name'],
    ['updateApplication.description', UPDATE_APPLICATION, { input: { slug: APP.slug, description: NUL } }, 'description'],
    ['setManagedDepartments.departments', SET_MANAGED_DEPARTMENTS, { email: 'manager@example.edu', departments: [NUL] }, 'departments[0]'],
    ['a 1 MB managed department', SET_MANAGED_DEPARTMENTS, { email: 'manager@example.edu', departments: [MEGABYTE] }, 'departments[0]'],
    // Too long for the department rule (and for the index on managed departments), though not for text in general.
    ['a 3 000-character managed department', SET_MANAGED_DEPARTMENTS, { email: 'manager@example.edu', departments: [randomText(3000)] }, 'departments'],
    [
      'a control character in a rollout reason',
      `mutation($input: OverrideRolloutInput!) { overrideRollout(input: $input) { environment } }`,
      { input: { version: '37.22.0', environment: 'TEST', at: '2026-12-01T12:00:00Z', reason: 'bell\u0007' } },
      'reason',
    ],
    [
      'a 2 001-character release reason',
      `mutation($input: ChangeEndOfSupportInput!) { changeEndOfSupport(input: $input) { version } }`,
      { input: { version: '37.22.0', endOfSupport: '2030-01-01', reason: '😀'.repeat(2001) } },
      'reason',
    ],
    ['application(slug)', `query($slug: String!) { application(slug: $slug) { id } }`, { slug: NUL }, 'slug'],
    ['auditLog(version)', `query($version: String) { auditLog(version: $version) { totalCount } }`, { version: NUL }, 'version'],
    ['advisory(id)', `query($id: String!) { advisory(id: $id) { id } }`, { id: NUL }, 'id'],
    ['a list filter', `query($search: String) { applications(filter: { search: $search }) { totalCount } }`, { search: NUL }, 'filter.search'],
    ['apiTokens(userId) that is no id', `query($userId: ID) { apiTokens(userId: $userId) { totalCount } }`, { userId: 'zzz' }, 'userId'],
    ['an id written inline', `{ apiTokens(userId: "zzz") { totalCount } }`, {}, 'userId'],
    ['revokeApiToken(id) that is no id', `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: '9999999999999999999' }, 'id'],
  ];

  it.each(CASES)('%s → BAD_USER_INPUT naming %s, nothing changed', async (_label, query, variables, field) => {
    const before = await databaseState(service);
    const response = await service.gql(query, variables, BOOTSTRAP_TOKEN);
    expect(response.status).toBe(200);
    expect(failure(response), response.errors?.[0]?.message).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await databaseState(service)).toEqual(before);
  });

  describe('repository URLs with credentials', () => {
    const URLS = [
      'https://user:pw@github.example.edu/org/repo',
      'https://ghp_0123456789abcdef@github.example.edu/org/repo',
      'git+https://ada:secret@github.example.edu/org/repo',
    ];

    it.each(URLS)('createApplication and updateApplication refuse %s', async (repositoryUrl) => {
      const before = await databaseState(service);
      const created = await service.gql(CREATE_APPLICATION, { input: { ...APP, slug: 'with-token', repositoryUrl } }, BOOTSTRAP_TOKEN);
      expect(failure(created)).toEqual({ code: 'BAD_USER_INPUT', field: 'repositoryUrl' });
      expect(created.errors![0].message).toContain('credentials');
      const updated = await service.gql(UPDATE_APPLICATION, { input: { slug: APP.slug, repositoryUrl } }, BOOTSTRAP_TOKEN);
      expect(failure(updated)).toEqual({ code: 'BAD_USER_INPUT', field: 'repositoryUrl' });
      expect(updated.errors![0].message).toBe(created.errors![0].message);
      expect(await databaseState(service)).toEqual(before);
    });

    it.each(URLS)('the import refuses %s with the same message', async (repositoryUrl) => {
      const created = await service.gql(CREATE_APPLICATION, { input: { ...APP, slug: 'with-token', repositoryUrl } }, BOOTSTRAP_TOKEN);
      const content = JSON.stringify({ applications: [{ ...APP, slug: 'with-token', repositoryUrl }] });
      const imported = await service.gql(IMPORT_INVENTORY, { format: 'JSON', content, dryRun: true }, BOOTSTRAP_TOKEN);
      const errors = imported.errors![0].extensions!.errors as { path: string; message: string }[];
      expect(errors).toEqual([expect.objectContaining({ path: 'applications[0].repositoryUrl', message: created.errors![0].message })]);
    });

    it('accepts git+https URLs everywhere, as the import does', async () => {
      const repositoryUrl = 'git+https://github.example.edu/physics/lab-tools.git';
      const updated = await gqlOk(service, UPDATE_APPLICATION, { input: { slug: APP.slug, repositoryUrl } });
      expect(updated.updateApplication.repositoryUrl).toBe(repositoryUrl);
    });
  });
});
