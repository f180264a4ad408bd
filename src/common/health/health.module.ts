import { Module } from '@nestjs/common';
import { DatabaseMonitor } from '../database/database-monitor';
import { HealthController } from './health.controller';

/** /healthz, /readyz and /metrics, and the database monitor behind the first two. */
@Module({ providers: [DatabaseMonitor], controllers: [HealthController], exports: [DatabaseMonitor] })
export class HealthModule {}
