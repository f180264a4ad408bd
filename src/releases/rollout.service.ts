import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRecorder, releaseSubject } from '../audit/audit.recorder';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { badInput, notFound } from '../common/errors/domain-error';
import { addDays, compareDates, type CalendarDate } from '../calendar/calendar-date';
import type { Environment } from '../calendar/environment';
import { InvalidMaintenanceRangeError, listMaintenanceWindows, MAX_MAINTENANCE_RANGE_DAYS, type MaintenanceWindow } from '../calendar/maintenance-calendar';
import { computeRolloutSchedule, RolloutScheduleError, type RolloutOverride, type RolloutStep } from './domain/rollout';
import { instantAtWallClock } from '../calendar/zoned-time';
import { ReleasesRepository } from './releases.repository';
import { ReleasesService } from './releases.service';

export interface RolloutStepView extends RolloutStep {
  reached: boolean;
}

/** The maintenance calendar and, on top of it, when each published release reaches each environment. */
@Injectable()
export class RolloutService {
  constructor(
    private readonly releases: ReleasesService,
    private readonly repository: ReleasesRepository,
    private readonly audit: AuditRecorder,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private startOfDay(date: CalendarDate): Date {
    const [year, month, day] = date.split('-').map(Number);
    return instantAtWallClock({ year, month, day, hour: 0, minute: 0 }, this.config.maintenanceCalendar.timeZone);
  }

  /** Windows on the campus days `from` to `to`, both included. */
  maintenanceWindows(from: CalendarDate, to: CalendarDate, environment?: Environment | null): MaintenanceWindow[] {
    if (compareDates(to, from) < 0) throw badInput('to', `to (${to}) must not be before from (${from})`);
    try {
      return listMaintenanceWindows(this.config.maintenanceCalendar, this.startOfDay(from), this.startOfDay(addDays(to, 1)), environment ?? undefined);
    } catch (error) {
      if (error instanceof InvalidMaintenanceRangeError) {
        throw badInput('to', `${error.message}; ask for at most ${MAX_MAINTENANCE_RANGE_DAYS} days at a time`);
      }
      throw error;
    }
  }

  /** Inside a transaction, pass its manager (see AccessService.callerFor). */
  async rolloutSchedule(version: string, manager?: EntityManager): Promise<RolloutStepView[]> {
    const release = await this.releases.requirePublished(version);
    const overrides: RolloutOverride[] = await this.repository.rolloutOverridesOf(release.id, manager);
    const now = this.clock.now();
    try {
      return computeRolloutSchedule(release.publishedAt ?? release.createdAt, this.config.maintenanceCalendar, overrides).map((step) => ({
        ...step,
        reached: step.start.getTime() <= now.getTime(),
      }));
    } catch (error) {
      if (error instanceof RolloutScheduleError) throw notFound(`No rollout schedule for ${release.version}: ${error.message}`, { field: 'version' });
      throw error;
    }
  }

  async overrideRollout(principal: Principal, input: { version: string; environment: Environment; at: Date; reason: string }): Promise<RolloutStepView[]> {
    const release = await this.releases.requirePublished(input.version);
    const reason = input.reason.trim();
    if (reason === '') throw badInput('reason', 'reason must say why the calendar is overridden');
    await this.dataSource.transaction(async (manager) => {
      const previous = await this.repository.lockRolloutOverride(manager, release.id, input.environment);
      await this.repository.putRolloutOverride(manager, {
        releaseId: release.id,
        environment: input.environment,
        at: input.at,
        reason,
        actorLabel: principal.label,
      });
      await this.audit.record(manager, principal, [
        {
          ...releaseSubject(release.version),
          action: 'ROLLOUT_OVERRIDDEN',
          before: previous ? { environment: input.environment, at: previous.at.toISOString(), reason: previous.reason } : null,
          after: { environment: input.environment, at: input.at.toISOString() },
          reason,
        },
      ]);
    });
    return this.rolloutSchedule(release.version);
  }

  async clearRolloutOverride(principal: Principal, version: string, environment: Environment): Promise<RolloutStepView[]> {
    const release = await this.releases.requirePublished(version);
    await this.dataSource.transaction(async (manager) => {
      const removed = await this.repository.removeRolloutOverride(manager, release.id, environment);
      if (!removed) {
        throw notFound(`Release ${release.version} has no rollout override for ${environment}`, { field: 'environment' });
      }
      await this.audit.record(manager, principal, [
        {
          ...releaseSubject(release.version),
          action: 'ROLLOUT_OVERRIDE_CLEARED',
          before: { environment, at: removed.at.toISOString(), reason: removed.reason },
        },
      ]);
    });
    return this.rolloutSchedule(release.version);
  }
}
