import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CalendarDate } from '../calendar/calendar-date';

/** Arbitrary but fixed: every replica takes the same lock, so one sweep runs at a time. */
const SWEEP_LOCK_KEY = 7_310_442_909;

/** An application running a release whose first milestone is crossed, with what was recorded for it before. */
export interface SweepCandidate {
  applicationId: string;
  releaseId: string;
  version: string;
  endOfSupport: CalendarDate;
  owningGroupId: string;
  /** Milestones (days) already recorded for this (application, release), sent or superseded. */
  recorded: number[];
}

/** A sent milestone record whose escalation may be due (nobody in the group acknowledged it). */
export interface EscalationCandidate {
  recordId: string;
  applicationId: string;
  releaseId: string;
  milestoneDays: number;
}

/**
 * The exactly-once records of milestone notices (notice_records) and the sweep's lock. Inserts
 * never overwrite: a record that exists (another sweep made it) is left alone and not returned,
 * so only the sweep that inserted it makes its notices.
 */
@Injectable()
export class NoticeRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` while holding the sweep lock, on a connection of its own (a session lock: it ends
   * with the connection, so a crashed replica or a restarted database never leaves it held).
   * Another sweep waits for it, then finds its work done.
   */
  async withSweepLock<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // Waiting for another replica's sweep may take longer than DATABASE_STATEMENT_TIMEOUT_MS allows one statement.
      await runner.query(`SET statement_timeout = 0`);
      await runner.query('SELECT pg_advisory_lock($1)', [SWEEP_LOCK_KEY]);
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK_KEY]).catch(() => undefined);
      // Back to the pool's own setting before the connection serves anyone else.
      await runner.query(`RESET statement_timeout`).catch(() => undefined);
      await runner.release();
    }
  }

  /** How many (application, release) pairs the sweep would look at: checked against its bound before any work. */
  async countCandidates(firstMilestoneCutoff: CalendarDate): Promise<number> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM (${CANDIDATE_PAIRS}) pairs`, [
      firstMilestoneCutoff,
    ]);
    return count;
  }

  /**
   * Every active application whose current deployment (in any environment) runs a published,
   * unpaused release with end of support on or before `firstMilestoneCutoff` + its largest
   * milestone (that is: whose first milestone is crossed), with the milestones recorded so far.
   */
  async candidates(firstMilestoneCutoff: CalendarDate): Promise<SweepCandidate[]> {
    const rows = await this.dataSource.query<
      { application_id: string; release_id: string; version: string; end_of_support: string; owning_group_id: string; recorded: number[] }[]
    >(
      `SELECT pairs.application_id, pairs.release_id, r.version, r.end_of_support::text AS end_of_support, a.owning_group_id,
              coalesce((SELECT array_agg(nr.milestone_days) FROM notice_records nr
                         WHERE nr.application_id = pairs.application_id AND nr.release_id = pairs.release_id), '{}') AS recorded
         FROM (${CANDIDATE_PAIRS}) pairs JOIN runtime_releases r ON r.id = pairs.release_id JOIN applications a ON a.id = pairs.application_id
        ORDER BY r.version, a.owning_group_id, pairs.application_id`,
      [firstMilestoneCutoff],
    );
    return rows.map((row) => ({
      applicationId: row.application_id,
      releaseId: row.release_id,
      version: row.version,
      endOfSupport: row.end_of_support,
      owningGroupId: row.owning_group_id,
      recorded: row.recorded,
    }));
  }

  /**
   * Records `status` for each application at (release, milestone); returns the applications whose
   * record this call inserted (not those another sweep recorded first).
   */
  async record(
    manager: EntityManager,
    entry: { releaseId: string; milestoneDays: number; endOfSupport: CalendarDate; status: 'SENT' | 'SUPERSEDED'; recordedOn: CalendarDate },
    applicationIds: readonly string[],
  ): Promise<string[]> {
    if (applicationIds.length === 0) return [];
    const rows = await manager.query<{ application_id: string }[]>(
      `INSERT INTO notice_records (application_id, release_id, milestone_days, end_of_support, status, recorded_on)
       SELECT unnest($1::uuid[]), $2, $3, $4, $5, $6
       ON CONFLICT ON CONSTRAINT notice_records_once DO NOTHING
       RETURNING application_id`,
      [applicationIds, entry.releaseId, entry.milestoneDays, entry.endOfSupport, entry.status, entry.recordedOn],
    );
    return rows.map((row) => row.application_id);
  }

  /**
   * Sent milestone records of `maxMilestoneDays` or fewer, recorded on or before `cutoff`, not yet
   * escalated, for which no member of the application's owning group acknowledged a notice
   * listing the application (for that release and milestone), on releases not paused. At most `limit`.
   */
  async escalationCandidates(cutoff: CalendarDate, maxMilestoneDays: number, limit: number): Promise<EscalationCandidate[]> {
    const rows = await this.dataSource.query<{ id: string; application_id: string; release_id: string; milestone_days: number }[]>(
      `SELECT nr.id, nr.application_id, nr.release_id, nr.milestone_days
         FROM notice_records nr JOIN applications a ON a.id = nr.application_id
        WHERE nr.status = 'SENT' AND nr.escalated_at IS NULL AND nr.recorded_on <= $1 AND nr.milestone_days <= $2
          AND a.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM notice_pauses p WHERE p.release_id = nr.release_id)
          AND NOT EXISTS (
            SELECT 1 FROM notices n JOIN group_members m ON m.user_id = n.user_id AND m.group_id = a.owning_group_id
             WHERE n.kind = 'MILESTONE' AND n.release_id = nr.release_id AND n.milestone_days = nr.milestone_days
               AND n.acknowledged_at IS NOT NULL AND n.application_ids @> ARRAY[nr.application_id])
        ORDER BY nr.recorded_on, nr.id
        LIMIT $3`,
      [cutoff, maxMilestoneDays, limit],
    );
    return rows.map((row) => ({ recordId: row.id, applicationId: row.application_id, releaseId: row.release_id, milestoneDays: row.milestone_days }));
  }

  /** Marks records escalated; returns those this call marked (an escalation happens once, even with sweeps racing). */
  async markEscalated(manager: EntityManager, recordIds: readonly string[], at: Date): Promise<string[]> {
    if (recordIds.length === 0) return [];
    const rows = await manager.query<{ id: string }[]>(
      // Through a CTE: TypeORM answers a bare UPDATE ... RETURNING with [rows, count], not rows.
      `WITH marked AS (UPDATE notice_records SET escalated_at = $2 WHERE id = ANY($1::uuid[]) AND escalated_at IS NULL RETURNING id) SELECT id FROM marked`,
      [recordIds, at],
    );
    return rows.map((row) => row.id);
  }
}

/** (application, release) pairs of current deployments on published, unpaused releases whose end of support is on or before $1. */
const CANDIDATE_PAIRS = `
  SELECT DISTINCT cd.application_id, cd.release_id
    FROM current_deployments cd
    JOIN applications a ON a.id = cd.application_id AND a.archived_at IS NULL
    JOIN runtime_releases r ON r.id = cd.release_id AND r.state = 'PUBLISHED' AND r.end_of_support <= $1::date
   WHERE NOT EXISTS (SELECT 1 FROM notice_pauses p WHERE p.release_id = cd.release_id)`;
