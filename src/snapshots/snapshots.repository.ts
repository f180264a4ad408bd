import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredScanResult } from './snapshot-scanner';
import type { Snapshot, SnapshotFileRef, SnapshotHead, SnapshotHistoryEntry, SnapshotHistoryKey, StoredScan, SubmittedFile } from './snapshot';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';

/** The columns of a `Snapshot`, named as the domain type names them. */
const COLUMNS = `s.id, s.application_id AS "applicationId", s.commit_sha AS commit, s.last_commit_sha AS "lastCommit", s.content_hash AS "contentHash",
  s.files, s.submitted_by AS "submittedBy", s.created_at AS "createdAt", s.last_submitted_at AS "lastSubmittedAt"`;

/** A runtime an application runs now without a stored scan of the snapshot, with the environments running it. */
export interface MissingScan {
  releaseId: string;
  environments: string[];
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/**
 * The only writer of `requirement_blobs`, `requirement_snapshots` and `snapshot_scans`. Methods
 * that run inside a caller's transaction take its manager first.
 */
@Injectable()
export class SnapshotsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The application's snapshot of exactly these files, marked as submitted again (at `at`, with
   * `commit`); null when the application has no such snapshot.
   */
  async resubmit(manager: EntityManager, applicationId: string, contentHash: string, at: Date, commit: string): Promise<Snapshot | null> {
    const [snapshot] = await manager.query<Snapshot[]>(
      `WITH updated AS (
         UPDATE requirement_snapshots SET last_submitted_at = $3, last_commit_sha = $4
          WHERE application_id = $1 AND content_hash = $2 RETURNING *)
       SELECT ${COLUMNS} FROM updated s`,
      [applicationId, contentHash, at, commit],
    );
    return snapshot ?? null;
  }

  /** Stores file contents by hash; contents already stored are kept once. */
  async storeBlobs(manager: EntityManager, files: ReadonlyArray<{ sha256: string; content: string }>): Promise<void> {
    await manager.query(
      `INSERT INTO requirement_blobs (sha256, content, bytes)
       SELECT sha256, content, octet_length(content) FROM unnest($1::text[], $2::text[]) AS f(sha256, content) ON CONFLICT (sha256) DO NOTHING`,
      [files.map((file) => file.sha256), files.map((file) => file.content)],
    );
  }

  async insert(
    manager: EntityManager,
    snapshot: { applicationId: string; commit: string; contentHash: string; files: SnapshotFileRef[]; submittedBy: string; submittedAt: Date },
  ): Promise<Snapshot> {
    const [inserted] = await manager.query<Snapshot[]>(
      `WITH inserted AS (
         INSERT INTO requirement_snapshots (application_id, commit_sha, content_hash, files, submitted_by, last_submitted_at, last_commit_sha)
         VALUES ($1, $2, $3, $4, $5, $6, $2) RETURNING *)
       SELECT ${COLUMNS} FROM inserted s`,
      [snapshot.applicationId, snapshot.commit, snapshot.contentHash, JSON.stringify(snapshot.files), snapshot.submittedBy, snapshot.submittedAt],
    );
    return inserted;
  }

  /** Files of a snapshot, in path order, from the blob store. */
  async filesOf(snapshotId: string, manager: EntityManager = this.dataSource.manager): Promise<SubmittedFile[]> {
    return (await this.filesOfMany([snapshotId], manager)).get(snapshotId) ?? [];
  }

  /** Files of each snapshot, in path order, in one query. */
  async filesOfMany(snapshotIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, SubmittedFile[]>> {
    const rows = await manager.query<Array<SubmittedFile & { snapshotId: string }>>(
      `SELECT s.id AS "snapshotId", f.path, b.content FROM requirement_snapshots s
         CROSS JOIN LATERAL jsonb_to_recordset(s.files) AS f(path text, sha256 text)
         JOIN requirement_blobs b ON b.sha256 = f.sha256
        WHERE s.id = ANY($1::uuid[]) ORDER BY s.id, f.path`,
      [snapshotIds],
    );
    const bySnapshot = new Map<string, SubmittedFile[]>();
    for (const [id, files] of groupBy(rows, (row) => row.snapshotId))
      bySnapshot.set(
        id,
        files.map(({ path, content }) => ({ path, content })),
      );
    return bySnapshot;
  }

  /** The runtimes the application runs now (`current_deployments`) that the snapshot has no stored scan against. */
  missingScans(manager: EntityManager, applicationId: string, snapshotId: string): Promise<MissingScan[]> {
    return manager.query<MissingScan[]>(
      `SELECT c.release_id AS "releaseId", array_agg(c.environment ORDER BY c.environment) AS environments
         FROM current_deployments c
        WHERE c.application_id = $1
          AND NOT EXISTS (SELECT 1 FROM snapshot_scans s WHERE s.snapshot_id = $2 AND s.release_id = c.release_id)
        GROUP BY c.release_id`,
      [applicationId, snapshotId],
    );
  }

  /**
   * Every stored scan of the snapshot claims the environments that run its runtime now: none, for
   * a runtime no environment runs any more (its scan stays as history).
   */
  async refreshScanEnvironments(manager: EntityManager, applicationId: string, snapshotId: string): Promise<void> {
    await manager.query(
      `UPDATE snapshot_scans s SET environments = now_running.environments
         FROM (SELECT s2.release_id,
                      coalesce((SELECT array_agg(c.environment ORDER BY c.environment) FROM current_deployments c
                                 WHERE c.application_id = $1 AND c.release_id = s2.release_id), '{}') AS environments
                 FROM snapshot_scans s2 WHERE s2.snapshot_id = $2) now_running
        WHERE s.snapshot_id = $2 AND s.release_id = now_running.release_id AND s.environments <> now_running.environments`,
      [applicationId, snapshotId],
    );
  }

  /** Which of these releases the snapshot has no stored scan against. */
  async releasesNotScanned(manager: EntityManager, snapshotId: string, releaseIds: readonly string[]): Promise<string[]> {
    if (releaseIds.length === 0) return [];
    const rows = await manager.query<{ id: string }[]>(
      `SELECT r.id FROM unnest($2::uuid[]) AS r(id) WHERE NOT EXISTS (SELECT 1 FROM snapshot_scans s WHERE s.snapshot_id = $1 AND s.release_id = r.id)`,
      [snapshotId, releaseIds],
    );
    return rows.map((row) => row.id);
  }

  async insertScan(
    manager: EntityManager,
    scan: { snapshotId: string; releaseId: string; environments: string[]; result: StoredScanResult; scannedAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO snapshot_scans (snapshot_id, release_id, environments, error_count, warning_count, findings, suppressed, scanned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        scan.snapshotId,
        scan.releaseId,
        scan.environments,
        scan.result.errorCount,
        scan.result.warningCount,
        JSON.stringify(scan.result.findings),
        JSON.stringify(scan.result.suppressed),
        scan.scannedAt,
      ],
    );
  }

  /** Snapshots by id, in one query (the latest snapshots of a page of applications). */
  async byIds(snapshotIds: readonly string[]): Promise<Map<string, Snapshot>> {
    if (snapshotIds.length === 0) return new Map();
    const rows = await this.dataSource.query<Snapshot[]>(`SELECT ${COLUMNS} FROM requirement_snapshots s WHERE s.id = ANY($1::uuid[])`, [snapshotIds]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Id, commit and content hash of each snapshot, in one query: release impact reads thousands, and needs no file lists. */
  async headsByIds(snapshotIds: readonly string[]): Promise<Map<string, SnapshotHead>> {
    if (snapshotIds.length === 0) return new Map();
    const rows = await this.dataSource.query<SnapshotHead[]>(
      `SELECT s.id, s.commit_sha AS commit, s.content_hash AS "contentHash" FROM requirement_snapshots s WHERE s.id = ANY($1::uuid[])`,
      [snapshotIds],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** A page of an application's snapshots, most recently submitted first. */
  async history(applicationId: string, request: PageRequest<SnapshotHistoryKey>): Promise<Page<SnapshotHistoryEntry>> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM requirement_snapshots WHERE application_id = $1', [
      applicationId,
    ]);
    const [lastSubmittedAt, id] = request.after ?? [null, null];
    const rows = await this.dataSource.query<Array<Snapshot & { lastSubmittedAtText: string }>>(
      `SELECT ${COLUMNS}, s.last_submitted_at::text AS "lastSubmittedAtText" FROM requirement_snapshots s
        WHERE s.application_id = $1 AND ($2::timestamptz IS NULL OR (s.last_submitted_at, s.id) < ($2::timestamptz, $3::uuid))
        ORDER BY s.last_submitted_at DESC, s.id DESC LIMIT $4`,
      [applicationId, lastSubmittedAt, id, request.first + 1],
    );
    const entries = rows.map(({ lastSubmittedAtText, ...snapshot }) => ({
      snapshot,
      cursorKey: [lastSubmittedAtText, snapshot.id] satisfies SnapshotHistoryKey,
    }));
    return pageOfRows(entries, request, count);
  }

  /** The stored scans of each snapshot, by runtime version, in one query. */
  async scansOf(snapshotIds: readonly string[]): Promise<Map<string, StoredScan[]>> {
    const rows = await this.dataSource.query<StoredScan[]>(
      `SELECT s.snapshot_id AS "snapshotId", r.version AS "runtimeVersion", s.environments, s.error_count AS "errorCount",
              s.warning_count AS "warningCount", s.findings, s.suppressed, s.scanned_at AS "scannedAt"
         FROM snapshot_scans s JOIN runtime_releases r ON r.id = s.release_id
        WHERE s.snapshot_id = ANY($1::uuid[]) ORDER BY s.snapshot_id, r.version`,
      [snapshotIds],
    );
    return groupBy(rows, (row) => row.snapshotId);
  }
}
