/**
 * Issue 9 fault: a real SMTP server refuses connections for a while, then accepts. Every e-mail
 * arrives exactly once, with the right recipient and subject; every attempt is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../src/deliveries/delivery-queue';
import type { EmailDeliveryRequest } from '../../src/deliveries/delivery-request';
import { eventually } from '../setup/eventually';
import { startTestService, type TestService } from '../setup/test-app';
import { startSmtpSink, type SmtpSink } from './receivers';

const RETRIES_FAST = { DELIVERY_RETRY_LIMIT: '8', DELIVERY_RETRY_DELAY_SECONDS: '1', DELIVERY_RETRY_DELAY_MAX_SECONDS: '2', DELIVERY_POLL_INTERVAL_MS: '500' };

interface DeliveryRow {
  id: string;
  target: string;
  status: string;
  attempts: number;
}

describe('e-mail deliveries against an SMTP server that refuses, then accepts', () => {
  let smtp: SmtpSink;
  let service: TestService;

  beforeAll(async () => {
    smtp = await startSmtpSink({ refusing: true });
    service = await startTestService({ env: { ...RETRIES_FAST, SMTP_URL: smtp.url, NOTICE_FROM: 'PyPE <pype@example.edu>' } });
  });
  afterAll(async () => {
    await service?.close();
    await smtp?.close();
  });

  const deliveries = () => service.dataSource.query<DeliveryRow[]>(`SELECT id, target, status, attempts FROM notice_deliveries ORDER BY target`);

  it('delivers every e-mail once after the refusals, recording each failed attempt', async () => {
    const emails: EmailDeliveryRequest[] = Array.from({ length: 6 }, (_, index) => ({
      channel: 'EMAIL',
      to: `dev${index}@example.edu`,
      subject: `[PyPE] 36.11.0 loses support on 2020-03-31: notice ${index}`,
      text: `notice ${index}`,
      html: `<p>notice ${index}</p>`,
    }));
    const queue = service.app.get(DeliveryQueue);
    await service.dataSource.transaction((manager) => queue.enqueue(manager, emails));

    // Every delivery fails at least once while the server refuses.
    const failed = await eventually(deliveries, (rows) => rows.every((row) => row.attempts >= 1), 30_000);
    expect(failed.every((row) => row.attempts >= 1 && row.status === 'RETRYING')).toBe(true);
    expect(smtp.refused).toBeGreaterThanOrEqual(1);
    expect(smtp.received).toEqual([]);

    smtp.refusing = false;
    const sent = await eventually(deliveries, (rows) => rows.every((row) => row.status === 'SENT'), 60_000);
    expect(sent.map((row) => row.status)).toEqual(emails.map(() => 'SENT'));

    // Exactly once each, to the right person with the right subject.
    const received = [...smtp.received].sort((a, b) => a.to[0].localeCompare(b.to[0]));
    expect(received.map(({ to, subject, from }) => ({ to, subject, from }))).toEqual(
      emails.map((email) => ({ to: [email.to], subject: email.subject, from: 'pype@example.edu' })),
    );

    // Every attempt is recorded: the failures with the server's refusal, then one success.
    const attempts = await service.dataSource.query<{ delivery_id: string; outcome: string; error: string | null; channel: string; target: string }[]>(
      `SELECT delivery_id, outcome, error, channel, target FROM notice_delivery_attempts ORDER BY id`,
    );
    for (const row of sent) {
      const mine = attempts.filter((attempt) => attempt.delivery_id === row.id);
      expect(mine.length).toBe(row.attempts);
      expect(mine.at(-1)).toMatchObject({ outcome: 'SUCCESS', error: null, channel: 'EMAIL', target: row.target });
      expect(mine.slice(0, -1).every((attempt) => attempt.outcome === 'FAILURE' && /421|not available/i.test(attempt.error ?? ''))).toBe(true);
      expect(mine.length).toBeGreaterThanOrEqual(2);
    }
  });
});
