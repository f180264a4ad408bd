/**
 * A migration's status is derived from facts the service records (what runs where, the latest
 * requirements scan against the target, what a member declared, an approved waiver), never edited
 * directly: recomputing it from the same facts always gives the same answer.
 */
import { compare as compareSemver, valid as validSemver } from 'semver';

export const MIGRATION_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'IN_TESTING', 'COMPLETED', 'BLOCKED', 'WAIVED'] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

/** Statuses in which nothing is left to do: the burndown counts everything else as remaining. */
export const DONE_STATUSES: readonly MigrationStatus[] = ['COMPLETED', 'WAIVED'];
export const isDone = (status: MigrationStatus): boolean => DONE_STATUSES.includes(status);

/** Environments where a release is tried before production. */
const PRE_PRODUCTION = ['TEST', 'QUAL', 'BETA'];

/** An ERROR finding of the latest scan against the target: what keeps the application from moving. */
export interface Blocker {
  code: string;
  file: string | null;
  line: number | null;
  package: string | null;
  message: string;
}

export interface MigrationFacts {
  sourceVersion: string;
  targetVersion: string;
  /** What runs in each environment now. */
  running: ReadonlyArray<{ environment: string; version: string }>;
  /** The latest snapshot's stored scan against the target, or null when there is none. */
  latestScanAgainstTarget: { blockers: readonly Blocker[] } | null;
  /** The latest thing a member of the owning group declared, or null. */
  declaration: { kind: 'STARTED' | 'BLOCKED'; reason: string | null } | null;
  /** An approved waiver that has not expired. */
  waived: boolean;
}

/** `version` is the target or a newer release (semantic versions; equal text otherwise). */
export function isTargetOrNewer(version: string, targetVersion: string): boolean {
  if (version === targetVersion) return true;
  if (validSemver(version) && validSemver(targetVersion)) return compareSemver(version, targetVersion) > 0;
  return false;
}

/**
 * The status the facts say, first match wins:
 * - WAIVED: an approved, unexpired waiver;
 * - COMPLETED: PROD runs the target or newer and no environment still runs the source (so a
 *   completed migration reopens as soon as an environment goes back to the source);
 * - BLOCKED: a member gave a reason, or the latest scan against the target has ERROR findings;
 * - IN_TESTING: the target or newer runs in TEST, QUAL or BETA (or already in PROD while another
 *   environment still runs the source);
 * - IN_PROGRESS: the latest snapshot was scanned against the target, or a member said work started;
 * - NOT_STARTED otherwise.
 */
export function deriveMigrationStatus(facts: MigrationFacts): MigrationStatus {
  if (facts.waived) return 'WAIVED';
  const onTarget = facts.running.filter((entry) => isTargetOrNewer(entry.version, facts.targetVersion));
  const stillOnSource = facts.running.some((entry) => entry.version === facts.sourceVersion);
  if (onTarget.some((entry) => entry.environment === 'PROD') && !stillOnSource) return 'COMPLETED';
  if (facts.declaration?.kind === 'BLOCKED' || (facts.latestScanAgainstTarget?.blockers.length ?? 0) > 0) return 'BLOCKED';
  if (onTarget.some((entry) => PRE_PRODUCTION.includes(entry.environment) || entry.environment === 'PROD')) return 'IN_TESTING';
  if (facts.latestScanAgainstTarget !== null || facts.declaration?.kind === 'STARTED') return 'IN_PROGRESS';
  return 'NOT_STARTED';
}

/** The blockers to show: the scan's ERROR findings, and the member's reason when they declared the migration blocked. */
export function blockersOf(facts: Pick<MigrationFacts, 'latestScanAgainstTarget' | 'declaration'>): Blocker[] {
  const declared: Blocker[] =
    facts.declaration?.kind === 'BLOCKED'
      ? [{ code: 'DECLARED_BLOCKED', file: null, line: null, package: null, message: facts.declaration.reason ?? 'Declared blocked' }]
      : [];
  return [...declared, ...(facts.latestScanAgainstTarget?.blockers ?? [])];
}
