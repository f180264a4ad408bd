import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The pg pool behind the DataSource (TypeORM types it as `any`), for the pool metrics and the
 * database monitor; undefined before the DataSource connects and after it is destroyed.
 */
export function connectionPoolOf(dataSource: DataSource): Pool | undefined {
  return (dataSource.driver as PostgresDriver).master as Pool | undefined;
}
