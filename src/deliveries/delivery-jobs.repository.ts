import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PgBoss, type Db, type JobWithMetadata } from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { connectionPoolOf } from '../common/database/connection-pool';

/** pg-boss's own schema: it installs and migrates it itself on start (README "Notices: e-mail and webhooks"). */
export const PG_BOSS_SCHEMA = 'pgboss';
export const DELIVERY_QUEUE = 'notice-deliveries';
const SUPERVISE_INTERVAL_SECONDS = 10;
/** Jobs one worker takes per fetch and delivers side by side. */
const BATCH_SIZE = 10;

/** What a delivery job carries: only the id; the row holds the rest. */
export interface DeliveryJobData {
  deliveryId: string;
}

export interface DeliveryJobSettings {
  retryLimit: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** How long one attempt may hold a job before pg-boss gives it to another worker. */
  expireInSeconds: number;
}

export interface DeliveryWorkerSettings {
  pollingIntervalSeconds: number;
  concurrency: number;
}

export type DeliveryJob = JobWithMetadata<DeliveryJobData>;

/**
 * pg-boss executes its SQL through this: the caller's transaction, so the jobs commit or roll back
 * with the rows that describe them. TypeORM answers UPDATE with [rows, count] unless asked for the
 * structured result, so the query runner is asked for that.
 */
function executorOver(manager: EntityManager): Db {
  const runner = manager.queryRunner;
  if (!runner || !runner.isTransactionActive) {
    throw new Error('DeliveryQueue.enqueue needs the EntityManager of a running transaction');
  }
  return {
    executeSql: async (text, values) => ({ rows: (await runner.query(text, values as unknown[], true)).records ?? [] }),
  };
}

/**
 * The job table of the deliveries, which pg-boss owns (schema `pgboss`): pg-boss runs on the
 * app's own connection pool, inserts jobs in the caller's transaction, and retries with
 * exponential backoff and jitter.
 */
@Injectable()
export class DeliveryJobsRepository {
  private boss: PgBoss | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async start(settings: DeliveryJobSettings): Promise<void> {
    const pool = connectionPoolOf(this.dataSource);
    if (!pool) throw new Error('The database pool is not open');
    const boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) },
      schema: PG_BOSS_SCHEMA,
      migrate: true,
      createSchema: true,
      // The app runs no pg-boss schedules; its cron is node-cron in the notices module.
      schedule: false,
      registerInstance: false,
      persistWarnings: false,
      // Expired attempts (a killed process's) go back to the queue within this, not pg-boss's minute.
      superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
      monitorIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    });
    boss.on('error', () => undefined);
    await boss.start();
    await boss.createQueue(DELIVERY_QUEUE, {
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: settings.retryDelayMaxSeconds,
      expireInSeconds: settings.expireInSeconds,
    });
    await boss.updateQueue(DELIVERY_QUEUE, {
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: settings.retryDelayMaxSeconds,
      expireInSeconds: settings.expireInSeconds,
    });
    this.boss = boss;
  }

  /** Errors pg-boss reports from its background work (polling, maintenance). */
  onError(listener: (error: Error) => void): void {
    this.requireBoss().on('error', listener);
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    // close: false: the pool is the app's, closed by TypeORM after this.
    if (boss) await boss.stop({ graceful: true, close: false, timeout: 10_000 });
  }

  get started(): boolean {
    return this.boss !== null;
  }

  /** Inserts one job per delivery in the caller's transaction, with the job ids given. */
  async insert(manager: EntityManager, jobs: readonly { jobId: string; deliveryId: string }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.requireBoss().insert(
      DELIVERY_QUEUE,
      jobs.map(({ jobId, deliveryId }) => ({ id: jobId, data: { deliveryId } })),
      { db: executorOver(manager) },
    );
  }

  /**
   * Runs `handler` on due jobs: `workers` pollers, each taking up to BATCH_SIZE jobs at a time and
   * delivering them side by side. A full batch is followed by the next fetch at once (a backlog
   * drains at full speed); an empty one waits `pollingIntervalSeconds`. A job whose handler rejects
   * is failed alone, and pg-boss retries it with backoff and jitter.
   */
  async work(settings: DeliveryWorkerSettings, handler: (job: DeliveryJob) => Promise<void>): Promise<void> {
    await this.requireBoss().work(
      DELIVERY_QUEUE,
      {
        includeMetadata: true as const,
        perJobResults: true as const,
        batchSize: BATCH_SIZE,
        burstWhenBatchFull: true,
        localConcurrency: settings.concurrency,
        pollingIntervalSeconds: settings.pollingIntervalSeconds,
      },
      async (jobs: DeliveryJob[]) =>
        Promise.all(
          jobs.map((job) =>
            handler(job).then(
              () => ({ id: job.id, status: 'completed' as const }),
              (error: unknown) => ({ id: job.id, status: 'failed' as const, output: { message: error instanceof Error ? error.message : String(error) } }),
            ),
          ),
        ),
    );
  }

  /** Jobs waiting to be delivered (queued or waiting for a retry) and being delivered now. */
  async depth(): Promise<{ queued: number; active: number }> {
    const queue = await this.requireBoss().getQueue(DELIVERY_QUEUE);
    return { queued: queue?.queuedCount ?? 0, active: queue?.activeCount ?? 0 };
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('The delivery queue is not started');
    return this.boss;
  }
}
