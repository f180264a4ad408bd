/**
 * A fresh, migrated database for one test file with a DataSource on it: for tests of repositories
 * and services without HTTP (build them with `new`, passing this DataSource).
 */
import { inject } from 'vitest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/common/config/app-config';
import { APP_ENTITIES } from '../../src/app-entities';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options';
import { createTestDatabase, dropTestDatabase } from './test-database';

export interface TestDataSource {
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function openTestDataSource(): Promise<TestDataSource> {
  const serverUrl = inject('postgresUrl');
  const databaseUrl = await createTestDatabase(serverUrl);
  const dataSource = await new DataSource(buildDataSourceOptions(loadConfig({ NODE_ENV: 'test' }), databaseUrl, APP_ENTITIES)).initialize();
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await dropTestDatabase(serverUrl, databaseUrl);
    },
  };
}
