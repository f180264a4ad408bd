import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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

/**
 * Where notices get each application's migration status and blockers. Migration tracking provides
 * the lookup at start-up (in `onModuleInit`): it imports this module, so this one cannot import it.
 * Without a provider notices list no migration.
 */
@Injectable()
export class NoticeMigrationFacts {
  private lookup: MigrationFactsLookup | null = null;

  provide(lookup: MigrationFactsLookup): void {
    if (this.lookup) throw new Error('The migration facts of notices are already provided');
    this.lookup = lookup;
  }

  async of(applicationIds: readonly string[], releaseId: string, manager: EntityManager | null): Promise<Map<string, NoticedMigration>> {
    if (!this.lookup || applicationIds.length === 0) return new Map();
    return this.lookup(applicationIds, releaseId, manager);
  }
}
