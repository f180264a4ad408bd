import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Someone a notice goes to: a user (in-app and, if they want it, e-mail) or a contact without an account (e-mail). */
export interface Person {
  userId: string | null;
  email: string;
  emailEnabled: boolean;
  digest: boolean;
}

/** What a notice says about an application, and who hears about it. */
export interface NoticeSubjectApplication {
  id: string;
  slug: string;
  name: string;
  department: string;
  groupId: string;
  groupSlug: string;
  /** The environments whose current deployment runs the release, in TEST, QUAL, BETA, PROD order. */
  environments: string[];
  latestSnapshotId: string | null;
  /** Contacts and members of the owning group (enabled users), each once. */
  people: Person[];
}

const ENVIRONMENT_ORDER = `array_position(ARRAY['TEST','QUAL','BETA','PROD'], cd.environment)`;

/** The people of a user row, with their delivery preferences (defaults without a row). */
const PERSON_OF_USER = `json_build_object('userId', u.id, 'email', u.email, 'emailEnabled', coalesce(p.email_enabled, true), 'digest', coalesce(p.digest, true))`;

/**
 * Reads who notices go to: applications with their contacts and owning group's members,
 * developers, and the managers of departments. Reads only; the tables belong to other modules.
 */
@Injectable()
export class NoticeAudienceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The applications (by id) as a notice about `releaseId` lists them, with their people. */
  async applications(manager: EntityManager | null, applicationIds: readonly string[], releaseId: string): Promise<NoticeSubjectApplication[]> {
    if (applicationIds.length === 0) return [];
    const rows = await (manager ?? this.dataSource.manager).query<
      {
        id: string;
        slug: string;
        name: string;
        department: string;
        group_id: string;
        group_slug: string;
        environments: string[] | null;
        latest_snapshot_id: string | null;
        members: Person[];
        contacts: Person[];
      }[]
    >(
      `SELECT a.id, a.slug, a.name, a.department, g.id AS group_id, g.slug AS group_slug, a.latest_snapshot_id,
              (SELECT array_agg(cd.environment ORDER BY ${ENVIRONMENT_ORDER}) FROM current_deployments cd
                WHERE cd.application_id = a.id AND cd.release_id = $2) AS environments,
              (SELECT coalesce(json_agg(${PERSON_OF_USER} ORDER BY u.email), '[]')
                 FROM group_members m JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
                 LEFT JOIN notice_preferences p ON p.user_id = u.id
                WHERE m.group_id = a.owning_group_id) AS members,
              (SELECT coalesce(json_agg(json_build_object(
                        'userId', u.id, 'email', c.email,
                        'emailEnabled', coalesce(p.email_enabled, true), 'digest', coalesce(p.digest, true)) ORDER BY c.email), '[]')
                 FROM unnest(a.contacts) AS c(email)
                 LEFT JOIN users u ON u.email = c.email
                 LEFT JOIN notice_preferences p ON p.user_id = u.id
                WHERE u.id IS NULL OR u.disabled_at IS NULL) AS contacts
         FROM applications a JOIN groups g ON g.id = a.owning_group_id
        WHERE a.id = ANY($1::uuid[])
        ORDER BY a.slug`,
      [applicationIds, releaseId],
    );
    return rows.map((row) => {
      const people = new Map<string, Person>();
      for (const person of [...row.contacts, ...row.members]) if (!people.has(person.email)) people.set(person.email, person);
      return {
        id: row.id,
        slug: row.slug,
        name: row.name,
        department: row.department,
        groupId: row.group_id,
        groupSlug: row.group_slug,
        environments: row.environments ?? [],
        latestSnapshotId: row.latest_snapshot_id,
        people: [...people.values()],
      };
    });
  }

  /**
   * Everyone who hears about each application (by id): its contacts and the members of its
   * owning group, by e-mail address; what the sweep needs to keep a person's applications in one
   * batch (and so in one digest).
   */
  async recipientEmails(applicationIds: readonly string[]): Promise<Map<string, string[]>> {
    if (applicationIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; emails: string[] }[]>(
      `SELECT a.id, ARRAY(SELECT c.email FROM unnest(a.contacts) AS c(email)
                          UNION SELECT u.email FROM group_members m JOIN users u ON u.id = m.user_id
                           WHERE m.group_id = a.owning_group_id AND u.disabled_at IS NULL) AS emails
         FROM applications a WHERE a.id = ANY($1::uuid[])`,
      [applicationIds],
    );
    return new Map(rows.map((row) => [row.id, row.emails]));
  }

  /** Active applications whose current deployment (any environment) runs the release, at most `limit`. */
  async applicationsOnRelease(manager: EntityManager, releaseId: string, limit: number): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT DISTINCT cd.application_id AS id FROM current_deployments cd JOIN applications a ON a.id = cd.application_id AND a.archived_at IS NULL
        WHERE cd.release_id = $1 ORDER BY 1 LIMIT $2`,
      [releaseId, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Whether notices about the release are paused. */
  async isPaused(manager: EntityManager, releaseId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM notice_pauses WHERE release_id = $1`, [releaseId]);
    return rows.length > 0;
  }

  /** Enabled users with the DEVELOPER role, at most `limit`. */
  async developers(manager: EntityManager, limit: number): Promise<Person[]> {
    const rows = await manager.query<{ person: Person }[]>(
      `SELECT ${PERSON_OF_USER} AS person FROM users u LEFT JOIN notice_preferences p ON p.user_id = u.id
        WHERE 'DEVELOPER' = ANY(u.roles) AND u.disabled_at IS NULL ORDER BY u.email LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.person);
  }

  /** Enabled managers, each with the departments they oversee (null: every department). */
  async managers(manager: EntityManager): Promise<{ person: Person; departments: string[] | null }[]> {
    const rows = await manager.query<{ person: Person; all_departments: boolean; departments: string[] | null }[]>(
      `SELECT ${PERSON_OF_USER} AS person, u.manages_all_departments AS all_departments,
              (SELECT array_agg(d.department) FROM manager_departments d WHERE d.user_id = u.id) AS departments
         FROM users u LEFT JOIN notice_preferences p ON p.user_id = u.id
        WHERE 'MANAGER' = ANY(u.roles) AND u.disabled_at IS NULL ORDER BY u.email`,
    );
    return rows.map((row) => ({ person: row.person, departments: row.all_departments ? null : (row.departments ?? []) }));
  }
}
