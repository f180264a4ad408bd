/** When the lifecycle opens migrations off a release, and where they go. */
import { compareDates, type CalendarDate } from '../../calendar/calendar-date';
import { isTargetOrNewer } from './migration-status';

/** Migrations open once the release reaches its notice start (DEPRECATED), and stay due after its end of support. */
export const opensMigrations = (release: { noticeStart: CalendarDate }, on: CalendarDate): boolean => compareDates(on, release.noticeStart) >= 0;

/** The release's own migration target, else the release recommended that day; never the source itself. */
export function defaultTargetOf(release: { version: string; migrationTargetVersion: string | null }, recommendedVersion: string | null): string | null {
  const target = release.migrationTargetVersion ?? recommendedVersion;
  return target === null || target === release.version ? null : target;
}

export interface RetargetCandidate {
  version: string;
  state: 'DRAFT' | 'PUBLISHED';
  endOfSupport: CalendarDate;
}

/** Why `to` cannot be the target of a migration off `sourceVersion` (null: it can). */
export function retargetProblem(sourceVersion: string, to: RetargetCandidate | null, toText: string, today: CalendarDate): string | null {
  if (to === null) return `to: no runtime release ${toText}`;
  if (to.version === sourceVersion) return `to: ${to.version} is the release the application is moving off`;
  if (to.state !== 'PUBLISHED') return `to: ${to.version} is a draft; only a published release can be a target`;
  if (compareDates(today, to.endOfSupport) >= 0) return `to: ${to.version} is at end of life (since ${to.endOfSupport})`;
  if (!isTargetOrNewer(to.version, sourceVersion)) return `to: ${to.version} is older than ${sourceVersion}; a migration moves to a newer release`;
  return null;
}
