import { Controller, Get, Header, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { DatabaseMonitor } from '../database/database-monitor';
import { MetricsService } from '../metrics/metrics.service';

@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly database: DatabaseMonitor,
  ) {}

  /**
   * Liveness: the process serves HTTP and, with the embedded PostgreSQL, that database is up
   * (it is part of this service; while it is away, restarting the service is a remedy). An
   * external server's outage is not the process's fault: readiness reports it instead.
   */
  @Get('healthz')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const status = await this.database.currentStatus();
    if (this.database.databaseIsEmbedded && !status.available) {
      await reply.status(503).send({ status: 'unavailable', checks: { database: `unreachable: ${status.reason}` } });
      return;
    }
    await reply.status(200).send({ status: 'ok' });
  }

  /** Ready for traffic: the database answers and every migration is applied. */
  @Get('readyz')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const checks: Record<string, string> = {};
    let ready: boolean;
    const status = await this.database.currentStatus();
    try {
      // An existing session still answers during a smart shutdown: the monitor's own connection knows better.
      if (!status.available) throw new Error(status.reason);
      await this.dataSource.query('SELECT 1');
      checks.database = 'ok';
      const pending = await this.dataSource.showMigrations();
      checks.migrations = pending ? 'pending' : 'ok';
      ready = !pending;
    } catch (error) {
      this.database.noteFailure(error);
      checks.database = `unreachable: ${(error as Error).message}`;
      ready = false;
    }
    await reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async renderMetrics(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    await reply.header('Content-Type', contentType).send(body);
  }
}
