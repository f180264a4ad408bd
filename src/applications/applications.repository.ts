import { Injectable } from '@nestjs/common';
import { addReadScope } from './read-scope-condition';
import { SqlConditions } from '../common/database/sql-conditions';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PreparedStatements } from '../common/database/prepared-statements';
import {
  currentDeploymentsByApplication,
  currentDeploymentsJson,
  type CurrentDeployment,
  type CurrentDeploymentJson,
} from '../deployments/deployments.repository';
import type { ReadScope } from '../groups/access-policy';
import { groupsById, groupsJson, type GroupJson, type GroupNode } from '../groups/groups.repository';
import type { Application, ApplicationFields, ApplicationSort } from './application';

/** The columns of an `Application`, named as the domain type names them: rows come back typed, with no mapping. */
const COLUMNS = `a.id, a.slug, a.name, a.description, a.department, a.owning_group_id AS "owningGroupId", a.contacts,
  a.repository_url AS "repositoryUrl", a.archived_at IS NOT NULL AS archived, a.archived_at AS "archivedAt",
  a.latest_snapshot_id AS "latestSnapshotId", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

const SORT_COLUMNS: Record<ApplicationSort, string> = {
  SLUG: 'a.slug',
  NAME: 'a.name',
  DEPARTMENT: 'a.department',
  CREATED_AT: 'a.created_at',
  UPDATED_AT: 'a.updated_at',
};

export const isTimestampSort = (sort: ApplicationSort): boolean => sort === 'CREATED_AT' || sort === 'UPDATED_AT';

/** Which applications a page holds: the caller's read scope, filters, order and position. */
export interface ApplicationPageQuery {
  scope: ReadScope;
  includeArchived: boolean;
  department?: string | null;
  owningGroupId?: string | null;
  /** Lower-case substring of slug or name. */
  search?: string | null;
  /** Applications that run now in this environment and/or one of these releases (null: any). */
  running?: { environment: string | null; releaseIds: string[] | null } | null;
  /** The latest snapshot has (or has not) ERROR findings on a runtime the application runs now. */
  hasErrors?: boolean | null;
  sort: ApplicationSort;
  descending: boolean;
  first: number;
  /** The sort value (as PostgreSQL prints it) and id of the last row of the previous page. */
  after: { sortValue: string; id: string } | null;
}

/** Application fields a page reads only when the query asks for them, and their columns. */
const NODE_FIELD_COLUMNS: Record<string, string> = {
  name: 'a.name',
  description: 'a.description',
  department: 'a.department',
  contacts: 'a.contacts',
  repositoryUrl: 'a.repository_url',
  archived: 'a.archived_at IS NOT NULL',
  archivedAt: 'a.archived_at',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
};
const NODE_INSTANTS = ['archivedAt', 'createdAt', 'updatedAt'] as const;

/**
 * What a page reads of each application, in the same statement (a client asking for the owning
 * group or the deployments would otherwise cost a round trip each): the fields the query asks
 * for, by their GraphQL names. null: not asked for at all.
 */
export interface ApplicationPageSelection {
  /** Application fields; id, slug, owning group id and latest snapshot id are always read (other fields' resolvers need them). */
  node: ReadonlySet<string>;
  owningGroup: ReadonlySet<string> | null;
  currentDeployments: ReadonlySet<string> | null;
}

/** Every field of an application, as reads outside a list need them. */
export const WHOLE_APPLICATION: ApplicationPageSelection = {
  node: new Set(Object.keys(NODE_FIELD_COLUMNS)),
  owningGroup: null,
  currentDeployments: null,
};

/** An application on a page: the fields other resolvers rely on, and those the query asked for. */
export type ApplicationNode = Pick<Application, 'id' | 'slug' | 'owningGroupId' | 'latestSnapshotId'> & Partial<Application>;

export interface ApplicationPageRow {
  application: ApplicationNode;
  /** The sort value as PostgreSQL prints it (timestamps keep their microseconds). */
  sortValue: string;
  owningGroup?: GroupNode;
  currentDeployments?: CurrentDeployment[];
}

export interface ApplicationPage {
  rows: ApplicationPageRow[];
  totalCount: number;
  hasNextPage: boolean;
}

/** The one row a page statement returns: the total, and the page with what it read besides, as JSON (instants as text). */
interface PageJson {
  totalCount: number;
  rows: Array<
    Omit<ApplicationNode, (typeof NODE_INSTANTS)[number]> & Partial<Record<(typeof NODE_INSTANTS)[number], string | null>> & { sortValue: string }
  > | null;
  groups: GroupJson[] | null;
  deployments: CurrentDeploymentJson[] | null;
}

/**
 * The only writer of `applications`. Methods that run inside a caller's transaction take its
 * manager first; reads outside one default to the pool.
 */
@Injectable()
export class ApplicationsRepository {
  private readonly prepared: PreparedStatements;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.prepared = new PreparedStatements(dataSource);
  }

  async findBySlug(slug: string, manager: EntityManager = this.dataSource.manager): Promise<Application | null> {
    const [app] = await manager.query<Application[]>(`SELECT ${COLUMNS} FROM applications a WHERE a.slug = $1`, [slug]);
    return app ?? null;
  }

  /** The application, locked until the caller's transaction ends; null when there is none. */
  async lockBySlug(manager: EntityManager, slug: string): Promise<Application | null> {
    const [app] = await this.lockBySlugs(manager, [slug]);
    return app ?? null;
  }

  /** These applications (those that exist), locked until the caller's transaction ends. */
  lockBySlugs(manager: EntityManager, slugs: readonly string[]): Promise<Application[]> {
    if (slugs.length === 0) return Promise.resolve([]);
    return manager.query<Application[]>(`SELECT ${COLUMNS} FROM applications a WHERE a.slug = ANY($1::text[]) ORDER BY a.slug FOR UPDATE`, [slugs]);
  }

  /**
   * Creates the application, or returns null when the slug is taken. ON CONFLICT: of two
   * concurrent creations of one slug, the second waits and then learns it lost.
   */
  async insertUnlessTaken(manager: EntityManager, fields: ApplicationFields): Promise<Application | null> {
    const [app] = await this.insertMany(manager, [fields]);
    return app ?? null;
  }

  /** Creates these applications (slugs already taken are skipped), returned in the order given. */
  insertMany(manager: EntityManager, apps: readonly ApplicationFields[]): Promise<Application[]> {
    if (apps.length === 0) return Promise.resolve([]);
    return manager.query<Application[]>(
      `WITH inserted AS (
         INSERT INTO applications (slug, name, description, department, owning_group_id, contacts, repository_url)
         SELECT v.slug, v.name, v.description, v.department, v."owningGroupId", v.contacts, v."repositoryUrl"
           FROM jsonb_to_recordset($1::jsonb) AS v(slug text, name text, description text, department text,
                "owningGroupId" uuid, contacts text[], "repositoryUrl" text)
         ON CONFLICT (slug) DO NOTHING RETURNING *)
       SELECT ${COLUMNS} FROM inserted a ORDER BY array_position($2::text[], a.slug)`,
      [JSON.stringify(apps.map(jsonFields)), apps.map((app) => app.slug)],
    );
  }

  /** Sets the editable fields of each application (by id); returns them as stored, in the order given. */
  updateMany(manager: EntityManager, apps: ReadonlyArray<ApplicationFields & { id: string }>): Promise<Application[]> {
    if (apps.length === 0) return Promise.resolve([]);
    return manager.query<Application[]>(
      `WITH updated AS (
         UPDATE applications t SET slug = v.slug, name = v.name, description = v.description, department = v.department,
                owning_group_id = v."owningGroupId", contacts = v.contacts, repository_url = v."repositoryUrl", updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, slug text, name text, description text, department text,
                "owningGroupId" uuid, contacts text[], "repositoryUrl" text)
          WHERE t.id = v.id RETURNING t.*)
       SELECT ${COLUMNS} FROM updated a ORDER BY array_position($2::uuid[], a.id)`,
      [JSON.stringify(apps.map((app) => ({ id: app.id, ...jsonFields(app) }))), apps.map((app) => app.id)],
    );
  }

  async update(manager: EntityManager, id: string, fields: ApplicationFields): Promise<Application> {
    const [app] = await this.updateMany(manager, [{ id, ...fields }]);
    return app;
  }

  /** Archives (keeping the first archiving time) or unarchives the application. */
  async setArchived(manager: EntityManager, id: string, archived: boolean): Promise<Application> {
    const [app] = await manager.query<Application[]>(
      `WITH updated AS (
         UPDATE applications SET archived_at = CASE WHEN $2 THEN coalesce(archived_at, now()) ELSE NULL END, updated_at = now()
          WHERE id = $1 RETURNING *)
       SELECT ${COLUMNS} FROM updated a`,
      [id, archived],
    );
    return app;
  }

  /** Makes the snapshot the application's latest. */
  async setLatestSnapshot(manager: EntityManager, id: string, snapshotId: string): Promise<void> {
    await manager.query('UPDATE applications SET latest_snapshot_id = $2, updated_at = now() WHERE id = $1', [id, snapshotId]);
  }

  /** Marks the applications changed now (a deployment was recorded for them). */
  async touch(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query('UPDATE applications SET updated_at = now() WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** Every application in the read scope, archived ones only when asked, in byte order of slug. */
  inScope(scope: ReadScope, includeArchived: boolean): Promise<Application[]> {
    const where = new SqlConditions();
    addReadScope(where, scope);
    if (!includeArchived) where.clauses.push('a.archived_at IS NULL');
    // COLLATE "C": paging by comparing slugs in JavaScript agrees with SQL on any server locale.
    return this.dataSource.query<Application[]>(`SELECT ${COLUMNS} FROM applications a WHERE ${where.sql} ORDER BY a.slug COLLATE "C"`, where.params);
  }

  /**
   * One page, the total and what the query asks of the page's owning groups and deployments, in
   * one statement that returns one row. The page walks the sort index and stops after `first + 1`
   * rows; the total is an uncorrelated subquery, computed once; groups and deployments are read
   * for the page's ids at once (not once per row), and everything comes back as JSON, which costs
   * less to parse than rows of typed columns. Only the columns the query asks for are read, and
   * the statement is prepared once per session (planning it cost as much as running it).
   */
  async page(query: ApplicationPageQuery, selection: ApplicationPageSelection = WHOLE_APPLICATION): Promise<ApplicationPage> {
    const where = new SqlConditions();
    addReadScope(where, query.scope);
    if (!query.includeArchived) where.clauses.push('a.archived_at IS NULL');
    if (query.department) where.clauses.push(`a.department = ${where.param(query.department)}`);
    if (query.owningGroupId) where.clauses.push(`a.owning_group_id = ${where.param(query.owningGroupId)}::uuid`);
    if (query.search) {
      const pattern = where.param(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.clauses.push(`(a.slug LIKE ${pattern} OR lower(a.name) LIKE ${pattern})`);
    }
    if (query.running) {
      const parts = ['c.application_id = a.id'];
      if (query.running.environment) parts.push(`c.environment = ${where.param(query.running.environment)}`);
      if (query.running.releaseIds) parts.push(`c.release_id = ANY(${where.param(query.running.releaseIds)}::uuid[])`);
      where.clauses.push(`EXISTS (SELECT 1 FROM current_deployments c WHERE ${parts.join(' AND ')})`);
    }
    if (query.hasErrors !== undefined && query.hasErrors !== null) {
      where.clauses.push(
        `${query.hasErrors ? '' : 'NOT '}EXISTS (SELECT 1 FROM snapshot_scans s JOIN current_deployments c ON c.release_id = s.release_id AND c.application_id = a.id
          WHERE s.snapshot_id = a.latest_snapshot_id AND s.error_count > 0)`,
      );
    }
    const matching = where.sql;
    const column = SORT_COLUMNS[query.sort];
    if (query.after) {
      const cast = isTimestampSort(query.sort) ? '::timestamptz' : '::text';
      where.clauses.push(
        `(${column}, a.id) ${query.descending ? '<' : '>'} (${where.param(query.after.sortValue)}${cast}, ${where.param(query.after.id)}::uuid)`,
      );
    }
    const order = query.descending ? 'DESC' : 'ASC';
    const asked = Object.entries(NODE_FIELD_COLUMNS).filter(([field]) => selection.node.has(field));
    const nodeColumns = asked.map(([field, expression]) => `, ${expression} AS "${field}"`).join('');
    const nodeFields = asked.map(([field]) => `, '${field}', p."${field}"`).join('');
    const [page] = await this.prepared.query<PageJson>(
      `WITH page AS (
         SELECT a.id, a.slug, a.owning_group_id, a.latest_snapshot_id, ${column} AS sort_key, ${column}::text AS sort_value${nodeColumns}
           FROM applications a WHERE ${where.sql}
          ORDER BY ${column} ${order}, a.id ${order} LIMIT ${where.param(query.first + 1)})
       SELECT (SELECT count(*)::int FROM applications a WHERE ${matching}) AS "totalCount",
              (SELECT json_agg(json_build_object('id', p.id, 'slug', p.slug, 'owningGroupId', p.owning_group_id, 'latestSnapshotId', p.latest_snapshot_id,
                      'sortValue', p.sort_value${nodeFields}) ORDER BY p.sort_key ${order}, p.id ${order}) FROM page p) AS rows,
              ${selection.owningGroup ? groupsJson('ARRAY(SELECT p.owning_group_id FROM page p)', selection.owningGroup) : 'NULL::json'} AS groups,
              ${selection.currentDeployments ? currentDeploymentsJson('ARRAY(SELECT p.id FROM page p)', selection.currentDeployments) : 'NULL::json'} AS deployments`,
      where.params,
    );
    const groups = selection.owningGroup ? groupsById(page.groups) : null;
    const deployments = selection.currentDeployments ? currentDeploymentsByApplication(page.deployments) : null;
    const rows = page.rows ?? [];
    return {
      rows: rows.slice(0, query.first).map(({ sortValue, ...fields }) => {
        const application = fields as ApplicationNode;
        for (const instant of NODE_INSTANTS) {
          const text = fields[instant];
          if (typeof text === 'string') application[instant] = new Date(text);
        }
        return {
          application,
          sortValue,
          ...(groups ? { owningGroup: groups.get(application.owningGroupId) } : {}),
          ...(deployments ? { currentDeployments: deployments.get(application.id) ?? [] } : {}),
        };
      }),
      totalCount: page.totalCount,
      hasNextPage: rows.length > query.first,
    };
  }
}

const jsonFields = (app: ApplicationFields) => ({
  slug: app.slug,
  name: app.name,
  description: app.description,
  department: app.department,
  owningGroupId: app.owningGroupId,
  contacts: app.contacts,
  repositoryUrl: app.repositoryUrl,
});
