/**
 * API token lookups are remembered for a few seconds (AUTH_CACHE_TTL_MS): a revocation, a
 * disabled user or a changed membership must still take effect at once on this replica, as soon
 * as the database's notification arrives for a write made elsewhere, and at the latest after the
 * time to live if that notification were lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { disconnectListenersOn } from '../../src/common/database/revision-listener';
import { createApplication, createGroup, dataOf } from '../applications/support';
import { eventually } from '../setup/eventually';
import { BOOTSTRAP_TOKEN, errorCode, startTestService, type TestService } from '../setup/test-app';

const TTL_MS = 3_000;
const ME = '{ me { label } }';
const SLUGS = '{ applications(first: 50) { totalCount edges { node { slug } } } }';

describe('remembered token lookups', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ env: { AUTH_CACHE_TTL_MS: String(TTL_MS) } });
  });
  afterAll(async () => service.close());

  const tokenIdOf = async (email: string): Promise<string> =>
    (await service.dataSource.query<{ id: string }[]>('SELECT t.id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1', [email]))[0].id;

  it('refuses a token revoked through the API on the very next request', async () => {
    const token = await service.tokenFor([Role.DEVELOPER], 'revoked@example.edu');
    expect(dataOf(await service.gql(ME, {}, token)).me.label).toBe('revoked@example.edu');
    const id = await tokenIdOf('revoked@example.edu');
    dataOf(await service.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id }, BOOTSTRAP_TOKEN));
    expect(errorCode(await service.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token of a user disabled through the API on the very next request', async () => {
    const token = await service.tokenFor([Role.DEVELOPER], 'disabled@example.edu');
    expect(dataOf(await service.gql(ME, {}, token)).me.label).toBe('disabled@example.edu');
    const [{ id }] = await service.dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE email = 'disabled@example.edu'`);
    dataOf(await service.gql(`mutation($id: ID!) { setUserDisabled(userId: $id, disabled: true) { id } }`, { id }, BOOTSTRAP_TOKEN));
    expect(errorCode(await service.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('shows a member who left a group none of its applications on the next request', async () => {
    const token = await service.tokenFor([Role.DEVELOPER], 'leaver@example.edu');
    await createGroup(service, 'leavers', [], ['leaver@example.edu']);
    await createApplication(service, { slug: 'left-behind', group: 'leavers' });
    expect(dataOf(await service.gql(SLUGS, {}, token)).applications.totalCount).toBe(1);
    dataOf(await service.gql(`mutation { removeGroupMember(group: "leavers", email: "leaver@example.edu") { slug } }`, {}, BOOTSTRAP_TOKEN));
    expect(dataOf(await service.gql(SLUGS, {}, token)).applications.totalCount).toBe(0);
  });

  it('refuses a token revoked by another replica or tool once the database notifies, long before the time to live', async () => {
    const token = await service.tokenFor([Role.DEVELOPER], 'elsewhere@example.edu');
    expect(dataOf(await service.gql(ME, {}, token)).me.label).toBe('elsewhere@example.edu');
    const startedAt = Date.now();
    await service.dataSource.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [await tokenIdOf('elsewhere@example.edu')]);
    const after = await eventually(
      () => service.gql(ME, {}, token),
      (response) => errorCode(response) === 'UNAUTHENTICATED',
    );
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(Date.now() - startedAt).toBeLessThan(TTL_MS);
  });

  it('answers a remembered lookup at most for the time to live when a change goes unnoticed', async () => {
    // A write the replica is not told about (as if the notification were lost).
    const revokeUnnoticed = (id: string) =>
      service.dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE api_tokens DISABLE TRIGGER api_tokens_access_changed');
        await manager.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [id]);
        await manager.query('ALTER TABLE api_tokens ENABLE TRIGGER api_tokens_access_changed');
      });
    // The notification of the token's own creation may arrive after the first lookup and empty
    // the cache; on a busy machine that can take a while, so try a few tokens.
    let shown: { token: string; revokedAt: number } | null = null;
    for (let attempt = 0; attempt < 5 && shown === null; attempt++) {
      const email = `unnoticed-${attempt}@example.edu`;
      const token = await service.tokenFor([Role.DEVELOPER], email);
      await new Promise((done) => setTimeout(done, 200));
      expect(dataOf(await service.gql(ME, {}, token)).me.label).toBe(email);
      await revokeUnnoticed(await tokenIdOf(email));
      const revokedAt = Date.now();
      // Still remembered: answered from memory (the round trip the cache saves).
      if (errorCode(await service.gql(ME, {}, token)) === undefined) shown = { token, revokedAt };
    }
    expect(shown, 'a revoked token answered from memory before its time to live ran out').not.toBeNull();
    const after = await eventually(
      () => service.gql(ME, {}, shown!.token),
      (response) => errorCode(response) === 'UNAUTHENTICATED',
      TTL_MS * 3,
    );
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(Date.now() - shown!.revokedAt).toBeLessThan(TTL_MS * 2);
  });

  it('answers nothing from memory while the notification connection is down', async () => {
    const token = await service.tokenFor([Role.DEVELOPER], 'offline@example.edu');
    expect(dataOf(await service.gql(ME, {}, token)).me.label).toBe('offline@example.edu');
    disconnectListenersOn(service.databaseUrl, 'test: notifications lost');
    await service.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE api_tokens DISABLE TRIGGER api_tokens_access_changed');
      await manager.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [await tokenIdOf('offline@example.edu')]);
      await manager.query('ALTER TABLE api_tokens ENABLE TRIGGER api_tokens_access_changed');
    });
    expect(errorCode(await service.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });
});
