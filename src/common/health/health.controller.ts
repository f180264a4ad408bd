import { Controller, Get, Header, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';

@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('healthz')
  @HttpCode(HttpStatus.OK)
  health(): { status: string } {
    return { status: 'ok' };
  }

  /** Ready for traffic: the database answers and every migration is applied. */
  @Get('readyz')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const checks: Record<string, string> = {};
    let ready = true;
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = 'ok';
      const pending = await this.dataSource.showMigrations();
      checks.migrations = pending ? 'pending' : 'ok';
      ready = !pending;
    } catch (error) {
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
