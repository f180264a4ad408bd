import { createHash } from 'node:crypto';
import type { QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import { connectionPoolOf } from './connection-pool';

/** Distinct statement texts kept prepared; a text seen after these runs unnamed (planned each time), so no session keeps an unbounded set. */
export const MAX_PREPARED_STATEMENTS = 64;

/**
 * Runs the hottest reads as named prepared statements: each pooled session parses and plans the
 * text once, and PostgreSQL may then keep a generic plan instead of planning again on every call
 * (for the applications page, planning cost as much as running it). The text must carry every
 * user value as a parameter: its hash names the statement.
 */
export class PreparedStatements {
  private readonly names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_PREPARED_STATEMENTS) {
      name = `pype_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      this.names.set(text, name);
    }
    return name;
  }

  async query<Row extends QueryResultRow>(text: string, values: unknown[]): Promise<Row[]> {
    const pool = connectionPoolOf(this.dataSource);
    if (pool === undefined) return this.dataSource.query<Row[]>(text, values);
    const name = this.nameOf(text);
    return (await pool.query<Row>(name === undefined ? { text, values } : { name, text, values })).rows;
  }
}
