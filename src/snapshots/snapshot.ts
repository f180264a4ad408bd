import { createHash } from 'node:crypto';
import type { Environment } from '../calendar/environment';
import type { Finding, SuppressedFinding } from '../requirements';

/** A file of a snapshot as stored: its path and the SHA-256 of its content (kept once, in the blob store). */
export interface SnapshotFileRef {
  path: string;
  sha256: string;
}

/** The requirements files of an application at a commit. */
export interface Snapshot {
  id: string;
  applicationId: string;
  /** The commit first submitted with these files. */
  commit: string;
  /** The latest commit submitted with identical files. */
  lastCommit: string;
  contentHash: string;
  /** Sorted by path. */
  files: SnapshotFileRef[];
  submittedBy: string;
  createdAt: Date;
  lastSubmittedAt: Date;
}

/** What release impact needs of a snapshot: which files (by content) and at which commit, without the file list. */
export type SnapshotHead = Pick<Snapshot, 'id' | 'commit' | 'contentHash'>;

/** Snapshot history pages most recently submitted first; a cursor holds lastSubmittedAt as PostgreSQL prints it and the id. */
export type SnapshotHistoryKey = [lastSubmittedAt: string, id: string];

export interface SnapshotHistoryEntry {
  snapshot: Snapshot;
  cursorKey: SnapshotHistoryKey;
}

/** A stored scan of a snapshot against one runtime release. */
export interface StoredScan {
  snapshotId: string;
  runtimeVersion: string;
  /** Environments running this runtime for the application (when the scan was last refreshed). */
  environments: Environment[];
  errorCount: number;
  warningCount: number;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  scannedAt: Date;
}

export interface SubmittedFile {
  path: string;
  content: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Equal for equal sets of (path, content), whatever the order the files came in. */
export function contentHashOf(files: readonly SnapshotFileRef[]): string {
  return sha256(JSON.stringify(files.map((file) => [file.path, file.sha256])));
}
