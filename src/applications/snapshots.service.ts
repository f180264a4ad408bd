import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { Clock } from '../common/clock/clock';
import { badInput } from '../common/errors/domain-error';
import { CatalogStore } from '../releases/catalog.store';
import { decodeScanFiles, ScanInputError } from '../requirements/scan/input';
import { normalizeCommit } from './application-fields';
import { ApplicationsService } from './applications.service';
import { SnapshotScanner } from './snapshot-scanner';

export const MAX_SNAPSHOT_FILES = 100;

export interface SnapshotRow {
  id: string;
  application_id: string;
  commit_sha: string;
  content_hash: string;
  files: Array<{ path: string; sha256: string }>;
  submitted_by: string;
  created_at: Date;
  last_submitted_at: Date;
  last_commit_sha: string;
}

export interface SnapshotRecord {
  id: string;
  applicationId: string;
  commit: string;
  lastCommit: string;
  contentHash: string;
  files: Array<{ path: string; sha256: string }>;
  submittedBy: string;
  createdAt: Date;
  lastSubmittedAt: Date;
}

export const toSnapshot = (row: SnapshotRow): SnapshotRecord => ({
  id: row.id,
  applicationId: row.application_id,
  commit: row.commit_sha,
  lastCommit: row.last_commit_sha,
  contentHash: row.content_hash,
  files: row.files,
  submittedBy: row.submitted_by,
  createdAt: row.created_at,
  lastSubmittedAt: row.last_submitted_at,
});

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Equal for equal sets of (path, content), whatever the order the files came in. */
export function contentHashOf(files: ReadonlyArray<{ path: string; sha256: string }>): string {
  return sha256(JSON.stringify(files.map((file) => [file.path, file.sha256])));
}

export interface SubmittedFile {
  path: string;
  content: string;
}

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
      const path = file.path.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
      if (path === '' || path.startsWith('/') || path.split('/').includes('..')) {
        throw badInput(`files[${index}].path`, `files[${index}].path must be a relative path inside the repository, got ${JSON.stringify(file.path)}`);
      }
      const earlier = seen.get(path);
      if (earlier !== undefined) throw badInput(`files[${index}].path`, `files[${index}].path repeats ${path} (already files[${earlier}])`);
      seen.set(path, index);
      return { path, content: file.content, index };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface StoredScanRow {
  runtimeVersion: string;
  environments: string[];
  errorCount: number;
  warningCount: number;
  findings: unknown[];
  scannedAt: Date;
}

@Injectable()
export class SnapshotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly catalog: CatalogStore,
    private readonly scanner: SnapshotScanner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
  }

  /**
   * Stores the files (once: identical content is kept a single time, and identical file sets of
   * an application become one snapshot) and scans them against every runtime the application
   * runs on. The snapshot becomes the application's latest.
   */
  async submit(principal: Principal, input: { application: string; commit: string; files: SubmittedFile[] }): Promise<{ snapshot: SnapshotRecord; created: boolean }> {
    const commit = normalizeCommit(input.commit);
    const files = normalizeFiles(input.files);
    this.checkContent(files);
    const hashed = files.map((file) => ({ path: file.path, sha256: sha256(file.content) }));
    const contentHash = contentHashOf(hashed);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const app = await this.applications.getEditable(principal, input.application, manager);
      const [existing] = (await manager.query(
        `UPDATE requirement_snapshots SET last_submitted_at = $3, last_commit_sha = $4
          WHERE application_id = $1 AND content_hash = $2 RETURNING *`,
        [app.id, contentHash, now, commit],
      )) as [SnapshotRow[], number];
      let snapshot: SnapshotRow;
      const created = existing.length === 0;
      if (created) {
        await manager.query(
          `INSERT INTO requirement_blobs (sha256, content, bytes)
           SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT (sha256) DO NOTHING`,
          [hashed.map((file) => file.sha256), files.map((file) => file.content), files.map((file) => Buffer.byteLength(file.content, 'utf8'))],
        );
        [snapshot] = (await manager.query(
          `INSERT INTO requirement_snapshots (application_id, commit_sha, content_hash, files, submitted_by, last_submitted_at, last_commit_sha)
           VALUES ($1, $2, $3, $4, $5, $6, $2) RETURNING *`,
          [app.id, commit, contentHash, JSON.stringify(hashed), principal.label, now],
        )) as SnapshotRow[];
      } else {
        snapshot = existing[0];
      }
      await manager.query('UPDATE applications SET latest_snapshot_id = $2, updated_at = now() WHERE id = $1', [app.id, snapshot.id]);
      await this.ensureScans(manager, app.id, snapshot.id);
      return { snapshot: toSnapshot(snapshot), created };
    });
  }

  /** Files of a snapshot, in path order, from the blob store. */
  async filesOf(snapshotId: string, manager: EntityManager = this.dataSource.manager): Promise<SubmittedFile[]> {
    return (await manager.query(
      `SELECT f.path, b.content FROM requirement_snapshots s
         CROSS JOIN LATERAL jsonb_to_recordset(s.files) AS f(path text, sha256 text)
         JOIN requirement_blobs b ON b.sha256 = f.sha256
        WHERE s.id = $1 ORDER BY f.path`,
      [snapshotId],
    )) as SubmittedFile[];
  }

  /** A stored scan for every runtime the application runs now (missing ones are computed). */
  async ensureScans(manager: EntityManager, applicationId: string, snapshotId: string): Promise<void> {
    const missing = (await manager.query(
      `SELECT c.release_id, array_agg(c.environment ORDER BY c.environment) AS environments
         FROM current_deployments c
        WHERE c.application_id = $1
          AND NOT EXISTS (SELECT 1 FROM snapshot_scans s WHERE s.snapshot_id = $2 AND s.release_id = c.release_id)
        GROUP BY c.release_id`,
      [applicationId, snapshotId],
    )) as { release_id: string; environments: string[] }[];
    // Every stored scan claims the environments that run its runtime now: none, for a runtime no
    // environment runs any more (its scan stays as history).
    await manager.query(
      `UPDATE snapshot_scans s SET environments = now_running.environments
         FROM (SELECT s2.release_id,
                      coalesce((SELECT array_agg(c.environment ORDER BY c.environment) FROM current_deployments c
                                 WHERE c.application_id = $1 AND c.release_id = s2.release_id), '{}') AS environments
                 FROM snapshot_scans s2 WHERE s2.snapshot_id = $2) now_running
        WHERE s.snapshot_id = $2 AND s.release_id = now_running.release_id AND s.environments <> now_running.environments`,
      [applicationId, snapshotId],
    );
    if (missing.length === 0) return;
    const [files, snapshot, advisories] = await Promise.all([
      this.filesOf(snapshotId, manager),
      this.catalog.current(),
      this.scanner.currentAdvisories(),
    ]);
    const releasesById = new Map(snapshot.releases.map((release) => [release.id, release]));
    const now = this.clock.now();
    for (const { release_id: releaseId, environments } of missing) {
      const release = releasesById.get(releaseId);
      if (!release) continue;
      const result = this.scanner.scan(files, release, advisories);
      await manager.query(
        `INSERT INTO snapshot_scans (snapshot_id, release_id, environments, error_count, warning_count, findings, scanned_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [snapshotId, releaseId, environments, result.errorCount, result.warningCount, JSON.stringify(result.findings), now],
      );
    }
  }

  /** Snapshots by id, in one query (the latest snapshots of a page of applications). */
  async byIds(snapshotIds: readonly string[]): Promise<Map<string, SnapshotRecord>> {
    const rows = (await this.dataSource.query('SELECT * FROM requirement_snapshots WHERE id = ANY($1::uuid[])', [snapshotIds])) as SnapshotRow[];
    return new Map(rows.map((row) => [row.id, toSnapshot(row)]));
  }

  async history(applicationId: string, first: number): Promise<SnapshotRecord[]> {
    const rows = (await this.dataSource.query(
      'SELECT * FROM requirement_snapshots WHERE application_id = $1 ORDER BY last_submitted_at DESC, id DESC LIMIT $2',
      [applicationId, first],
    )) as SnapshotRow[];
    return rows.map(toSnapshot);
  }

  /** The stored scans of each snapshot, by runtime version, in one query. */
  async scansOf(snapshotIds: readonly string[]): Promise<Map<string, StoredScanRow[]>> {
    const rows = (await this.dataSource.query(
      `SELECT s.snapshot_id AS "snapshotId", r.version AS "runtimeVersion", s.environments, s.error_count AS "errorCount",
              s.warning_count AS "warningCount", s.findings, s.scanned_at AS "scannedAt"
         FROM snapshot_scans s JOIN runtime_releases r ON r.id = s.release_id
        WHERE s.snapshot_id = ANY($1::uuid[]) ORDER BY s.snapshot_id, r.version`,
      [snapshotIds],
    )) as Array<StoredScanRow & { snapshotId: string }>;
    const bySnapshot = new Map<string, StoredScanRow[]>();
    for (const { snapshotId, ...scan } of rows) {
      const list = bySnapshot.get(snapshotId);
      if (list) list.push(scan);
      else bySnapshot.set(snapshotId, [scan]);
    }
    return bySnapshot;
  }
}
