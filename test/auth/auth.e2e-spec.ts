import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_TOKEN, errorCode, startTestService, type TestService } from '../setup/test-app';

describe('users and API tokens', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => service.close());

  const createUser = (input: Record<string, unknown>, token: string | null = BOOTSTRAP_TOKEN) =>
    service.gql(`mutation($input: CreateUserInput!) { createUser(input: $input) { id email roles } }`, { input }, token);

  it('lets the bootstrap admin create users and their tokens; the secret is shown once and stored hashed', async () => {
    const user = await createUser({ email: 'Ada@Example.edu', displayName: 'Ada', roles: ['DEVELOPER'] });
    expect(user.errors).toBeUndefined();
    expect(user.data!.createUser).toMatchObject({ email: 'ada@example.edu', roles: ['DEVELOPER'] });
    const userId = user.data!.createUser.id;

    const created = await service.gql(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name tokenPrefix lastUsedAt } } }`,
      { input: { userId, name: 'laptop' } },
      BOOTSTRAP_TOKEN,
    );
    expect(created.errors).toBeUndefined();
    const { token, apiToken } = created.data!.createApiToken;
    expect(token).toMatch(/^pype_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(apiToken.tokenPrefix)).toBe(true);
    const stored = await service.dataSource.query('SELECT token_hash FROM api_tokens WHERE id = $1', [apiToken.id]);
    expect(stored[0].token_hash).not.toContain(token.slice(5));
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

    const me = await service.gql(`{ me { label roles user { email } } }`, {}, token);
    expect(me.data!.me).toEqual({ label: 'ada@example.edu', roles: ['DEVELOPER'], user: { email: 'ada@example.edu' } });
    const listed = await service.gql(`{ apiTokens { totalCount edges { node { id lastUsedAt } } } }`, {}, token);
    expect(listed.data!.apiTokens.totalCount).toBe(1);
    expect(listed.data!.apiTokens.edges[0].node.id).toBe(apiToken.id);
    expect(listed.data!.apiTokens.edges[0].node.lastUsedAt).not.toBeNull();

    const revoked = await service.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: apiToken.id }, token);
    expect(revoked.data!.revokeApiToken.revokedAt).not.toBeNull();
    const after = await service.gql(`{ me { label } }`, {}, token);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(after.errors![0].message).toContain('revoked');
  });

  it('lets admins list users and change their roles', async () => {
    const created = await createUser({ email: 'roles@example.edu', displayName: 'Roles', roles: ['DEVELOPER'] });
    const userId = created.data!.createUser.id;
    const changed = await service.gql(
      `mutation($id: ID!) { setUserRoles(userId: $id, roles: [MANAGER, DEVELOPER, MANAGER]) { roles } }`,
      { id: userId },
      BOOTSTRAP_TOKEN,
    );
    expect(changed.data!.setUserRoles.roles).toEqual(['DEVELOPER', 'MANAGER']);
    const listed = await service.gql(`{ users(first: 200) { edges { node { email roles } } } }`, {}, BOOTSTRAP_TOKEN);
    expect(listed.data!.users.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      email: 'roles@example.edu',
      roles: ['DEVELOPER', 'MANAGER'],
    });
    const developer = await service.tokenFor(['DEVELOPER' as never]);
    expect(errorCode(await service.gql(`{ users { totalCount } }`, {}, developer))).toBe('FORBIDDEN');
    const unknown = await service.gql(
      `mutation { setUserRoles(userId: "00000000-0000-4000-8000-000000000000", roles: [ADMIN]) { roles } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
  });

  it('answers me = null without a token', async () => {
    const response = await service.gql(`{ me { label } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.me).toBeNull();
  });

  it('refuses expired tokens and disabled users', async () => {
    const user = await createUser({ email: 'grace@example.edu', displayName: 'Grace', roles: ['MANAGER'] });
    const userId = user.data!.createUser.id;
    const created = await service.gql(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      { input: { userId, name: 'short', expiresAt: '2026-11-23T00:00:00Z' } },
      BOOTSTRAP_TOKEN,
    );
    const token = created.data!.createApiToken.token;
    expect((await service.gql(`{ me { label } }`, {}, token)).data!.me.label).toBe('grace@example.edu');
    service.clock.set('2026-11-24T00:00:00Z');
    const expired = await service.gql(`{ me { label } }`, {}, token);
    expect(errorCode(expired)).toBe('UNAUTHENTICATED');
    expect(expired.errors![0].message).toContain('expired');
    service.clock.set('2026-11-22T15:00:00Z');

    const other = await service.gql(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      { input: { userId, name: 'long' } },
      BOOTSTRAP_TOKEN,
    );
    await service.gql(`mutation($id: ID!) { setUserDisabled(userId: $id, disabled: true) { disabledAt } }`, { id: userId }, BOOTSTRAP_TOKEN);
    expect(errorCode(await service.gql(`{ me { label } }`, {}, other.data!.createApiToken.token))).toBe('UNAUTHENTICATED');
  });

  it('validates input and roles', async () => {
    const developer = await service.tokenFor(['DEVELOPER' as never]);
    expect(errorCode(await createUser({ email: 'x@example.edu', displayName: 'X' }, developer))).toBe('FORBIDDEN');
    const bad = await createUser({ email: 'not-an-email', displayName: 'X' });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('email');
    const duplicate = await createUser({ email: 'ADA@example.edu', displayName: 'Ada again' });
    expect(errorCode(duplicate)).toBe('CONFLICT');
    const badRole = await createUser({ email: 'y@example.edu', displayName: 'Y', roles: ['ROOT'] });
    expect(errorCode(badRole)).toBe('BAD_USER_INPUT');
    const badId = await service.gql(`mutation { revokeApiToken(id: "nope") { id } }`, {}, developer);
    expect(errorCode(badId)).toBe('BAD_USER_INPUT');
    expect(badId.errors![0].extensions!.field).toBe('id');
    const foreign = await service.gql(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      { input: { userId: '00000000-0000-4000-8000-000000000000', name: 'x' } },
      developer,
    );
    expect(errorCode(foreign)).toBe('FORBIDDEN');
  });
});
