import type { DataSource } from 'typeorm';
import { CATALOG_CHANNEL } from '../catalog.store';
import { PYPE_SEED_CATALOG, type SeedRelease } from './pype-catalog';

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
export async function seedCatalog(
  dataSource: DataSource,
  now: Date,
  releases: readonly SeedRelease[] = PYPE_SEED_CATALOG,
): Promise<SeedOutcome> {
  return dataSource.transaction(async (manager) => {
    const [[{ revision }]] = (await manager.query(
      'UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision',
    )) as [{ revision: string }[], number];
    const existing = new Set(
      ((await manager.query('SELECT version FROM runtime_releases')) as { version: string }[]).map((row) => row.version),
    );
    const missing = releases.filter((release) => !existing.has(release.version));
    for (const release of missing) {
      const [{ id }] = (await manager.query(
        `INSERT INTO runtime_releases (version, python_version, track, state, general_availability, end_of_support, notes, published_at, created_by)
         VALUES ($1, $2, $3, 'PUBLISHED', $4, $5, $6, $7, 'seed') RETURNING id`,
        [release.version, release.pythonVersion, release.track, release.generalAvailability, release.endOfSupport, release.notes, announcedAt(release)],
      )) as { id: string }[];
      const names = Object.keys(release.packages).sort();
      await manager.query(
        `INSERT INTO runtime_release_packages (release_id, name, version)
         SELECT $1, name, version FROM unnest($2::text[], $3::text[]) AS p(name, version)`,
        [id, names, names.map((name) => release.packages[name])],
      );
    }
    for (const release of missing.filter((candidate) => candidate.migrationTarget !== null)) {
      await manager.query(
        `UPDATE runtime_releases SET migration_target_id = (SELECT id FROM runtime_releases WHERE version = $2) WHERE version = $1`,
        [release.version, release.migrationTarget],
      );
    }
    for (const release of missing) {
      await manager.query(
        `INSERT INTO release_audit_events (release_version, action, actor_label, occurred_at, after, reason)
         VALUES ($1, 'PUBLISHED', 'seed', $2, $3, 'Seed catalog from the 2018 PyPE service page')`,
        [release.version, now, { ...release, packages: Object.entries(release.packages).map(([name, version]) => `${name}==${version}`) }],
      );
    }
    await manager.query('SELECT pg_notify($1, $2)', [CATALOG_CHANNEL, String(revision)]);
    return { inserted: missing.map((release) => release.version), skipped: releases.filter((release) => existing.has(release.version)).map((release) => release.version) };
  });
}

export async function catalogIsEmpty(dataSource: DataSource): Promise<boolean> {
  const [{ count }] = (await dataSource.query('SELECT count(*)::int AS count FROM runtime_releases')) as { count: number }[];
  return count === 0;
}
