import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
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
import { ReleasesService } from './releases.service';

export interface RolloutStepView extends RolloutStep {
  reached: boolean;
}

/** The maintenance calendar and, on top of it, when each published release reaches each environment. */
@Injectable()
export class RolloutService {
  constructor(
    private readonly releases: ReleasesService,
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
      return listMaintenanceWindows(
        this.config.maintenanceCalendar,
        this.startOfDay(from),
        this.startOfDay(addDays(to, 1)),
        environment ?? undefined,
      );
    } catch (error) {
      if (error instanceof InvalidMaintenanceRangeError) {
        throw badInput('to', `${error.message}; ask for at most ${MAX_MAINTENANCE_RANGE_DAYS} days at a time`);
      }
      throw error;
    }
  }

  /** Inside a transaction, pass its manager (see AccessService.callerFor). */
  async rolloutSchedule(version: string, manager: EntityManager = this.dataSource.manager): Promise<RolloutStepView[]> {
    const release = await this.releases.requirePublished(version);
    const overrides = (await manager.query(
      'SELECT environment, at, reason FROM rollout_overrides WHERE release_id = $1',
      [release.id],
    )) as RolloutOverride[];
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

  async overrideRollout(
    principal: Principal,
    input: { version: string; environment: Environment; at: Date; reason: string },
  ): Promise<RolloutStepView[]> {
    const release = await this.releases.requirePublished(input.version);
    const reason = input.reason.trim();
    if (reason === '') throw badInput('reason', 'reason must say why the calendar is overridden');
    await this.dataSource.transaction(async (manager) => {
      const [previous] = (await manager.query(
        'SELECT at, reason FROM rollout_overrides WHERE release_id = $1 AND environment = $2 FOR UPDATE',
        [release.id, input.environment],
      )) as { at: Date; reason: string }[];
      await manager.query(
        `INSERT INTO rollout_overrides (release_id, environment, at, reason, actor_label) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (release_id, environment) DO UPDATE SET at = EXCLUDED.at, reason = EXCLUDED.reason, actor_label = EXCLUDED.actor_label, created_at = now()`,
        [release.id, input.environment, input.at, reason, principal.label],
      );
      await this.releases.appendAudit(manager, principal, [
        {
          version: release.version,
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
      const [removed] = (await manager.query(
        'DELETE FROM rollout_overrides WHERE release_id = $1 AND environment = $2 RETURNING at, reason',
        [release.id, environment],
      )) as [{ at: Date; reason: string }[], number];
      if (!removed || removed.length === 0) {
        throw notFound(`Release ${release.version} has no rollout override for ${environment}`, { field: 'environment' });
      }
      await this.releases.appendAudit(manager, principal, [
        {
          version: release.version,
          action: 'ROLLOUT_OVERRIDE_CLEARED',
          before: { environment, at: removed[0].at.toISOString(), reason: removed[0].reason },
          after: null,
          reason: null,
        },
      ]);
    });
    return this.rolloutSchedule(release.version);
  }
}
