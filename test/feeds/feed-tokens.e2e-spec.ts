import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { BOOTSTRAP_TOKEN, errorCode, startTestService, type TestService } from '../setup/test-app';

const CREATE = `mutation($name: String!) { createFeedToken(input: { name: $name }) { token calendarUrl feedToken { id name tokenPrefix createdAt lastUsedAt revokedAt } } }`;
const LIST = `query($first: Int, $after: String) { feedTokens(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name revokedAt } } } }`;
const REVOKE = `mutation($id: ID!) { revokeFeedToken(id: $id) { id revokedAt } }`;

describe('feed tokens', () => {
  let service: TestService;
  let developer: string;
  let other: string;

  beforeAll(async () => {
    service = await startTestService({ env: { PUBLIC_URL: 'https://pype.example.edu' } });
    developer = await service.tokenFor([Role.DEVELOPER], 'dev@example.edu');
    other = await service.tokenFor([Role.MANAGER], 'manager@example.edu');
  });
  afterAll(async () => service.close());

  it('creates a read-only token shown once, stored only as a hash, with the calendar URL', async () => {
    const response = await service.gql(CREATE, { name: 'Outlook' }, developer);
    expect(response.errors).toBeUndefined();
    const created = response.data!.createFeedToken;
    expect(created.token).toMatch(/^pypefeed_[A-Za-z0-9_-]{43}$/);
    expect(created.calendarUrl).toBe(`https://pype.example.edu/calendar/migrations.ics?token=${created.token}`);
    expect(created.feedToken).toMatchObject({ name: 'Outlook', tokenPrefix: created.token.slice(0, 12), lastUsedAt: null, revokedAt: null });
    const stored = await service.dataSource.query<{ token_hash: string }[]>('SELECT token_hash FROM feed_tokens WHERE id = $1', [created.feedToken.id]);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.token);
  });

  it("lists only the caller's tokens, paged, and revokes them; others' ids are unknown", async () => {
    const second = (await service.gql(CREATE, { name: 'Phone' }, developer)).data!.createFeedToken;
    const mine = await service.gql(LIST, { first: 1 }, developer);
    expect(mine.data!.feedTokens.totalCount).toBe(2);
    expect(mine.data!.feedTokens.edges.map((edge: any) => edge.node.name)).toEqual(['Phone']);
    const next = await service.gql(LIST, { first: 1, after: mine.data!.feedTokens.pageInfo.endCursor }, developer);
    expect(next.data!.feedTokens.edges.map((edge: any) => edge.node.name)).toEqual(['Outlook']);
    expect((await service.gql(LIST, {}, other)).data!.feedTokens.totalCount).toBe(0);

    const stranger = await service.gql(REVOKE, { id: second.feedToken.id }, other);
    expect(errorCode(stranger)).toBe('NOT_FOUND');
    const revoked = await service.gql(REVOKE, { id: second.feedToken.id }, developer);
    expect(revoked.data!.revokeFeedToken.revokedAt).not.toBeNull();
  });

  it('refuses anonymous callers, the bootstrap admin (no user), and bad names', async () => {
    expect(errorCode(await service.gql(CREATE, { name: 'x' }, null))).toBe('UNAUTHENTICATED');
    const bootstrap = await service.gql(CREATE, { name: 'x' }, BOOTSTRAP_TOKEN);
    expect(errorCode(bootstrap)).toBe('BAD_USER_INPUT');
    const blank = await service.gql(CREATE, { name: '   ' }, developer);
    expect(errorCode(blank)).toBe('BAD_USER_INPUT');
    expect(blank.errors![0].extensions!.field).toMatch(/name/);
  });

  it('is refused as an API token with a message that says what it is, and changes nothing', async () => {
    const feedToken = (await service.gql(CREATE, { name: 'Misused' }, developer)).data!.createFeedToken.token;
    const before = await service.dataSource.query('SELECT count(*)::int AS n FROM feed_tokens');
    const asApiToken = await service.gql(CREATE, { name: 'sneaky' }, feedToken);
    expect(errorCode(asApiToken)).toBe('UNAUTHENTICATED');
    expect(asApiToken.errors![0].message).toContain('This is a feed token');
    expect(asApiToken.data ?? null).toBeNull();
    expect(await service.dataSource.query('SELECT count(*)::int AS n FROM feed_tokens')).toEqual(before);
    const query = await service.gql(`{ me { label } }`, {}, feedToken);
    expect(errorCode(query)).toBe('UNAUTHENTICATED');

    const sbom = await fetch(`${service.url}/exports/applications/any/sbom.cdx.json`, { headers: { authorization: `Bearer ${feedToken}` } });
    expect(sbom.status).toBe(401);
    expect(((await sbom.json()) as any).message).toContain('This is a feed token');
  });
});
