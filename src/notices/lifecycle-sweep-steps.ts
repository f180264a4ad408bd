import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../calendar/calendar-date';

/**
 * One piece of work the daily lifecycle sweep does for a campus day, such as opening migrations.
 * `run` gets its own transaction's manager, and must be idempotent for a day: sweeps repeat (on
 * demand, after downtime, on several replicas). It returns counters (for example
 * `{ migrationsOpened: 3 }`) that become fields of the `LifecycleSweep` result.
 */
export interface LifecycleSweepStep {
  name: string;
  run(asOf: CalendarDate, manager: EntityManager): Promise<Record<string, number>>;
}

/**
 * The steps other modules add to the sweep, registered once at start-up (in `onModuleInit`).
 * They run in registration order after the notices, one transaction each, under the sweep's lock.
 */
@Injectable()
export class LifecycleSweepSteps {
  private readonly steps: LifecycleSweepStep[] = [];

  register(step: LifecycleSweepStep): void {
    if (this.steps.some((existing) => existing.name === step.name)) throw new Error(`A lifecycle sweep step named ${step.name} is already registered`);
    this.steps.push(step);
  }

  list(): readonly LifecycleSweepStep[] {
    return this.steps;
  }
}
