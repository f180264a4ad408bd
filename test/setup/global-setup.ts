/**
 * Starts one real PostgreSQL (embedded) for the whole test run and prepares a migrated
 * template database; each test file clones it (CREATE DATABASE ... TEMPLATE), which is fast
 * and keeps files independent when they run in parallel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/common/config/app-config';
import { APP_ENTITIES } from '../../src/app-entities';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options';
import { EmbeddedDatabase } from '../../src/common/database/embedded-postgres';
import { migrateDatabase } from '../../src/common/database/migrate';
import { TEMPLATE_DATABASE } from './test-database';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Under the OS temp directory: a checkout under a 0700 home is unreachable for the postgres user.
  const dataDir = mkdtempSync(join(tmpdir(), 'pype-test-pg-'));
  const database = await EmbeddedDatabase.start({ dataDir, port: await freePort(), database: 'postgres' });
  await database.createDatabaseIfMissing(TEMPLATE_DATABASE);
  const config = loadConfig({ NODE_ENV: 'test' });
  const dataSource = await new DataSource(buildDataSourceOptions(config, database.urlFor(TEMPLATE_DATABASE), APP_ENTITIES)).initialize();
  await migrateDatabase(dataSource);
  await dataSource.destroy();
  project.provide('postgresUrl', database.urlFor('postgres'));
  return async () => {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
