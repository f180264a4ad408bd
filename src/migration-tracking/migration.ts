import type { Application } from '../applications/application';
import type { CalendarDate } from '../calendar/calendar-date';
import type { ReadScope } from '../groups/access-policy';
import type { MigrationRisk } from './domain/migration-risk';
import type { Blocker, MigrationStatus } from './domain/migration-status';
import type { WaiverStatus } from './domain/waiver-rules';

export const MIGRATION_SORT_FIELDS = ['DEADLINE', 'RISK', 'APPLICATION'] as const;
export type MigrationSort = (typeof MIGRATION_SORT_FIELDS)[number];

export const CAUSE_KINDS = ['OPENED', 'DEPLOYMENT', 'SCAN', 'PERSON', 'WAIVER', 'SWEEP'] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];

/** Why a migration was recomputed: kept with the transition it caused. */
export interface TransitionCause {
  kind: CauseKind;
  /** The deployment or snapshot id, the person's e-mail, the waiver id. */
  ref: string | null;
  /** Readable, for the history and the export. */
  text: string;
  at: Date;
}

/** A migration as lists and the export read it: with its application, releases, deadline and risk for the day asked about. */
export interface MigrationRow {
  id: string;
  application: Application;
  owningGroupSlug: string;
  sourceVersion: string;
  targetVersion: string;
  deadline: CalendarDate;
  status: MigrationStatus;
  risk: MigrationRisk;
  blockers: Blocker[];
  openedAt: Date;
  openedBy: string;
  statusChangedAt: Date;
}

export interface MigrationTransition {
  migrationId: string;
  previousStatus: MigrationStatus | null;
  status: MigrationStatus;
  at: Date;
  causeKind: CauseKind;
  causeRef: string | null;
  cause: string;
}

export interface MigrationWaiver {
  id: string;
  migrationId: string;
  status: WaiverStatus;
  reason: string;
  expiresOn: CalendarDate;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

/** Which migrations a list, summary, burndown or export covers. */
export interface MigrationQuery {
  scope: ReadScope;
  sourceReleaseId?: string | null;
  department?: string | null;
  owningGroupId?: string | null;
  statuses?: readonly MigrationStatus[] | null;
  risks?: readonly MigrationRisk[] | null;
  /** The day risk is judged on, and how close a deadline puts a migration at risk. */
  today: CalendarDate;
  atRiskDays: number;
}

/** Sort values of the last row of the previous page, as text, and its id. */
export type MigrationCursorKey = [first: string, second: string, id: string];
