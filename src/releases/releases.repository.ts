import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogRevisionEntity } from './catalog-revision.entity';
import type { Environment } from '../calendar/environment';
import { ReleasePackageEntity } from './release-package.entity';
import { ReleaseEntity, type ReleaseState, type Track } from './release.entity';
import { RolloutOverrideEntity } from './rollout-override.entity';

export const CATALOG_CHANNEL = 'pype_catalog';

/** What a write stores of a release; the migration target is given by id. */
export interface ReleaseFields {
  pythonVersion: string;
  track: Track;
  generalAvailability: string;
  endOfSupport: string;
  migrationTargetId: string | null;
  notes: string | null;
  packages: readonly { name: string; version: string }[];
}

export type RolloutOverrideRow = Pick<RolloutOverrideEntity, 'environment' | 'at' | 'reason'>;

/**
 * The only writer of the runtime catalog: `runtime_releases`, `runtime_release_packages`,
 * `rollout_overrides` and the `catalog_revision` counter. Writes take the caller's manager, as
 * every catalog write runs in one transaction that bumps the revision first.
 */
@Injectable()
export class ReleasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async revision(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const row = await manager.getRepository(CatalogRevisionEntity).findOneByOrFail({ id: 1 });
    return Number(row.revision);
  }

  /**
   * Moves the revision on and returns it. The row lock this takes serialises catalog writes until
   * the transaction ends.
   */
  async bumpRevision(manager: EntityManager): Promise<number> {
    const [rows] = await manager.query<[{ revision: string }[], number]>('UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision');
    return Number(rows[0].revision);
  }

  /** Tells every replica (LISTEN on CATALOG_CHANNEL) about the revision, when the transaction commits. */
  async announceRevision(manager: EntityManager, revision: number): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [CATALOG_CHANNEL, String(revision)]);
  }

  /** Every release and every package; run in one snapshot (REPEATABLE READ, or the writer's transaction) to read them consistently. */
  async readAll(manager: EntityManager): Promise<{ releases: ReleaseEntity[]; packages: ReleasePackageEntity[] }> {
    const releases = await manager.getRepository(ReleaseEntity).find();
    const packages = await manager.getRepository(ReleasePackageEntity).find({ order: { releaseId: 'ASC', name: 'ASC' } });
    return { releases, packages };
  }

  async versions(manager: EntityManager): Promise<Set<string>> {
    const rows = await manager.getRepository(ReleaseEntity).find({ select: { version: true } });
    return new Set(rows.map((row) => row.version));
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.dataSource.manager.getRepository(ReleaseEntity).exists());
  }

  async insert(
    manager: EntityManager,
    release: ReleaseFields & { version: string; state: ReleaseState; publishedAt: Date | null; createdBy: string },
  ): Promise<string> {
    const { packages, ...fields } = release;
    const result = await manager.getRepository(ReleaseEntity).insert(fields);
    const { id } = result.identifiers[0] as { id: string };
    await this.insertPackages(manager, id, packages);
    return id;
  }

  /** Replaces the release's fields and packages; `state` and `publishedAt` change when it is published. */
  async update(manager: EntityManager, id: string, release: ReleaseFields & { state: ReleaseState; publishedAt: Date | null }): Promise<void> {
    const { packages, ...fields } = release;
    await manager.getRepository(ReleaseEntity).update({ id }, fields);
    await manager.getRepository(ReleasePackageEntity).delete({ releaseId: id });
    await this.insertPackages(manager, id, packages);
  }

  async setEndOfSupport(manager: EntityManager, id: string, endOfSupport: string): Promise<void> {
    await manager.getRepository(ReleaseEntity).update({ id }, { endOfSupport });
  }

  /** Points a release at its migration target, both by version (the seed, which inserts in any order). */
  async setMigrationTargetByVersion(manager: EntityManager, version: string, targetVersion: string): Promise<void> {
    const releases = manager.getRepository(ReleaseEntity);
    const target = await releases.findOneByOrFail({ version: targetVersion });
    await releases.update({ version }, { migrationTargetId: target.id });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(ReleaseEntity).delete({ id });
  }

  private async insertPackages(manager: EntityManager, releaseId: string, packages: readonly { name: string; version: string }[]): Promise<void> {
    if (packages.length === 0) return;
    await manager.getRepository(ReleasePackageEntity).insert(packages.map(({ name, version }) => ({ releaseId, name, version })));
  }

  // ---- rollout overrides ----------------------------------------------------------------------

  async rolloutOverridesOf(releaseId: string, manager: EntityManager = this.dataSource.manager): Promise<RolloutOverrideRow[]> {
    const rows = await manager.getRepository(RolloutOverrideEntity).find({ select: { environment: true, at: true, reason: true }, where: { releaseId } });
    return rows.map(({ environment, at, reason }) => ({ environment, at, reason }));
  }

  /** The override of one environment, locked for the transaction; null when there is none. */
  async lockRolloutOverride(manager: EntityManager, releaseId: string, environment: Environment): Promise<RolloutOverrideRow | null> {
    const row = await manager.getRepository(RolloutOverrideEntity).findOne({ where: { releaseId, environment }, lock: { mode: 'pessimistic_write' } });
    return row ? { environment: row.environment, at: row.at, reason: row.reason } : null;
  }

  async putRolloutOverride(
    manager: EntityManager,
    override: { releaseId: string; environment: Environment; at: Date; reason: string; actorLabel: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO rollout_overrides (release_id, environment, at, reason, actor_label) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (release_id, environment) DO UPDATE SET at = EXCLUDED.at, reason = EXCLUDED.reason, actor_label = EXCLUDED.actor_label, created_at = now()`,
      [override.releaseId, override.environment, override.at, override.reason, override.actorLabel],
    );
  }

  /** Removes the override; what it was, or null when there was none. */
  async removeRolloutOverride(manager: EntityManager, releaseId: string, environment: Environment): Promise<RolloutOverrideRow | null> {
    const [rows] = await manager.query<[{ at: Date; reason: string }[], number]>(
      'DELETE FROM rollout_overrides WHERE release_id = $1 AND environment = $2 RETURNING at, reason',
      [releaseId, environment],
    );
    return rows.length === 0 ? null : { environment, at: rows[0].at, reason: rows[0].reason };
  }
}
