import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { schedule, type ScheduledTask } from 'node-cron';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { LifecycleSweepService } from './lifecycle-sweep.service';

/**
 * Runs the lifecycle sweep on NOTICE_SCHEDULE in campus time. Started by the service once it
 * listens (not by tests or the CLI, which call the sweep themselves). Every replica schedules it:
 * the sweep's lock lets one work while the others wait and then find nothing left to do.
 */
@Injectable()
export class LifecycleSweepScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(LifecycleSweepScheduler.name);
  private task: ScheduledTask | null = null;

  constructor(
    private readonly sweep: LifecycleSweepService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(): void {
    if (this.task) return;
    const { schedule: expression } = this.config.notices;
    // noOverlap: a sweep still running when the next tick comes is left to finish.
    this.task = schedule(expression, () => this.tick(), { timezone: this.config.campusTimeZone, name: 'lifecycle-sweep', noOverlap: true });
    this.logger.log(
      `Lifecycle sweep scheduled at '${expression}' (${this.config.campusTimeZone}); next run ${this.task.getNextRun()?.toISOString() ?? 'never'}`,
    );
  }

  /** One scheduled run: today's sweep. Failures are logged; the next tick tries again (and catches up). */
  async tick(): Promise<void> {
    try {
      await this.sweep.run();
    } catch (error) {
      this.logger.error(`Scheduled lifecycle sweep failed: ${(error as Error).message}`, (error as Error).stack);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.destroy();
    this.task = null;
  }

  /** When the next scheduled sweep runs, or null when none is scheduled. */
  nextRun(): Date | null {
    return this.task?.getNextRun() ?? null;
  }
}
