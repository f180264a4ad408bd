/**
 * With WEBHOOK_PRIVATE_ADDRESSES=deny (production's default) a webhook cannot be pointed at this
 * machine, the private networks around it or the cloud metadata address: createWebhook refuses
 * such a URL (nothing stored), and a webhook that reaches one anyway (made while allowed, or a
 * host name that now resolves elsewhere) is never connected to: its delivery fails, and the
 * receiver hears nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../src/deliveries/delivery-queue';
import { createCallers, failure, type CallerName } from '../applications/support';
import { eventually } from '../setup/eventually';
import { startTestService, type TestService } from '../setup/test-app';
import { milestoneWebhookRequest, startWebhookReceiver, type WebhookReceiver } from './receivers';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`;
const SECRET = 'receiver-shares-this-secret';

describe('webhooks and private addresses', () => {
  let receiver: WebhookReceiver;
  let service: TestService;
  let tokens: Record<CallerName, string | null>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver('ok');
    service = await startTestService({
      env: { WEBHOOK_PRIVATE_ADDRESSES: 'deny', DELIVERY_RETRY_LIMIT: '0', DELIVERY_POLL_INTERVAL_MS: '500' },
    });
    tokens = await createCallers(service);
  });
  afterAll(async () => {
    await service?.close();
    await receiver?.close();
  });

  const webhookCount = async () => (await service.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM webhooks'))[0].n;

  it.each([
    ['a loopback address', () => receiver.url, /127\.0\.0\.1, a loopback, private or reserved address/],
    ['a host name that resolves to loopback', () => receiver.url.replace('127.0.0.1', 'localhost'), /'localhost' is .*loopback, private or reserved/],
    ['IPv6 loopback', () => 'http://[::1]:8080/hook', /::1, a loopback/],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254/],
    ['a private network', () => 'https://10.20.30.40/hook', /10\.20\.30\.40/],
  ])('refuses %s when creating a webhook, storing nothing', async (_what, url, message) => {
    const before = await webhookCount();
    const response = await service.gql(CREATE, { input: { group: 'team-a', url: url(), secret: SECRET } }, tokens.groupOwner);
    expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(response.errors?.[0].message).toMatch(message);
    expect(response.errors?.[0].message).toMatch(/WEBHOOK_PRIVATE_ADDRESSES=allow/);
    expect(await webhookCount()).toBe(before);
  });

  it('never connects to a private address at delivery time, by literal address or by host name', async () => {
    const [{ id: groupId }] = await service.dataSource.query<{ id: string }[]>(`SELECT id FROM groups WHERE slug = 'team-a'`);
    const stored = await service.dataSource.query<{ id: string }[]>(
      `INSERT INTO webhooks (group_id, url, secret, created_by, created_at) VALUES ($1, $2, $4, 'test', now()), ($1, $3, $4, 'test', now()) RETURNING id`,
      [groupId, receiver.url, receiver.url.replace('127.0.0.1', 'localhost'), SECRET],
    );
    await service.dataSource.transaction((manager) =>
      service.app.get(DeliveryQueue).enqueue(
        manager,
        stored.map((row, index) => milestoneWebhookRequest(row.id, index)),
      ),
    );
    const rows = await eventually(
      () =>
        service.dataSource.query<{ status: string; last_error: string | null }[]>(`SELECT status, last_error FROM notice_deliveries WHERE channel = 'WEBHOOK'`),
      (found) => found.length === 2 && found.every((row) => row.status === 'DEAD'),
      30_000,
    );
    expect(rows.map((row) => row.status)).toEqual(['DEAD', 'DEAD']);
    expect(rows.map((row) => row.last_error).sort()).toEqual([
      expect.stringMatching(/refused: 127\.0\.0\.1 is a loopback, private or reserved address/),
      expect.stringMatching(/refused: localhost resolves to .*no public address/),
    ]);
    expect(receiver.received).toEqual([]);
    expect(receiver.answered.ok).toBe(0);
  });
});
