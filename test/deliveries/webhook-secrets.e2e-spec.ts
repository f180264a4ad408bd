/**
 * Webhook secrets at rest: with WEBHOOK_SECRET_KEY set, a new webhook's secret is stored sealed,
 * secrets stored before are sealed when the service starts, and deliveries are still signed with
 * the secret the receiver knows. Without the key, a sealed secret cannot be used: the delivery
 * is a dead letter that says why, and nothing reaches the receiver unsigned or wrongly signed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DeliveryQueue } from '../../src/deliveries/delivery-queue';
import { verifyWebhookSignature } from '../../src/deliveries/webhook-signature';
import { createCallers, dataOf } from '../applications/support';
import { eventually } from '../setup/eventually';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';
import { milestoneWebhookRequest, startWebhookReceiver, type WebhookReceiver } from './receivers';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`;
const KEY = randomBytes(32).toString('base64');
const FAST_DELIVERY = { DELIVERY_RETRY_LIMIT: '0', DELIVERY_POLL_INTERVAL_MS: '500' };

describe('webhook secrets at rest', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  let receiver: WebhookReceiver;
  let service: TestService | null = null;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl);
    receiver = await startWebhookReceiver('ok');
  });
  afterAll(async () => {
    await service?.close();
    await receiver?.close();
    await dropTestDatabase(serverUrl, databaseUrl);
  });

  /** Stops the running service and starts one on the same database with `env`. */
  async function restart(env: Record<string, string>): Promise<TestService> {
    await service?.close();
    service = await startTestService({ databaseUrl, env: { ...FAST_DELIVERY, ...env } });
    return service;
  }

  const stored = async (running: TestService, id: string) =>
    (await running.dataSource.query<{ secret: string; sealed: boolean }[]>('SELECT secret, secret_sealed AS sealed FROM webhooks WHERE id = $1', [id]))[0];

  /** Queues one delivery to the webhook and waits until it is SENT or DEAD. */
  async function deliver(running: TestService, webhookId: string): Promise<{ status: string; last_error: string | null }> {
    await running.dataSource.query('DELETE FROM notice_deliveries WHERE webhook_id = $1', [webhookId]);
    await running.dataSource.transaction((manager) => running.app.get(DeliveryQueue).enqueue(manager, [milestoneWebhookRequest(webhookId, 1)]));
    const rows = await eventually(
      () =>
        running.dataSource.query<{ status: string; last_error: string | null }[]>('SELECT status, last_error FROM notice_deliveries WHERE webhook_id = $1', [
          webhookId,
        ]),
      (found) => found[0]?.status === 'SENT' || found[0]?.status === 'DEAD',
      30_000,
    );
    return rows[0];
  }

  const lastSignatureVerifiesWith = (running: TestService, secret: string) => {
    const hook = receiver.received.at(-1)!;
    return verifyWebhookSignature(hook.headers['x-pype-signature'], secret, hook.rawBody, Math.floor(running.clock.now().getTime() / 1000)).valid;
  };

  let storedBeforeTheKey: string;
  let madeWithTheKey: string;

  it('stores secrets as given without a key (as before)', async () => {
    const running = await restart({});
    const tokens = await createCallers(running);
    storedBeforeTheKey = dataOf(
      await running.gql(CREATE, { input: { group: 'team-a', url: receiver.url, secret: 'secret-from-before-the-key' } }, tokens.groupOwner),
    ).createWebhook.id;
    expect(await stored(running, storedBeforeTheKey)).toEqual({ secret: 'secret-from-before-the-key', sealed: false });
  });

  it('seals the secrets stored before when it starts with a key, and still signs with them', async () => {
    const running = await restart({ WEBHOOK_SECRET_KEY: KEY });
    const row = await stored(running, storedBeforeTheKey);
    expect(row.sealed).toBe(true);
    expect(row.secret).not.toContain('secret-from-before-the-key');
    expect(await deliver(running, storedBeforeTheKey)).toMatchObject({ status: 'SENT' });
    expect(lastSignatureVerifiesWith(running, 'secret-from-before-the-key')).toBe(true);
  });

  it('seals a new webhook secret as it is made, and signs its deliveries with the secret the receiver knows', async () => {
    const running = service!;
    madeWithTheKey = dataOf(await running.gql(CREATE, { input: { group: 'team-a', url: receiver.url, secret: 'secret-made-with-the-key' } }, BOOTSTRAP_TOKEN))
      .createWebhook.id;
    const row = await stored(running, madeWithTheKey);
    expect(row.sealed).toBe(true);
    expect(row.secret).not.toContain('secret-made-with-the-key');
    expect(await deliver(running, madeWithTheKey)).toMatchObject({ status: 'SENT' });
    expect(lastSignatureVerifiesWith(running, 'secret-made-with-the-key')).toBe(true);
  });

  it('sends nothing for a sealed secret when the key is missing, and says why', async () => {
    const running = await restart({});
    const before = receiver.received.length;
    const outcome = await deliver(running, madeWithTheKey);
    expect(outcome.status).toBe('DEAD');
    expect(outcome.last_error).toMatch(/sealed and WEBHOOK_SECRET_KEY is not set/);
    expect(receiver.received.length).toBe(before);
  });
});
