import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Advisory } from '../requirements';
import { AdvisoryEntity, AdvisoryRevisionEntity } from './advisory.entity';

export const ADVISORY_CHANNEL = 'pype_advisories';

/** The only writer of `advisories` and the `advisory_revision` counter. */
@Injectable()
export class AdvisoriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // The scanner's two reads go through DataSource.query, in plain SQL: they are the hot path, and the
  // advisories e2e test counts the queries a scan makes by watching DataSource.query.
  async revision(): Promise<number> {
    const [row] = await this.dataSource.query<{ revision: string }[]>('SELECT revision FROM advisory_revision WHERE id = 1');
    return Number(row.revision);
  }

  /** Makes imports take turns until the transaction ends (FOR UPDATE cannot lock ids not stored yet). */
  async lockForImport(manager: EntityManager): Promise<void> {
    await manager.getRepository(AdvisoryRevisionEntity).findOne({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
  }

  /** The stored `modified` of these advisories, locked for the transaction. */
  async lockModified(manager: EntityManager, ids: readonly string[]): Promise<Map<string, Date>> {
    if (ids.length === 0) return new Map();
    const rows = await manager
      .getRepository(AdvisoryEntity)
      .find({ select: { id: true, modified: true }, where: { id: In([...ids]) }, lock: { mode: 'pessimistic_write' } });
    return new Map(rows.map((row) => [row.id, row.modified]));
  }

  /** Stores the advisory, replacing the stored one with that id. */
  async put(manager: EntityManager, advisory: Advisory, importedAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO advisories (id, modified, withdrawn, severity, summary, aliases, packages, document, imported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET modified = EXCLUDED.modified, withdrawn = EXCLUDED.withdrawn, severity = EXCLUDED.severity,
         summary = EXCLUDED.summary, aliases = EXCLUDED.aliases, packages = EXCLUDED.packages, document = EXCLUDED.document,
         imported_at = EXCLUDED.imported_at`,
      [
        advisory.id,
        advisory.modified,
        advisory.withdrawn,
        advisory.severity,
        advisory.summary,
        advisory.aliases,
        [...new Set(advisory.affected.map((affected) => affected.name))],
        JSON.stringify(advisory),
        importedAt,
      ],
    );
  }

  /** Moves the revision on and announces it to every replica (delivered when the transaction commits). */
  async bumpAndAnnounceRevision(manager: EntityManager): Promise<number> {
    // A SELECT (not a bare UPDATE ... RETURNING) so that TypeORM returns plain rows.
    const [row] = await manager.query<{ revision: string }[]>(
      'WITH bumped AS (UPDATE advisory_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision) SELECT revision, pg_notify($1, revision::text) FROM bumped',
      [ADVISORY_CHANNEL],
    );
    return Number(row.revision);
  }

  /** By id first; else by alias (`advisories_aliases_idx` serves `aliases @> ARRAY[...]`), the smallest id when several share it. */
  async findDocumentByIdOrAlias(idOrAlias: string): Promise<Advisory | null> {
    const rows = await this.dataSource.query<{ document: Advisory }[]>(
      `(SELECT document, 0 AS rank, id FROM advisories WHERE id = $1)
       UNION ALL (SELECT document, 1 AS rank, id FROM advisories WHERE aliases @> ARRAY[$1]::text[] ORDER BY id LIMIT 1)
       ORDER BY rank, id LIMIT 1`,
      [idOrAlias],
    );
    return rows[0]?.document ?? null;
  }

  /** A page of documents by id, of one package (canonical name) or all: `first` after the id `afterId`, and how many there are. */
  async pageOfDocuments(packageName: string | null, afterId: string | null, first: number): Promise<{ documents: Advisory[]; totalCount: number }> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM advisories WHERE ($1::text IS NULL OR $1 = ANY(packages))',
      [packageName],
    );
    const rows = await this.dataSource.query<{ document: Advisory }[]>(
      `SELECT document FROM advisories WHERE ($1::text IS NULL OR $1 = ANY(packages)) AND ($2::text IS NULL OR id > $2)
       ORDER BY id LIMIT $3`,
      [packageName, afterId, first],
    );
    return { documents: rows.map((row) => row.document), totalCount: count };
  }

  /** Every advisory in force (not withdrawn), for the scanner's matcher. */
  async inForce(): Promise<Advisory[]> {
    const rows = await this.dataSource.query<{ document: Advisory }[]>('SELECT document FROM advisories WHERE withdrawn IS NULL');
    return rows.map((row) => row.document);
  }
}
