import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compare as compareSemver, valid as validSemver } from 'semver';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { RevisionListener } from '../common/database/revision-listener';
import { noticeStartOf } from './domain/release-status';
import { CATALOG_CHANNEL, ReleasesRepository } from './releases.repository';
import type { ReleaseState, Track } from './release.entity';

export interface CatalogPackage {
  readonly name: string;
  readonly version: string;
}

/** A release as read from the catalog: plain, immutable, shared by every request. */
export interface CatalogRelease {
  readonly id: string;
  readonly version: string;
  readonly pythonVersion: string;
  readonly track: Track;
  readonly state: ReleaseState;
  readonly generalAvailability: string;
  readonly endOfSupport: string;
  readonly noticeStart: string;
  readonly migrationTargetVersion: string | null;
  readonly notes: string | null;
  readonly packages: readonly CatalogPackage[];
  readonly publishedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface CatalogSnapshot {
  readonly revision: number;
  /** Newest version first. */
  readonly releases: readonly CatalogRelease[];
  readonly byVersion: ReadonlyMap<string, CatalogRelease>;
}

function compareVersionsNewestFirst(a: CatalogRelease, b: CatalogRelease): number {
  if (validSemver(a.version) && validSemver(b.version)) return compareSemver(b.version, a.version);
  return b.version.localeCompare(a.version);
}

/** Reads the whole catalog consistently (one snapshot of the database). */
export async function readCatalog(repository: ReleasesRepository, manager: EntityManager, noticeMonths: number): Promise<CatalogSnapshot> {
  const revision = await repository.revision(manager);
  const stored = await repository.readAll(manager);
  const packagesByRelease = new Map<string, CatalogPackage[]>();
  for (const row of stored.packages) {
    let list = packagesByRelease.get(row.releaseId);
    if (!list) packagesByRelease.set(row.releaseId, (list = []));
    list.push(Object.freeze({ name: row.name, version: row.version }));
  }
  const versionsById = new Map(stored.releases.map((row) => [row.id, row.version]));
  const releases = stored.releases
    .map((row): CatalogRelease =>
      Object.freeze({
        id: row.id,
        version: row.version,
        pythonVersion: row.pythonVersion,
        track: row.track,
        state: row.state,
        generalAvailability: row.generalAvailability,
        endOfSupport: row.endOfSupport,
        noticeStart: noticeStartOf(row.endOfSupport, noticeMonths),
        migrationTargetVersion: row.migrationTargetId === null ? null : (versionsById.get(row.migrationTargetId) ?? null),
        notes: row.notes,
        packages: Object.freeze(packagesByRelease.get(row.id) ?? []),
        publishedAt: row.publishedAt,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      }),
    )
    .sort(compareVersionsNewestFirst);
  return { revision, releases, byVersion: new Map(releases.map((release) => [release.version, release])) };
}

/**
 * The catalog is read constantly and changes rarely, so every replica keeps it in memory.
 * Writers bump `catalog_revision` and NOTIFY in the same transaction; each replica LISTENs
 * and drops its copy when told. While the listener is down, every read checks the revision
 * instead, so no replica ever serves a catalog older than the last commit it could see.
 */
@Injectable()
export class CatalogStore implements OnModuleInit, OnModuleDestroy {
  private snapshot: CatalogSnapshot | null = null;
  private loading: Promise<CatalogSnapshot> | null = null;
  private newestKnownRevision = 0;
  private readonly listener: RevisionListener;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReleasesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.listener = new RevisionListener({
      url: (dataSource.options as { url?: string }).url ?? '',
      channel: CATALOG_CHANNEL,
      applicationName: 'pype-lifecycle-catalog-listener',
      onRevision: (revision) => this.noteRevision(revision),
      // Anything committed while we were not listening is unknown: start from a fresh read.
      onListening: () => {
        this.snapshot = null;
      },
    });
  }

  private get listening(): boolean {
    return this.listener.listening;
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }

  /** The current catalog. Cheap when nothing changed: no database round trip. */
  async current(): Promise<CatalogSnapshot> {
    const snapshot = this.snapshot;
    if (snapshot !== null && this.listening && snapshot.revision >= this.newestKnownRevision) return snapshot;
    if (snapshot !== null && !this.listening) {
      const revision = await this.repository.revision();
      if (revision <= snapshot.revision) return snapshot;
      this.noteRevision(revision);
    }
    return this.reload();
  }

  /** Called by writers after their transaction committed, so this replica sees its own write at once. */
  noteRevision(revision: number): void {
    if (revision > this.newestKnownRevision) this.newestKnownRevision = revision;
  }

  private reload(): Promise<CatalogSnapshot> {
    if (this.loading) return this.loading;
    this.loading = this.dataSource
      .transaction('REPEATABLE READ', (manager) => readCatalog(this.repository, manager, this.config.policy.noticeMonths))
      .then((snapshot) => {
        this.noteRevision(snapshot.revision);
        this.snapshot = snapshot;
        return snapshot;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
