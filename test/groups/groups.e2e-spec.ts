/**
 * Groups: the authorization matrix of the group mutations (every role and membership), what
 * each does, and the bad inputs (unknown group or user, duplicate or invalid slug, leaving a
 * group without an owner). Refused calls leave every table as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { startTestService, type TestService } from '../setup/test-app';
import {
  CALLERS,
  CALLER_EMAILS,
  CREATE_GROUP,
  REMOVE_GROUP_MEMBER,
  SET_GROUP_MEMBER,
  SET_MANAGED_DEPARTMENTS,
  createApplication,
  createCallers,
  createGroup,
  createUser,
  databaseState,
  dataOf,
  failure,
  gqlOk,
  expectMatrixCell,
  F,
  O,
  U,
  type CallerName,
  type Outcome,
} from '../applications/support';

interface MutationCase {
  document: string;
  prepare(service: TestService, n: number): Promise<Record<string, unknown>>;
  verify(data: Record<string, any>, variables: Record<string, any>): void;
  expected: Record<CallerName, Outcome>;
}

const ADMIN_ONLY: Record<CallerName, Outcome> = {
  anonymous: U,
  admin: O,
  managerOfAll: F,
  managerOfRegistrar: F,
  managerOfLibrary: F,
  developerInGroup: F,
  developerInOtherGroup: F,
  groupOwner: F,
  memberWithoutRole: F,
  userWithNothing: F,
};

/** Owners of the group and admins manage its members; plain members do not. */
const OWNERS_AND_ADMINS: Record<CallerName, Outcome> = { ...ADMIN_ONLY, groupOwner: O };

const MATRIX: Record<string, MutationCase> = {
  createGroup: {
    document: CREATE_GROUP,
    prepare: async (service, n) => {
      await createUser(service, `new-owner-${n}@example.edu`);
      return { input: { slug: `group-${n}`, name: `Group ${n}`, owners: [`new-owner-${n}@example.edu`] } };
    },
    verify: (data, variables) => {
      expect(data.createGroup).toMatchObject({ slug: variables.input.slug, members: [{ email: variables.input.owners[0], role: 'OWNER' }] });
    },
    expected: ADMIN_ONLY,
  },
  setGroupMember: {
    document: SET_GROUP_MEMBER,
    prepare: async (service, n) => {
      await createUser(service, `joiner-${n}@example.edu`);
      return { input: { group: 'team-a', email: `joiner-${n}@example.edu`, role: 'MEMBER' } };
    },
    verify: (data, variables) => {
      expect(data.setGroupMember.members).toContainEqual({ email: variables.input.email, role: 'MEMBER' });
    },
    expected: OWNERS_AND_ADMINS,
  },
  removeGroupMember: {
    document: REMOVE_GROUP_MEMBER,
    prepare: async (service, n) => {
      await createUser(service, `leaver-${n}@example.edu`);
      await gqlOk(service, SET_GROUP_MEMBER, { input: { group: 'team-a', email: `leaver-${n}@example.edu` } });
      return { group: 'team-a', email: `leaver-${n}@example.edu` };
    },
    verify: (data, variables) => {
      expect(data.removeGroupMember.members.map((member: any) => member.email)).not.toContain(variables.email);
    },
    expected: OWNERS_AND_ADMINS,
  },
  setManagedDepartments: {
    document: SET_MANAGED_DEPARTMENTS,
    prepare: async (service, n) => {
      await createUser(service, `new-manager-${n}@example.edu`, [Role.MANAGER]);
      return { email: `new-manager-${n}@example.edu`, departments: [' Library ', 'Housing', 'Library'] };
    },
    verify: (data) => {
      expect(data.setManagedDepartments).toEqual({ allDepartments: false, departments: ['Housing', 'Library'] });
    },
    expected: ADMIN_ONLY,
  },
};

describe('groups', () => {
  let service: TestService;
  let tokens: Record<CallerName, string | null>;
  let counter = 0;

  beforeAll(async () => {
    service = await startTestService();
    tokens = await createCallers(service);
  });
  afterAll(async () => service.close());

  describe.each(Object.entries(MATRIX))('%s: who may', (_name, mutation) => {
    it.each(CALLERS.map((caller) => [caller, mutation.expected[caller]] as const))('%s → %s', async (caller, outcome) => {
      const variables = await mutation.prepare(service, ++counter);
      await expectMatrixCell(
        service,
        outcome,
        () => service.gql(mutation.document, variables, tokens[caller]),
        (data) => mutation.verify(data, variables),
      );
    });
  });

  it('does not let the owner of one group manage another', async () => {
    await createUser(service, 'stranger@example.edu');
    const before = await databaseState(service);
    const response = await service.gql(SET_GROUP_MEMBER, { input: { group: 'team-b', email: 'stranger@example.edu' } }, tokens.groupOwner);
    expect(failure(response).code).toBe('FORBIDDEN');
    expect(await databaseState(service)).toEqual(before);
  });

  it('lets an owner promote a member to owner, who can then manage the group', async () => {
    await createUser(service, 'co-owner@example.edu');
    const promoted = await service.gql(SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'co-owner@example.edu', role: 'OWNER' } }, tokens.groupOwner);
    expect(dataOf(promoted).setGroupMember.members).toContainEqual({ email: 'co-owner@example.edu', role: 'OWNER' });
    // Changing a role is an upsert, not a second membership.
    const demoted = dataOf(
      await service.gql(SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'co-owner@example.edu', role: 'MEMBER' } }, tokens.groupOwner),
    );
    expect(demoted.setGroupMember.members.filter((member: any) => member.email === 'co-owner@example.edu')).toEqual([
      { email: 'co-owner@example.edu', role: 'MEMBER' },
    ]);
  });

  it('lets a member who was removed no longer see the group', async () => {
    await createUser(service, 'short-stay@example.edu');
    const token = await service.tokenFor([], 'short-stay-token@example.edu');
    await gqlOk(service, SET_GROUP_MEMBER, { input: { group: 'team-b', email: 'short-stay-token@example.edu' } });
    expect(dataOf(await service.gql('{ groups { edges { node { slug } } } }', {}, token)).groups.edges).toEqual([{ node: { slug: 'team-b' } }]);
    await gqlOk(service, REMOVE_GROUP_MEMBER, { group: 'team-b', email: 'short-stay-token@example.edu' });
    expect(dataOf(await service.gql('{ groups { totalCount edges { node { slug } } } }', {}, token)).groups).toEqual({ totalCount: 0, edges: [] });
  });

  it('lists members owners first, with their names', async () => {
    const data = dataOf(
      await service.gql('{ groups(search: "team-b") { edges { node { slug members { email role displayName userId addedAt } } } } }', {}, tokens.admin),
    );
    const teamB = data.groups.edges.map((edge: any) => edge.node).find((group: any) => group.slug === 'team-b');
    expect(teamB.members.map((member: any) => [member.email, member.role])).toEqual([
      ['owner-b@example.edu', 'OWNER'],
      [CALLER_EMAILS.developerInOtherGroup, 'MEMBER'],
    ]);
    expect(teamB.members[0].displayName).toMatch(/Test user/);
  });

  describe('bad input changes nothing', () => {
    const cases: Array<[string, string, Record<string, unknown>, { code: string; field?: string }, RegExp?]> = [
      ['a duplicate group slug', CREATE_GROUP, { input: { slug: 'team-a', name: 'Again' } }, { code: 'CONFLICT', field: 'slug' }],
      ['an upper-case slug', CREATE_GROUP, { input: { slug: 'Team-C', name: 'C' } }, { code: 'BAD_USER_INPUT', field: 'slug' }, /team-c/],
      ['a slug with spaces', CREATE_GROUP, { input: { slug: 'team c', name: 'C' } }, { code: 'BAD_USER_INPUT', field: 'slug' }],
      ['a slug ending in "-"', CREATE_GROUP, { input: { slug: 'team-', name: 'C' } }, { code: 'BAD_USER_INPUT', field: 'slug' }],
      ['an empty name', CREATE_GROUP, { input: { slug: 'team-c', name: '' } }, { code: 'BAD_USER_INPUT', field: 'name' }],
      ['a name of only spaces', CREATE_GROUP, { input: { slug: 'team-c', name: '   ' } }, { code: 'BAD_USER_INPUT', field: 'name' }],
      [
        'an owner who is no user',
        CREATE_GROUP,
        { input: { slug: 'team-c', name: 'C', owners: ['ghost@example.edu'] } },
        { code: 'NOT_FOUND', field: 'owners' },
        /ghost@example.edu/,
      ],
      [
        'an owner who is no e-mail',
        CREATE_GROUP,
        { input: { slug: 'team-c', name: 'C', owners: ['not-an-address'] } },
        { code: 'BAD_USER_INPUT', field: 'owners' },
      ],
      [
        'adding to an unknown group',
        SET_GROUP_MEMBER,
        { input: { group: 'team-z', email: 'dev-a@example.edu' } },
        { code: 'NOT_FOUND', field: 'group' },
        /team-z/,
      ],
      ['adding an unknown user', SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'ghost@example.edu' } }, { code: 'NOT_FOUND', field: 'email' }],
      ['adding an invalid e-mail', SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'ghost' } }, { code: 'BAD_USER_INPUT', field: 'email' }],
      ['an unknown role', SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'dev-a@example.edu', role: 'KING' } }, { code: 'BAD_USER_INPUT' }],
      ['removing from an unknown group', REMOVE_GROUP_MEMBER, { group: 'team-z', email: 'dev-a@example.edu' }, { code: 'NOT_FOUND', field: 'group' }],
      ['removing someone who is not a member', REMOVE_GROUP_MEMBER, { group: 'team-b', email: 'dev-a@example.edu' }, { code: 'NOT_FOUND', field: 'email' }],
      ['removing an unknown user', REMOVE_GROUP_MEMBER, { group: 'team-a', email: 'ghost@example.edu' }, { code: 'NOT_FOUND', field: 'email' }],
      [
        'removing the last owner',
        REMOVE_GROUP_MEMBER,
        { group: 'team-b', email: 'owner-b@example.edu' },
        { code: 'CONFLICT', field: 'email' },
        /without an owner/,
      ],
      [
        'demoting the last owner',
        SET_GROUP_MEMBER,
        { input: { group: 'team-b', email: 'owner-b@example.edu', role: 'MEMBER' } },
        { code: 'CONFLICT', field: 'email' },
      ],
      [
        'departments for an unknown user',
        SET_MANAGED_DEPARTMENTS,
        { email: 'ghost@example.edu', departments: ['Library'] },
        { code: 'NOT_FOUND', field: 'email' },
      ],
    ];
    it.each(cases)('%s', async (_label, document, variables, expected, message) => {
      const before = await databaseState(service);
      const response = await service.gql(document, variables, tokens.admin);
      expect(failure(response)).toMatchObject(expected);
      if (message) expect(response.errors![0].message).toMatch(message);
      expect(await databaseState(service)).toEqual(before);
    });
  });

  it('lets the last owner leave once another owner is named, and an owner remove themselves then', async () => {
    await createGroup(service, 'team-solo', ['owner-b@example.edu']);
    const alone = await service.gql(REMOVE_GROUP_MEMBER, { group: 'team-solo', email: 'owner-b@example.edu' }, tokens.admin);
    expect(failure(alone).code).toBe('CONFLICT');
    await gqlOk(service, SET_GROUP_MEMBER, { input: { group: 'team-solo', email: CALLER_EMAILS.groupOwner, role: 'OWNER' } });
    const removed = dataOf(await service.gql(REMOVE_GROUP_MEMBER, { group: 'team-solo', email: 'owner-b@example.edu' }, tokens.groupOwner));
    expect(removed.removeGroupMember.members).toEqual([{ email: CALLER_EMAILS.groupOwner, role: 'OWNER' }]);
  });

  it('gives one of several concurrent creations of a slug the group, the others CONFLICT', async () => {
    const responses = await Promise.all([1, 2, 3, 4].map((n) => service.gql(CREATE_GROUP, { input: { slug: 'raced', name: `Raced ${n}` } }, tokens.admin)));
    expect(responses.map((response) => failure(response).code ?? 'OK').sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    const rows = await service.dataSource.query(`SELECT count(*)::int AS count FROM groups WHERE slug = 'raced'`);
    expect(rows).toEqual([{ count: 1 }]);
  });

  it('keeps an owner when the last two owners are removed at the same time', async () => {
    await createUser(service, 'twin-1@example.edu');
    await createUser(service, 'twin-2@example.edu');
    await createGroup(service, 'team-twins', ['twin-1@example.edu', 'twin-2@example.edu']);
    const responses = await Promise.all(
      ['twin-1@example.edu', 'twin-2@example.edu'].map((email) => service.gql(REMOVE_GROUP_MEMBER, { group: 'team-twins', email }, tokens.admin)),
    );
    expect(responses.map((response) => failure(response).code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const { groups } = await gqlOk(service, '{ groups(search: "team-twins") { edges { node { slug members { role } } } } }');
    expect(groups.edges.map((edge: any) => edge.node).find((group: any) => group.slug === 'team-twins').members).toEqual([{ role: 'OWNER' }]);
  });

  it('spells managed departments the way application departments are stored', async () => {
    await createUser(service, 'spacey-manager@example.edu', [Role.MANAGER]);
    const data = await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: 'spacey-manager@example.edu', departments: ['  Office of the   Registrar '] });
    expect(data.setManagedDepartments).toEqual({ allDepartments: false, departments: ['Office of the Registrar'] });
  });

  it('replaces a manager’s departments; every department again only when asked for explicitly', async () => {
    const email = CALLER_EMAILS.managerOfLibrary;
    expect((await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email, departments: ['Housing'] })).setManagedDepartments).toEqual({
      allDepartments: false,
      departments: ['Housing'],
    });
    expect(await managedDepartmentsOf(email)).toEqual(['Housing']);
    const all = await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email, allDepartments: true });
    expect(all.setManagedDepartments).toEqual({ allDepartments: true, departments: [] });
    expect(await managedDepartmentsOf(email)).toEqual([]);
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email, departments: ['Library'] });
    expect(await managedDepartmentsOf(email)).toEqual(['Library']);
  });

  // Issue 13 item 7: a blank department stored nothing, and no departments means every department.
  it.each([
    ['a blank department', { departments: [''] }, 'departments'],
    ['a department of spaces among real ones', { departments: ['Library', '   '] }, 'departments'],
    ['an empty list (every department must be asked for)', { departments: [] }, 'departments'],
    ['no departments at all', {}, 'departments'],
    ['allDepartments with departments', { departments: ['Library'], allDepartments: true }, 'allDepartments'],
  ])('refuses %s and leaves the manager’s departments as they were', async (_case, variables, field) => {
    const email = CALLER_EMAILS.managerOfLibrary;
    const before = await databaseState(service);
    const response = await service.gql(SET_MANAGED_DEPARTMENTS, { email, ...variables }, tokens.admin);
    expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await databaseState(service)).toEqual(before);
    expect(await managedDepartmentsOf(email)).toEqual(['Library']);
  });

  it('refuses to give departments to a user who is not a manager', async () => {
    await createUser(service, 'not-a-manager@example.edu', [Role.DEVELOPER]);
    for (const variables of [{ departments: ['Library'] }, { allDepartments: true }]) {
      const response = await service.gql(SET_MANAGED_DEPARTMENTS, { email: 'not-a-manager@example.edu', ...variables }, tokens.admin);
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
    }
    expect(await managedDepartmentsOf('not-a-manager@example.edu')).toEqual([]);
  });

  it('keeps a manager of one department out of the others after a blank department is refused', async () => {
    await createApplication(service, { slug: 'registrar-app', group: 'team-b', department: 'Registrar' });
    await createApplication(service, { slug: 'housing-app', group: 'team-b', department: 'Housing' });
    const readable = async () =>
      (await gqlOk(service, '{ applications(first: 50) { edges { node { slug } } } }', {}, tokens.managerOfRegistrar)).applications.edges.map(
        (edge: any) => edge.node.slug,
      );
    expect(await readable()).toEqual(['registrar-app']);
    await service.gql(SET_MANAGED_DEPARTMENTS, { email: CALLER_EMAILS.managerOfRegistrar, departments: [''] }, tokens.admin);
    expect(await readable()).toEqual(['registrar-app']);
  });

  async function managedDepartmentsOf(email: string): Promise<string[]> {
    const rows = await service.dataSource.query<{ department: string }[]>(
      'SELECT department FROM manager_departments d JOIN users u ON u.id = d.user_id WHERE u.email = $1 ORDER BY department',
      [email],
    );
    return rows.map((row) => row.department);
  }
});
