import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, type Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { connectionPoolOf } from './connection-pool';
import { isDatabaseUnavailableError } from './database-errors';
import { disconnectListenersOn } from './revision-listener';

export type DatabaseAvailability = { available: true } | { available: false; reason: string; since: Date };

/**
 * Closes the pool's idle connections (the busy ones close when they are released). Uses only
 * the pool's public API: an idle client is handed out before a new one is opened, and a client
 * released with an error is closed instead of kept.
 */
export async function closeIdleConnections(pool: Pick<Pool, 'idleCount' | 'connect'>): Promise<number> {
  let closed = 0;
  for (let budget = pool.idleCount; budget > 0 && pool.idleCount > 0; budget -= 1) {
    try {
      const client = await pool.connect();
      client.release(true);
      closed += 1;
    } catch {
      break;
    }
  }
  return closed;
}

/**
 * Watches whether the database answers, with a connection of its own each time: only a new
 * connection sees a server that is shutting down (a PostgreSQL smart shutdown lets existing
 * sessions go on and waits for them to end). While the database is away it closes the pool's
 * idle sessions and the LISTEN connections, so a smart shutdown is not held up by this service,
 * and the health endpoints report the outage; everything reconnects by itself when it is back.
 */
@Injectable()
export class DatabaseMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseMonitor.name);
  private availability: DatabaseAvailability = { available: true };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly url: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.url = (dataSource.options as { url?: string }).url ?? '';
  }

  /** The embedded PostgreSQL is part of this service: its outage is this service's (liveness). */
  get databaseIsEmbedded(): boolean {
    return this.config.database.url === null;
  }

  /** Whether the database answers; while it is known to be away, asks it again rather than wait for the next tick. */
  async currentStatus(): Promise<DatabaseAvailability> {
    if (!this.availability.available) await this.check();
    return this.availability;
  }

  onApplicationBootstrap(): void {
    this.pool()?.on('error', () => this.checkSoon());
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** A request failed: if the database looks away, check now rather than at the next tick. */
  noteFailure(error: unknown): void {
    if (isDatabaseUnavailableError(error)) this.checkSoon();
  }

  /** One check; concurrent callers share it. */
  check(): Promise<void> {
    this.running ??= this.probe().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private checkSoon(): void {
    if (this.stopped) return;
    void this.check();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.check().finally(() => this.schedule());
    }, this.config.database.checkIntervalMs);
    this.timer.unref();
  }

  private pool(): Pool | undefined {
    return connectionPoolOf(this.dataSource);
  }

  private async probe(): Promise<void> {
    const timeoutMs = Math.min(Math.max(this.config.database.checkIntervalMs, 1_000), 5_000);
    const client = new Client({
      connectionString: this.url,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      application_name: 'pype-lifecycle-monitor',
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      this.markAvailable();
    } catch (error) {
      await this.markUnavailable((error as Error).message || String(error));
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private markAvailable(): void {
    if (this.availability.available) return;
    const seconds = Math.round((Date.now() - this.availability.since.getTime()) / 100) / 10;
    this.availability = { available: true };
    this.logger.log(`Database available again after ${seconds} s`);
  }

  private async markUnavailable(reason: string): Promise<void> {
    if (this.availability.available) {
      this.availability = { available: false, reason, since: new Date() };
      this.logger.warn(`Database unavailable (${reason}); requests fail with DATABASE_UNAVAILABLE until it is back`);
    } else {
      this.availability = { ...this.availability, reason };
    }
    disconnectListenersOn(this.url, `database unavailable: ${reason}`);
    const pool = this.pool();
    if (pool) await closeIdleConnections(pool);
  }
}
