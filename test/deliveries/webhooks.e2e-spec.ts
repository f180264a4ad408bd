/**
 * Webhooks through GraphQL: who may create, list and delete them (owners of the group and
 * admins; members list), that the secret is never returned, the audit trail, and every bad input
 * (scheme, credentials, a host that does not resolve, short or empty secret, unknown group): a
 * clear error naming the field, and nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../setup/test-app';
import { CALLERS, createCallers, dataOf, failure, gqlOk, type CallerName } from '../applications/support';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id url createdBy group { slug } } }`;
const DELETE = `mutation($id: ID!) { deleteWebhook(id: $id) { id url } }`;
const LIST = `query($group: String!, $first: Int, $after: String) { webhooks(group: $group, first: $first, after: $after) { totalCount edges { node { id url } } pageInfo { hasNextPage endCursor } } }`;
const SECRET = 'a-long-enough-shared-secret';
const URL_OK = 'http://127.0.0.1:9/hooks/pype';

describe('webhooks', () => {
  let service: TestService;
  let tokens: Record<CallerName, string | null>;

  beforeAll(async () => {
    service = await startTestService({ env: { DELIVERY_CONCURRENCY: '0' } });
    tokens = await createCallers(service);
  });
  afterAll(async () => {
    await service?.close();
  });

  /** Every row the webhook mutations write. */
  const state = async () =>
    service.dataSource.query<{ webhooks: string; audit: string }[]>(
      `SELECT (SELECT coalesce(json_agg(w ORDER BY w.id), '[]')::text FROM webhooks w) AS webhooks,
              (SELECT count(*)::text FROM inventory_audit_events) AS audit`,
    );

  it('lets owners of the group and admins create, and refuses everyone else without changing anything', async () => {
    const expected: Record<CallerName, string> = {
      anonymous: 'UNAUTHENTICATED',
      admin: 'OK',
      managerOfAll: 'FORBIDDEN',
      managerOfRegistrar: 'FORBIDDEN',
      managerOfLibrary: 'FORBIDDEN',
      developerInGroup: 'FORBIDDEN',
      developerInOtherGroup: 'FORBIDDEN',
      groupOwner: 'OK',
      memberWithoutRole: 'FORBIDDEN',
      userWithNothing: 'FORBIDDEN',
    };
    for (const caller of CALLERS) {
      const before = await state();
      const response = await service.gql(CREATE, { input: { group: 'team-a', url: `${URL_OK}?by=${caller}`, secret: SECRET } }, tokens[caller]);
      if (expected[caller] === 'OK') {
        expect(dataOf(response).createWebhook).toMatchObject({ url: `${URL_OK}?by=${caller}`, group: { slug: 'team-a' } });
      } else {
        expect([caller, failure(response).code]).toEqual([caller, expected[caller]]);
        expect(await state()).toEqual(before);
      }
    }
  });

  it('never returns the secret: the Webhook type has no field for it', async () => {
    const data = await gqlOk(service, `{ __type(name: "Webhook") { fields { name } } }`);
    expect(data.__type.fields.map((field: { name: string }) => field.name).sort()).toEqual(['createdAt', 'createdBy', 'group', 'id', 'url']);
  });

  it.each([
    ['a scheme other than http(s)', { url: 'ftp://127.0.0.1/hook' }, 'BAD_USER_INPUT', 'url', /http:\/\/ or https:\/\//],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'BAD_USER_INPUT', 'url', /http:\/\/ or https:\/\//],
    ['credentials in the URL', { url: 'https://user:password@127.0.0.1/hook' }, 'BAD_USER_INPUT', 'url', /credentials/],
    ['a host that does not resolve', { url: 'https://hooks.does-not-exist.invalid/pype' }, 'BAD_USER_INPUT', 'url', /does not resolve/],
    ['not a URL', { url: 'hooks.example.edu/pype' }, 'BAD_USER_INPUT', 'url', /is not a URL/],
    ['an empty secret', { secret: '' }, 'BAD_USER_INPUT', 'secret', /must not be empty/],
    ['a short secret', { secret: 'too-short' }, 'BAD_USER_INPUT', 'secret', /at least 16 characters/],
    ['an unknown group', { group: 'no-such-group' }, 'NOT_FOUND', 'group', /no-such-group/],
  ])('refuses %s with a clear error naming the field, changing nothing', async (_what, change, code, field, message) => {
    const before = await state();
    const response = await service.gql(CREATE, { input: { group: 'team-a', url: URL_OK, secret: SECRET, ...change } }, tokens.groupOwner);
    expect(failure(response)).toEqual({ code, field });
    expect(response.errors?.[0].message).toMatch(message);
    expect(response.data ?? null).toBeNull();
    expect(await state()).toEqual(before);
  });

  it('refuses a group the caller does not own, even with a good URL and secret', async () => {
    const before = await state();
    const response = await service.gql(CREATE, { input: { group: 'team-b', url: URL_OK, secret: SECRET } }, tokens.groupOwner);
    expect(failure(response).code).toBe('FORBIDDEN');
    expect(response.errors?.[0].message).toMatch(/Only owners of team-b and admins/);
    expect(await state()).toEqual(before);
  });

  it('lists a group to its members and admins, paged, and refuses others', async () => {
    const first = dataOf(await service.gql(LIST, { group: 'team-a', first: 1 }, tokens.memberWithoutRole)).webhooks;
    expect(first.totalCount).toBe(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await service.gql(LIST, { group: 'team-a', first: 1, after: first.pageInfo.endCursor }, tokens.admin)).webhooks;
    expect(second.edges).toHaveLength(1);
    expect(second.edges[0].node.id).not.toBe(first.edges[0].node.id);
    expect(failure(await service.gql(LIST, { group: 'team-a' }, tokens.developerInOtherGroup)).code).toBe('FORBIDDEN');
    expect(failure(await service.gql(LIST, { group: 'team-a' }, null)).code).toBe('UNAUTHENTICATED');
  });

  it('deletes for owners of the group and admins, and records creation and deletion in the audit log', async () => {
    const created = dataOf(await service.gql(CREATE, { input: { group: 'team-a', url: URL_OK, secret: SECRET } }, tokens.groupOwner)).createWebhook;
    const before = await state();
    expect(failure(await service.gql(DELETE, { id: created.id }, tokens.developerInOtherGroup)).code).toBe('FORBIDDEN');
    expect(failure(await service.gql(DELETE, { id: 'not-an-id' }, tokens.groupOwner))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(failure(await service.gql(DELETE, { id: '00000000-0000-4000-8000-000000000000' }, tokens.groupOwner))).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect(await state()).toEqual(before);

    expect(dataOf(await service.gql(DELETE, { id: created.id }, tokens.groupOwner)).deleteWebhook).toEqual({ id: created.id, url: URL_OK });
    const events = await service.dataSource.query<{ action: string; subject_slug: string; actor_label: string; before: unknown; after: unknown }[]>(
      `SELECT action, subject_slug, actor_label, before, after FROM inventory_audit_events WHERE action LIKE 'WEBHOOK_%' ORDER BY id`,
    );
    expect(events.at(-2)).toMatchObject({
      action: 'WEBHOOK_CREATED',
      subject_slug: 'team-a',
      actor_label: 'owner-a@example.edu',
      after: { webhookId: created.id, url: URL_OK },
    });
    expect(events.at(-1)).toMatchObject({
      action: 'WEBHOOK_DELETED',
      subject_slug: 'team-a',
      actor_label: 'owner-a@example.edu',
      before: { webhookId: created.id, url: URL_OK },
    });
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });
});
