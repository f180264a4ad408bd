/**
 * Issue 9 fault: a real HTTP receiver answers 500, then lets requests time out, then recovers.
 * Every webhook arrives once (by its X-PyPE-Delivery id, the same on every retry), every
 * signature verifies, and every attempt is recorded. Redirects are not followed; a deleted
 * webhook's delivery is a dead letter at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../src/deliveries/delivery-queue';
import type { WebhookBody, WebhookDeliveryRequest } from '../../src/deliveries/delivery-request';
import { verifyWebhookSignature } from '../../src/deliveries/webhook-signature';
import { createCallers, dataOf, type CallerName } from '../applications/support';
import { eventually } from '../setup/eventually';
import { startTestService, type TestService } from '../setup/test-app';
import { milestoneWebhookRequest as request, startWebhookReceiver, type WebhookReceiver } from './receivers';

const SECRET = 'receiver-shares-this-secret';
const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`;
const DELETE = `mutation($id: ID!) { deleteWebhook(id: $id) { id } }`;

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

describe('webhook deliveries against a receiver that fails, times out, then recovers', () => {
  let receiver: WebhookReceiver;
  let service: TestService;
  let tokens: Record<CallerName, string | null>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver('error500');
    service = await startTestService({
      env: {
        DELIVERY_RETRY_LIMIT: '10',
        DELIVERY_RETRY_DELAY_SECONDS: '1',
        DELIVERY_RETRY_DELAY_MAX_SECONDS: '2',
        DELIVERY_POLL_INTERVAL_MS: '500',
        WEBHOOK_TIMEOUT_MS: '300',
      },
    });
    tokens = await createCallers(service);
  });
  afterAll(async () => {
    await service?.close();
    await receiver?.close();
  });

  const createWebhook = async (url: string) =>
    dataOf(await service.gql(CREATE, { input: { group: 'team-a', url, secret: SECRET } }, tokens.groupOwner)).createWebhook.id as string;
  const enqueue = (requests: WebhookDeliveryRequest[]) =>
    service.dataSource.transaction((manager) => service.app.get(DeliveryQueue).enqueue(manager, requests));
  const deliveries = (ids?: string[]) =>
    service.dataSource.query<DeliveryRow[]>(
      `SELECT id, status, attempts, last_error FROM notice_deliveries WHERE channel = 'WEBHOOK' AND ($1::uuid[] IS NULL OR id = ANY($1)) ORDER BY id`,
      [ids ?? null],
    );

  it('delivers each webhook once, signed, after 500s and timeouts', async () => {
    const webhookId = await createWebhook(receiver.url);
    await enqueue(Array.from({ length: 4 }, (_, index) => request(webhookId, index)));

    const failedOnce = await eventually(deliveries, (rows) => rows.length === 4 && rows.every((row) => row.attempts >= 1), 30_000);
    expect(failedOnce.every((row) => row.status === 'RETRYING' && /answered 500/.test(row.last_error ?? ''))).toBe(true);

    receiver.behaviour = 'hang';
    const timedOut = await eventually(deliveries, (rows) => rows.every((row) => /no answer within 300 ms/.test(row.last_error ?? '')), 30_000);
    expect(timedOut.every((row) => row.status === 'RETRYING')).toBe(true);
    expect(receiver.received).toEqual([]);

    receiver.behaviour = 'ok';
    const sent = await eventually(deliveries, (rows) => rows.every((row) => row.status === 'SENT'), 60_000);
    expect(sent.map((row) => row.status)).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);

    // Once each, by delivery id; the body's id is the header's; every signature verifies.
    const byDelivery = receiver.received.map((hook) => hook.headers['x-pype-delivery']).sort();
    expect(byDelivery).toEqual(sent.map((row) => row.id));
    const now = Math.floor(service.clock.now().getTime() / 1000);
    for (const hook of receiver.received) {
      expect(verifyWebhookSignature(hook.headers['x-pype-signature'], SECRET, hook.rawBody, now)).toMatchObject({ valid: true });
      const body = JSON.parse(hook.rawBody) as WebhookBody;
      expect(hook.headers['x-pype-event']).toBe('notice.milestone');
      expect(hook.headers['content-type']).toBe('application/json');
      expect(body).toMatchObject({
        id: hook.headers['x-pype-delivery'],
        event: 'notice.milestone',
        occurredAt: service.clock.now().toISOString(),
        milestoneDays: 90,
      });
      expect(body.release).toEqual({ version: '36.11.0', endOfSupport: '2020-03-31', migrationTarget: '37.22.0' });
      expect(body.applications[0]).toMatchObject({ group: 'team-a', department: 'Registrar', environments: ['PROD'] });
    }

    // Every attempt recorded with its outcome: 500s, timeouts, then one success each.
    const attempts = await service.dataSource.query<
      { delivery_id: string; outcome: string; response_status: number | null; error: string | null; target: string }[]
    >(`SELECT delivery_id, outcome, response_status, error, target FROM notice_delivery_attempts WHERE channel = 'WEBHOOK' ORDER BY id`);
    for (const row of sent) {
      const mine = attempts.filter((attempt) => attempt.delivery_id === row.id);
      expect(mine.length).toBe(row.attempts);
      expect(mine[0]).toMatchObject({ outcome: 'FAILURE', response_status: 500, target: receiver.url });
      expect(mine.some((attempt) => attempt.outcome === 'FAILURE' && attempt.response_status === null && /no answer/.test(attempt.error ?? ''))).toBe(true);
      expect(mine.at(-1)).toMatchObject({ outcome: 'SUCCESS', response_status: 204, error: null });
      expect(mine.filter((attempt) => attempt.outcome === 'SUCCESS')).toHaveLength(1);
    }
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    receiver.behaviour = 'redirect';
    const before = receiver.received.length;
    const webhookId = await createWebhook(`${receiver.url}?redirected=1`);
    await enqueue([request(webhookId, 10)]);
    const [row] = await eventually(
      () => service.dataSource.query<DeliveryRow[]>(`SELECT id, status, attempts, last_error FROM notice_deliveries WHERE webhook_id = $1`, [webhookId]),
      (rows) => rows[0]?.attempts >= 1,
      30_000,
    );
    expect(row).toMatchObject({ status: 'RETRYING', last_error: expect.stringContaining('answered 307 (redirects are not followed)') });
    expect(receiver.received.length).toBe(before);
    receiver.behaviour = 'ok';
    await eventually(
      () => deliveries([row.id]),
      (rows) => rows[0].status === 'SENT',
      30_000,
    );
  });

  it('makes a dead letter at once of a delivery whose webhook was deleted', async () => {
    receiver.behaviour = 'error500';
    const webhookId = await createWebhook(`${receiver.url}?deleted=1`);
    await enqueue([request(webhookId, 20)]);
    const [pending] = await eventually(
      () => service.dataSource.query<DeliveryRow[]>(`SELECT id, status, attempts, last_error FROM notice_deliveries WHERE webhook_id = $1`, [webhookId]),
      (rows) => rows[0]?.attempts >= 1,
      30_000,
    );
    dataOf(await service.gql(DELETE, { id: webhookId }, tokens.groupOwner));
    receiver.behaviour = 'ok';
    const [dead] = await eventually(
      () => deliveries([pending.id]),
      (rows) => rows[0].status === 'DEAD',
      30_000,
    );
    expect(dead.last_error).toBe('the webhook was deleted');
  });
});
