import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { normalizeCommit } from '../applications/application-fields';
import { ApplicationsService } from '../applications/applications.service';
import { ApplicationFactsEvents } from '../applications/application-facts-events';
import type { Principal } from '../auth/principal';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { Clock } from '../common/clock/clock';
import { badInput } from '../common/errors/domain-error';
import { CatalogStore } from '../releases/catalog.store';
import { decodeScanFiles, ScanInputError } from '../requirements/scan/input';
import { contentHashOf, sha256, type Snapshot, type SnapshotHistoryEntry, type SnapshotHistoryKey, type StoredScan, type SubmittedFile } from './snapshot';
import { SnapshotScanner } from './snapshot-scanner';
import { SnapshotsRepository } from './snapshots.repository';
import { checkRepositoryPath } from '../common/input-rules/repository-path';
import { requireField } from '../common/validation/satisfies';
import type { NewestFirst } from '../common/database/newest-first-page';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import type { Page, PageRequest } from '../common/paging/page';

export const MAX_SNAPSHOT_FILES = 100;

/** A submitted file with its normalized path and its position in the input, for error fields. */
interface NormalizedFile extends SubmittedFile {
  index: number;
}

/** Paths as a repository has them: forward slashes, no `./`, unique; sorted by path. */
function normalizeFiles(files: readonly SubmittedFile[]): NormalizedFile[] {
  if (files.length === 0) throw badInput('files', 'files must list at least one requirements file');
  if (files.length > MAX_SNAPSHOT_FILES) throw badInput('files', `files may list at most ${MAX_SNAPSHOT_FILES} files; got ${files.length}`);
  const seen = new Map<string, number>();
  return files
    .map((file, index) => {
      const path = requireField(checkRepositoryPath, file.path, `files[${index}].path`);
      const earlier = seen.get(path);
      if (earlier !== undefined) throw badInput(`files[${index}].path`, `files[${index}].path repeats ${path} (already files[${earlier}])`);
      seen.set(path, index);
      return { path, content: file.content, index };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export const snapshotHistoryCursor = cursorCodec<NewestFirst, SnapshotHistoryKey>('Application.snapshots', () => [cursorValue.timestamp, cursorValue.uuid]);

@Injectable()
export class SnapshotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly snapshots: SnapshotsRepository,
    private readonly applications: ApplicationsService,
    private readonly catalog: CatalogStore,
    private readonly scanner: SnapshotScanner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly factsEvents: ApplicationFactsEvents,
  ) {}

  /** Checks size and text the way a scan would, so a stored snapshot can always be scanned. */
  private checkContent(files: readonly NormalizedFile[]): void {
    try {
      decodeScanFiles(files, { maxBytes: this.config.scan.maxUploadBytes, maxFiles: MAX_SNAPSHOT_FILES });
    } catch (error) {
      if (error instanceof ScanInputError) {
        // Files are sorted by now; the field names the file where the caller put it.
        const index = error.file === null ? undefined : files.find((file) => file.path === error.file)?.index;
        throw badInput(index === undefined ? 'files' : `files[${index}].content`, error.message, { reason: error.code });
      }
      throw error;
    }
    // Paths are stored too: they count towards the limit, or a 1 MB "path" would slip past it.
    const limit = this.config.scan.maxUploadBytes;
    const bytes = files.reduce((total, file) => total + Buffer.byteLength(file.path, 'utf8') + Buffer.byteLength(file.content, 'utf8'), 0);
    if (bytes > limit) {
      throw badInput('files', `the files with their paths take ${bytes} bytes, more than the ${limit} one submission may store (SCAN_MAX_UPLOAD_BYTES)`, {
        reason: 'INPUT_TOO_LARGE',
        limitBytes: limit,
      });
    }
  }

  /**
   * Stores the files (once: identical content is kept a single time, and identical file sets of
   * an application become one snapshot) and scans them against every runtime the application
   * runs on. The snapshot becomes the application's latest.
   */
  async submit(
    principal: Principal,
    input: { application: string; commit: string; files: SubmittedFile[] },
  ): Promise<{ snapshot: Snapshot; created: boolean }> {
    const commit = normalizeCommit(input.commit);
    const files = normalizeFiles(input.files);
    this.checkContent(files);
    const hashed = files.map((file) => ({ path: file.path, sha256: sha256(file.content) }));
    const contentHash = contentHashOf(hashed);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const app = await this.applications.getEditable(principal, input.application, manager);
      let snapshot = await this.snapshots.resubmit(manager, app.id, contentHash, now, commit);
      const created = snapshot === null;
      if (snapshot === null) {
        await this.snapshots.storeBlobs(
          manager,
          files.map((file, index) => ({ sha256: hashed[index].sha256, content: file.content })),
        );
        snapshot = await this.snapshots.insert(manager, {
          applicationId: app.id,
          commit,
          contentHash,
          files: hashed,
          submittedBy: principal.label,
          submittedAt: now,
        });
      }
      await this.applications.pointAtLatestSnapshot(manager, app.id, snapshot.id);
      await this.ensureScans(manager, app.id, snapshot.id);
      await this.factsEvents.changed(
        { applicationIds: [app.id], kind: 'SCAN', ref: snapshot.id, description: `requirements at ${commit} submitted by ${principal.label}`, at: now },
        manager,
      );
      return { snapshot, created };
    });
  }

  /** Files of a snapshot, in path order, from the blob store. */
  filesOf(snapshotId: string): Promise<SubmittedFile[]> {
    return this.snapshots.filesOf(snapshotId);
  }

  /** A stored scan for every runtime the application runs now (missing ones are computed). */
  async ensureScans(manager: EntityManager, applicationId: string, snapshotId: string): Promise<void> {
    const missing = await this.snapshots.missingScans(manager, applicationId, snapshotId);
    await this.snapshots.refreshScanEnvironments(manager, applicationId, snapshotId);
    if (missing.length === 0) return;
    const [files, catalog, advisories] = await Promise.all([
      this.snapshots.filesOf(snapshotId, manager),
      this.catalog.current(),
      this.scanner.currentAdvisories(),
    ]);
    const releasesById = new Map(catalog.releases.map((release) => [release.id, release]));
    const now = this.clock.now();
    for (const { releaseId, environments } of missing) {
      const release = releasesById.get(releaseId);
      if (!release) continue;
      const result = this.scanner.scan(files, release, advisories);
      await this.snapshots.insertScan(manager, { snapshotId, releaseId, environments, result, scannedAt: now });
    }
  }

  /**
   * Stored scans of the snapshot against these releases (missing ones are computed): a migration
   * scans the latest requirements against its target before the target runs anywhere.
   */
  async ensureScansAgainst(manager: EntityManager, snapshotId: string, releaseIds: readonly string[]): Promise<void> {
    const missing = await this.snapshots.releasesNotScanned(manager, snapshotId, releaseIds);
    if (missing.length === 0) return;
    const [files, catalog, advisories] = await Promise.all([
      this.snapshots.filesOf(snapshotId, manager),
      this.catalog.current(),
      this.scanner.currentAdvisories(),
    ]);
    const now = this.clock.now();
    for (const release of catalog.releases.filter((candidate) => missing.includes(candidate.id))) {
      await this.snapshots.insertScan(manager, {
        snapshotId,
        releaseId: release.id,
        environments: [],
        result: this.scanner.scan(files, release, advisories),
        scannedAt: now,
      });
    }
  }

  /** Snapshots by id, in one query (the latest snapshots of a page of applications). */
  byIds(snapshotIds: readonly string[]): Promise<Map<string, Snapshot>> {
    return this.snapshots.byIds(snapshotIds);
  }

  history(applicationId: string, request: PageRequest<SnapshotHistoryKey>): Promise<Page<SnapshotHistoryEntry>> {
    return this.snapshots.history(applicationId, request);
  }

  /** The stored scans of each snapshot, by runtime version, in one query. */
  scansOf(snapshotIds: readonly string[]): Promise<Map<string, StoredScan[]>> {
    return this.snapshots.scansOf(snapshotIds);
  }
}
