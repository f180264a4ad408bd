/**
 * `users`, `groups` and `apiTokens` page like every other list (issue 8 §3): Relay connections in a
 * stable order (e-mail, slug, newest token first), `first` bounded per list, and an `after` that is
 * not a cursor of that list refused as BAD_USER_INPUT naming `after`, before any query runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, createUser, failure, gqlOk } from '../applications/support';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';

interface Connection<TNode> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ cursor: string; node: TNode }>;
}

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const USERS = `query($first: Int!, $after: String, $role: Role) { users(first: $first, after: $after, role: $role) { totalCount ${PAGE_INFO} edges { cursor node { email roles } } } }`;
const GROUPS = `query($first: Int!, $after: String, $search: String) { groups(first: $first, after: $after, search: $search) { totalCount ${PAGE_INFO} edges { cursor node { slug } } } }`;
const TOKENS = `query($first: Int!, $after: String, $userId: ID) { apiTokens(first: $first, after: $after, userId: $userId) { totalCount ${PAGE_INFO} edges { cursor node { name } } } }`;
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { id userId } } }`;

type Lists = { users: Connection<{ email: string; roles: string[] }>; groups: Connection<{ slug: string }>; apiTokens: Connection<{ name: string }> };
const gqlList = <K extends keyof Lists>(service: TestService, query: string, variables: Record<string, unknown>) =>
  gqlOk<Pick<Lists, K>>(service, query, variables);

describe('users, groups and apiTokens as connections', () => {
  let service: TestService;
  let pagerId: string;

  /** Every node of a list, page by page, checking each page's cursors and counts on the way. */
  async function walk<TNode>(query: string, field: string, first: number, variables: Record<string, unknown> = {}): Promise<TNode[]> {
    const nodes: TNode[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages += 1) {
      const list: Connection<TNode> = (await gqlOk<Record<string, Connection<TNode>>>(service, query, { first, after, ...variables }))[field];
      expect(list.edges.length).toBeLessThanOrEqual(first);
      expect(list.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(list.pageInfo.startCursor).toBe(list.edges.at(0)?.cursor ?? null);
      expect(list.pageInfo.endCursor).toBe(list.edges.at(-1)?.cursor ?? null);
      nodes.push(...list.edges.map((edge) => edge.node));
      if (!list.pageInfo.hasNextPage) {
        expect(nodes).toHaveLength(list.totalCount);
        return nodes;
      }
      after = list.pageInfo.endCursor;
    }
    throw new Error(`${field} did not end`);
  }

  beforeAll(async () => {
    service = await startTestService();
    for (const email of ['carol@example.edu', 'alice@example.edu', 'bob@example.edu']) await createUser(service, email);
    await createUser(service, 'manny@example.edu', ['MANAGER' as never]);
    for (const slug of ['physics', 'chemistry', 'biology', 'physics-lab']) await createGroup(service, slug, ['alice@example.edu']);
    await createUser(service, 'pager@example.edu');
    const [{ id }] = await service.dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE email = 'pager@example.edu'`);
    pagerId = id;
    for (const name of ['one', 'two', 'three']) await gqlOk(service, CREATE_TOKEN, { input: { userId: pagerId, name } });
  });
  afterAll(async () => service.close());

  it('pages users by e-mail, each user once, and filters by role', async () => {
    const users = await walk<{ email: string }>(USERS, 'users', 2);
    const emails = users.map((user) => user.email);
    expect(emails).toEqual([...emails].sort());
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).toEqual(expect.arrayContaining(['alice@example.edu', 'bob@example.edu', 'carol@example.edu', 'manny@example.edu']));
    const managers = await gqlList<'users'>(service, USERS, { first: 10, role: 'MANAGER' });
    expect(managers.users.totalCount).toBe(1);
    expect(managers.users.edges.map((edge) => edge.node)).toEqual([{ email: 'manny@example.edu', roles: ['MANAGER'] }]);
  });

  it('pages groups by slug, and finds them by part of slug or name', async () => {
    const groups = await walk<{ slug: string }>(GROUPS, 'groups', 3);
    expect(groups.map((group) => group.slug)).toEqual(['biology', 'chemistry', 'physics', 'physics-lab']);
    const physics = await walk<{ slug: string }>(GROUPS, 'groups', 1, { search: 'PHYS' });
    expect(physics.map((group) => group.slug)).toEqual(['physics', 'physics-lab']);
    // LIKE wildcards in the search are plain characters.
    expect((await gqlList<'groups'>(service, GROUPS, { first: 10, search: '%' })).groups.totalCount).toBe(0);
    expect((await gqlList<'groups'>(service, GROUPS, { first: 10, search: 'Group chem' })).groups.edges).toEqual([
      expect.objectContaining({ node: { slug: 'chemistry' } }),
    ]);
  });

  it("pages a user's tokens newest first, and the bootstrap admin's own (none) as an empty page", async () => {
    const tokens = await walk<{ name: string }>(TOKENS, 'apiTokens', 2, { userId: pagerId });
    // tokenFor made the first token ('test'); the three named ones follow it.
    expect(tokens.map((token) => token.name)).toEqual(['three', 'two', 'one', 'test']);
    const own = await gqlList<'apiTokens'>(service, TOKENS, { first: 5 });
    expect(own.apiTokens).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
  });

  it('refuses garbage and cursors of another list as BAD_USER_INPUT on after', async () => {
    const firstCursor = async (query: string, field: keyof Lists, variables: Record<string, unknown> = {}) =>
      (await gqlOk<Lists>(service, query, { first: 1, ...variables }))[field].pageInfo.endCursor!;
    const cursors = {
      users: await firstCursor(USERS, 'users'),
      groups: await firstCursor(GROUPS, 'groups'),
      apiTokens: await firstCursor(TOKENS, 'apiTokens', { userId: pagerId }),
    };
    const lists = [
      ['users', USERS, {}],
      ['groups', GROUPS, {}],
      ['apiTokens', TOKENS, { userId: pagerId }],
    ] as const;
    for (const [list, query, variables] of lists) {
      const others = Object.entries(cursors).filter(([other]) => other !== list);
      for (const after of ['garbage', '', 'alice@example.edu', Buffer.from('{"list":"users"}').toString('base64url'), ...others.map(([, cursor]) => cursor)]) {
        const response = await service.gql(query, { first: 1, after, ...variables }, BOOTSTRAP_TOKEN);
        expect(failure(response), `${list} after ${after}`).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
      }
      const [otherList, otherCursor] = others[0];
      const response = await service.gql(query, { first: 1, after: otherCursor, ...variables }, BOOTSTRAP_TOKEN);
      expect(response.errors![0].message).toContain(`cursor of another list (${otherList})`);
    }
  });

  it('bounds first, naming first', async () => {
    const bounded = [
      ['users', USERS, 200, {}],
      ['groups', GROUPS, 100, {}],
      ['apiTokens', TOKENS, 100, { userId: pagerId }],
    ] as const;
    for (const [list, query, max, variables] of bounded) {
      for (const first of [0, -1, max + 1]) {
        expect(failure(await service.gql(query, { first, ...variables }, BOOTSTRAP_TOKEN)), `${list}(first: ${first})`).toEqual({
          code: 'BAD_USER_INPUT',
          field: 'first',
        });
      }
      expect((await service.gql(query, { first: max, ...variables }, BOOTSTRAP_TOKEN)).errors, `${list}(first: ${max})`).toBeUndefined();
    }
  });

  it('keeps who may list what: users for admins, tokens of others for admins, groups as the access policy says', async () => {
    const developer = await service.tokenFor([], 'dev-lists@example.edu');
    expect(failure(await service.gql(USERS, { first: 1 }, developer)).code).toBe('FORBIDDEN');
    expect(failure(await service.gql(TOKENS, { first: 1, userId: pagerId }, developer)).code).toBe('FORBIDDEN');
    expect((await service.gql<Pick<Lists, 'groups'>>(GROUPS, { first: 10 }, developer)).data!.groups.totalCount).toBe(0);
    expect(failure(await service.gql(GROUPS, { first: 10 }, null)).code).toBe('UNAUTHENTICATED');
  });
});
