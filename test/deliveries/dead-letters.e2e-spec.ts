/**
 * Dead letters and the admin API: a delivery whose last retry fails is DEAD, listed by
 * noticeDeliveries with every attempt, and resent by retryDelivery; without SMTP_URL e-mails are
 * recorded as NOT_SENT. Metrics count attempts by channel and outcome and the queue by status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { DeliveryQueue } from '../../src/deliveries/delivery-queue';
import type { EmailDeliveryRequest } from '../../src/deliveries/delivery-request';
import { dataOf, failure } from '../applications/support';
import { eventually } from '../setup/eventually';
import { startTestService, type TestService } from '../setup/test-app';
import { startSmtpSink, type SmtpSink } from './receivers';

const DELIVERIES = `query($filter: NoticeDeliveryFilterInput, $first: Int, $after: String) {
  noticeDeliveries(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id channel status target subject attemptCount lastError sentAt attempts { outcome error channel target attemptedAt durationMs } } }
  }
}`;
const RETRY = `mutation($id: ID!) { retryDelivery(id: $id) { id status attemptCount } }`;

const email = (to: string): EmailDeliveryRequest => ({ channel: 'EMAIL', to, subject: `Notice for ${to}`, text: 'text', html: '<p>html</p>' });

describe('dead letters, noticeDeliveries and retryDelivery', () => {
  let smtp: SmtpSink;
  let service: TestService;
  let admin: string;
  let developer: string;

  beforeAll(async () => {
    smtp = await startSmtpSink({ refusing: true });
    service = await startTestService({
      env: {
        SMTP_URL: smtp.url,
        DELIVERY_RETRY_LIMIT: '1',
        DELIVERY_RETRY_DELAY_SECONDS: '1',
        DELIVERY_RETRY_DELAY_MAX_SECONDS: '1',
        DELIVERY_POLL_INTERVAL_MS: '500',
      },
    });
    admin = await service.tokenFor([Role.ADMIN]);
    developer = await service.tokenFor([Role.DEVELOPER]);
    const queue = service.app.get(DeliveryQueue);
    await service.dataSource.transaction((manager) => queue.enqueue(manager, [email('ada@example.edu'), email('bob@example.edu')]));
  });
  afterAll(async () => {
    await service?.close();
    await smtp?.close();
  });

  const list = (variables: Record<string, unknown>, token = admin) => service.gql(DELIVERIES, variables, token);

  it('dead-letters a delivery after its last retry, and lists it with every attempt', async () => {
    const dead = await eventually(
      async () => dataOf(await list({ filter: { status: ['DEAD'] } })).noticeDeliveries,
      (connection) => connection.totalCount === 2,
      30_000,
    );
    expect(dead.edges).toHaveLength(2);
    for (const { node } of dead.edges) {
      // The first attempt and one retry (DELIVERY_RETRY_LIMIT=1), both refused.
      expect(node).toMatchObject({ channel: 'EMAIL', status: 'DEAD', attemptCount: 2, sentAt: null, lastError: expect.stringContaining('421') });
      expect(node.attempts.map((attempt: { outcome: string }) => attempt.outcome)).toEqual(['FAILURE', 'FAILURE']);
      expect(node.attempts[0]).toMatchObject({ channel: 'EMAIL', target: node.target, error: expect.stringContaining('421') });
    }
    expect(smtp.received).toEqual([]);
  });

  it('pages newest first and filters by channel; only admins may list', async () => {
    const first = dataOf(await list({ first: 1 })).noticeDeliveries;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await list({ first: 1, after: first.pageInfo.endCursor })).noticeDeliveries;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(new Set([first.edges[0].node.id, second.edges[0].node.id]).size).toBe(2);
    expect(dataOf(await list({ filter: { channel: 'WEBHOOK' } })).noticeDeliveries.totalCount).toBe(0);
    expect(failure(await list({}, developer)).code).toBe('FORBIDDEN');
    expect(failure(await service.gql(DELIVERIES, {}, null)).code).toBe('UNAUTHENTICATED');
    expect(failure(await list({ after: 'not-a-cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('resends a dead letter once the server accepts, with a fresh set of retries', async () => {
    const [target] = dataOf(await list({ filter: { status: ['DEAD'] } })).noticeDeliveries.edges.map((edge: { node: { id: string } }) => edge.node);
    expect(failure(await service.gql(RETRY, { id: target.id }, developer)).code).toBe('FORBIDDEN');
    smtp.refusing = false;
    expect(dataOf(await service.gql(RETRY, { id: target.id }, admin)).retryDelivery).toEqual({ id: target.id, status: 'QUEUED', attemptCount: 2 });
    const sent = await eventually(
      async () => dataOf(await list({ filter: { status: ['SENT'] } })).noticeDeliveries,
      (connection) => connection.totalCount === 1,
      30_000,
    );
    expect(sent.edges[0].node).toMatchObject({ id: target.id, status: 'SENT', attemptCount: 3, lastError: null });
    expect(sent.edges[0].node.attempts.map((attempt: { outcome: string }) => attempt.outcome)).toEqual(['FAILURE', 'FAILURE', 'SUCCESS']);
    expect(smtp.received.map((mail) => mail.to)).toEqual([[sent.edges[0].node.target]]);
    // The other one stays a dead letter until someone resends it.
    expect(dataOf(await list({ filter: { status: ['DEAD'] } })).noticeDeliveries.totalCount).toBe(1);
  });

  it('refuses to resend a sent delivery, an unknown id and a malformed one, changing nothing', async () => {
    const [sent] = dataOf(await list({ filter: { status: ['SENT'] } })).noticeDeliveries.edges;
    expect(failure(await service.gql(RETRY, { id: sent.node.id }, admin))).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(failure(await service.gql(RETRY, { id: '00000000-0000-4000-8000-000000000000' }, admin))).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect(failure(await service.gql(RETRY, { id: 'nope' }, admin))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(dataOf(await list({ filter: { status: ['SENT'] } })).noticeDeliveries.edges[0].node.attemptCount).toBe(3);
  });

  it('reports attempts by channel and outcome, and the queue by status, on /metrics', async () => {
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/pype_notice_delivery_attempts_total\{channel="EMAIL",outcome="FAILURE"\} 4/);
    expect(metrics).toMatch(/pype_notice_delivery_attempts_total\{channel="EMAIL",outcome="SUCCESS"\} 1/);
    expect(metrics).toMatch(/pype_notice_deliveries_total\{channel="EMAIL",status="DEAD"\} 2/);
    expect(metrics).toMatch(/pype_notice_delivery_queue\{status="DEAD"\} 1/);
    expect(metrics).toMatch(/pype_notice_delivery_queue\{status="QUEUED"\} 0/);
  });
});

describe('e-mail without SMTP_URL', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ env: { DELIVERY_POLL_INTERVAL_MS: '500' } });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('is recorded as NOT_SENT, with an attempt saying why', async () => {
    const queue = service.app.get(DeliveryQueue);
    await service.dataSource.transaction((manager) => queue.enqueue(manager, [email('carol@example.edu')]));
    const [row] = await eventually(
      () => service.dataSource.query<{ status: string; last_error: string }[]>(`SELECT status, last_error FROM notice_deliveries`),
      (rows) => rows[0]?.status !== 'QUEUED',
      30_000,
    );
    expect(row).toEqual({ status: 'NOT_SENT', last_error: 'SMTP_URL is not set' });
    const attempts = await service.dataSource.query<{ outcome: string }[]>(`SELECT outcome FROM notice_delivery_attempts`);
    expect(attempts).toEqual([{ outcome: 'NOT_SENT' }]);
  });
});
