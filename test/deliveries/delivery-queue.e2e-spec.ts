/**
 * DeliveryQueue.enqueue: the delivery rows and their pg-boss jobs are written in the caller's
 * transaction: both commit with it, and neither survives its rollback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../src/deliveries/delivery-queue';
import type { DeliveryRequest } from '../../src/deliveries/delivery-request';
import { startTestService, type TestService } from '../setup/test-app';

const EMAIL: DeliveryRequest = { channel: 'EMAIL', to: 'dev@example.edu', subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' };

describe('DeliveryQueue.enqueue', () => {
  let service: TestService;
  // No worker: these tests look at what is queued, not at what is sent.
  beforeAll(async () => {
    service = await startTestService({ env: { DELIVERY_CONCURRENCY: '0' } });
  });
  afterAll(async () => {
    await service?.close();
  });

  const counts = async () => {
    const [row] = await service.dataSource.query<{ deliveries: number; jobs: number }[]>(
      `SELECT (SELECT count(*)::int FROM notice_deliveries) AS deliveries,
              (SELECT count(*)::int FROM pgboss.job WHERE name = 'notice-deliveries') AS jobs`,
    );
    return row;
  };

  it('records the deliveries and their jobs with the transaction', async () => {
    const queue = service.app.get(DeliveryQueue);
    const queued = await service.dataSource.transaction((manager) => queue.enqueue(manager, [EMAIL, { ...EMAIL, to: 'other@example.edu' }]));
    expect(queued).toBe(2);
    expect(await counts()).toEqual({ deliveries: 2, jobs: 2 });
    const rows = await service.dataSource.query<{ status: string; target: string; job_id: string | null }[]>(
      `SELECT status, target, job_id FROM notice_deliveries ORDER BY target`,
    );
    expect(rows.map((row) => [row.status, row.target, row.job_id !== null])).toEqual([
      ['QUEUED', 'dev@example.edu', true],
      ['QUEUED', 'other@example.edu', true],
    ]);
  });

  it('leaves neither rows nor jobs when the transaction rolls back', async () => {
    const queue = service.app.get(DeliveryQueue);
    const before = await counts();
    await expect(
      service.dataSource.transaction(async (manager) => {
        await queue.enqueue(manager, [EMAIL]);
        throw new Error('the sweep failed after queueing');
      }),
    ).rejects.toThrow('the sweep failed after queueing');
    expect(await counts()).toEqual(before);
  });

  it('refuses a manager outside a transaction', async () => {
    const queue = service.app.get(DeliveryQueue);
    await expect(queue.enqueue(service.dataSource.manager, [EMAIL])).rejects.toThrow('running transaction');
  });
});
