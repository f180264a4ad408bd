import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../common/metrics/metrics.service';
import { NOTICE_KINDS, type NoticeKind } from './notice-kind';

/** Notices made and how the last sweep went, in the service's registry (GET /metrics). */
@Injectable()
export class NoticesMetrics {
  private readonly created: Counter<'kind'>;
  private readonly lastSweep: Gauge;
  private readonly lastSweepDuration: Gauge;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.created = new Counter({ name: 'pype_notices_created_total', help: 'Notices made, by kind', labelNames: ['kind'] as const, registers });
    for (const kind of NOTICE_KINDS) this.created.inc({ kind }, 0);
    this.lastSweep = new Gauge({
      name: 'pype_lifecycle_sweep_last_run_timestamp_seconds',
      help: 'When the last lifecycle sweep of this process finished (Unix time)',
      registers,
    });
    this.lastSweepDuration = new Gauge({
      name: 'pype_lifecycle_sweep_last_duration_seconds',
      help: 'How long the last lifecycle sweep of this process took',
      registers,
    });
  }

  noticesCreated(kind: NoticeKind, count: number): void {
    if (count > 0) this.created.inc({ kind }, count);
  }

  sweepFinished(at: Date, seconds: number): void {
    this.lastSweep.set(at.getTime() / 1000);
    this.lastSweepDuration.set(seconds);
  }
}
