import type { DataSource } from 'typeorm';
import { AuditEventsRepository } from '../../audit/audit-events.repository';
import { AuditRecorder, releaseSubject } from '../../audit/audit.recorder';
import type { Principal } from '../../auth/principal';
import type { Clock } from '../../common/clock/clock';
import { ReleasesRepository } from '../releases.repository';
import { PYPE_SEED_CATALOG, type SeedRelease } from './pype-catalog';

/** Who the audit log names for seeded releases. */
const SEED: Principal = Object.freeze({ userId: null, label: 'seed', roles: Object.freeze([]), tokenId: null });

/**
 * The seed describes history: each release was announced (published) a month before its general
 * availability, so its rollout schedule reaches every environment around that day, as it did.
 */
function announcedAt(release: SeedRelease): Date {
  return new Date(Date.parse(`${release.generalAvailability}T12:00:00Z`) - 30 * 86_400_000);
}

export interface SeedOutcome {
  inserted: string[];
  skipped: string[];
}

/**
 * Loads the seed catalog: releases that are missing are inserted as published, with an audit
 * entry by `seed`. Seeding writes history, so the lifecycle policy (which judges notice from
 * today) does not apply. Rerunning changes nothing.
 */
export async function seedCatalog(dataSource: DataSource, now: Date, releases: readonly SeedRelease[] = PYPE_SEED_CATALOG): Promise<SeedOutcome> {
  const repository = new ReleasesRepository(dataSource);
  // The seed's audit entries are stamped with the instant the caller gives, not the wall clock.
  const seedTime: Clock = { now: () => new Date(now.getTime()) };
  const audit = new AuditRecorder(seedTime, new AuditEventsRepository(dataSource));
  return dataSource.transaction(async (manager) => {
    const revision = await repository.bumpRevision(manager);
    const existing = await repository.versions(manager);
    const missing = releases.filter((release) => !existing.has(release.version));
    for (const release of missing) {
      await repository.insert(manager, {
        version: release.version,
        pythonVersion: release.pythonVersion,
        track: release.track,
        state: 'PUBLISHED',
        generalAvailability: release.generalAvailability,
        endOfSupport: release.endOfSupport,
        migrationTargetId: null,
        notes: release.notes,
        publishedAt: announcedAt(release),
        createdBy: SEED.label,
        packages: Object.keys(release.packages)
          .sort()
          .map((name) => ({ name, version: release.packages[name] })),
      });
    }
    for (const release of missing) {
      if (release.migrationTarget !== null) await repository.setMigrationTargetByVersion(manager, release.version, release.migrationTarget);
    }
    await audit.record(
      manager,
      SEED,
      missing.map((release) => ({
        ...releaseSubject(release.version),
        action: 'PUBLISHED' as const,
        after: { ...release, packages: Object.entries(release.packages).map(([name, version]) => `${name}==${version}`) },
        reason: 'Seed catalog from the 2018 PyPE service page',
      })),
    );
    await repository.announceRevision(manager, revision);
    return {
      inserted: missing.map((release) => release.version),
      skipped: releases.filter((release) => existing.has(release.version)).map((release) => release.version),
    };
  });
}

export async function catalogIsEmpty(dataSource: DataSource): Promise<boolean> {
  return new ReleasesRepository(dataSource).isEmpty();
}
