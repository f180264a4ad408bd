import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../calendar/calendar-date';
import type { DepartmentRiskyMigrations } from './domain/notice-text';

/** An application's migration off the release a notice is about, as the notice lists it. */
export interface NoticedMigration {
  status: string;
  /** Blockers recorded on the migration (errors of the latest scan against its target, a declared reason). */
  blockers: number;
}

/** The migrations of these applications off the release, by application id (those without one are absent). */
export type MigrationFactsLookup = (
  applicationIds: readonly string[],
  releaseId: string,
  manager: EntityManager | null,
) => Promise<Map<string, NoticedMigration>>;

/** How many at-risk and overdue migrations an escalation lists per department (the rest are counted). */
export const RISKY_MIGRATIONS_PER_DEPARTMENT = 50;

/**
 * The AT_RISK and OVERDUE migrations of these departments, risk judged on `asOf`: at most `perDepartment`
 * of each (worst, then earliest deadline first) and the total, one entry per department asked for.
 */
export type RiskyMigrationsLookup = (
  departments: readonly string[],
  asOf: CalendarDate,
  perDepartment: number,
  manager: EntityManager | null,
) => Promise<DepartmentRiskyMigrations[]>;

/**
 * Where notices get each application's migration status and blockers. Migration tracking provides
 * the lookup at start-up (in `onModuleInit`): it imports this module, so this one cannot import it.
 * Without a provider notices list no migration.
 */
@Injectable()
export class NoticeMigrationFacts {
  private lookup: MigrationFactsLookup | null = null;
  private riskyLookup: RiskyMigrationsLookup | null = null;

  provide(lookup: MigrationFactsLookup): void {
    if (this.lookup) throw new Error('The migration facts of notices are already provided');
    this.lookup = lookup;
  }

  async of(applicationIds: readonly string[], releaseId: string, manager: EntityManager | null): Promise<Map<string, NoticedMigration>> {
    if (!this.lookup || applicationIds.length === 0) return new Map();
    return this.lookup(applicationIds, releaseId, manager);
  }

  provideRiskyMigrations(lookup: RiskyMigrationsLookup): void {
    if (this.riskyLookup) throw new Error('The risky migrations of notices are already provided');
    this.riskyLookup = lookup;
  }

  /** Each department's at-risk and overdue migrations (bounded per department); none without a provider. */
  async riskyMigrationsOfDepartments(departments: readonly string[], asOf: CalendarDate, manager: EntityManager | null): Promise<DepartmentRiskyMigrations[]> {
    if (!this.riskyLookup || departments.length === 0) return [];
    return this.riskyLookup(departments, asOf, RISKY_MIGRATIONS_PER_DEPARTMENT, manager);
  }
}
