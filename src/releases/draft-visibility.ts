/**
 * "Drafts only for admins", written once: a draft release is the admins' work in progress.
 * Nobody else reads it (release, releases, releaseImpact, scans against a runtime), learns that it
 * exists, or reads its history in the audit log.
 */
import { isAdmin, type Principal } from '../auth/principal';
import type { ReleaseAuditAction } from './release-audit-event.entity';
import type { ReleaseState } from './release.entity';

/** The release of that version (trimmed) the caller may see, or null: drafts do not exist for non-admins. */
export function findVisibleRelease<T extends { state: ReleaseState }>(
  byVersion: ReadonlyMap<string, T>,
  version: string,
  principal: Principal | null,
): T | null {
  const release = byVersion.get(version.trim());
  return release && isVisibleRelease(release, principal) ? release : null;
}

export const readsDrafts = (principal: Principal | null): boolean => isAdmin(principal);

export const isVisibleRelease = (release: { state: ReleaseState }, principal: Principal | null): boolean => release.state !== 'DRAFT' || readsDrafts(principal);

/** Audit events written while a release is a draft: they hold the draft's contents (notes, dates, packages). */
export const DRAFT_STAGE_ACTIONS: readonly ReleaseAuditAction[] = ['DRAFT_CREATED', 'DRAFT_UPDATED', 'DRAFT_WITHDRAWN'];

/** The release audit actions this caller may not read. */
export const auditActionsHiddenFrom = (principal: Principal | null): readonly ReleaseAuditAction[] => (readsDrafts(principal) ? [] : DRAFT_STAGE_ACTIONS);
