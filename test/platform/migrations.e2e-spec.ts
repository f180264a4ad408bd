import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/common/config/app-config';
import { APP_ENTITIES } from '../../src/app-entities';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options';
import { migrateDatabase, revertAllMigrations } from '../../src/common/database/migrate';
import { MIGRATIONS } from '../../migrations';
import { TABLES_WITHOUT_DATA_CHANGE_NOTIFICATIONS } from '../../migrations/1796590000000-DataChangeNotifications';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';

async function tables(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe('migrations', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl, null);
    dataSource = await new DataSource(buildDataSourceOptions(loadConfig({ NODE_ENV: 'test' }), databaseUrl, APP_ENTITIES)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropTestDatabase(serverUrl, databaseUrl);
  });

  it('run up on an empty database, down to nothing, and up again', async () => {
    const applied = await migrateDatabase(dataSource);
    expect(applied).toHaveLength(MIGRATIONS.length);
    const created = await tables(dataSource);
    expect(created).toEqual(expect.arrayContaining(['users', 'api_tokens', 'runtime_releases', 'release_audit_events', 'catalog_revision']));
    expect(await dataSource.showMigrations()).toBe(false);

    expect(await revertAllMigrations(dataSource)).toBe(MIGRATIONS.length);
    expect(await tables(dataSource)).toEqual([]);

    expect(await migrateDatabase(dataSource)).toHaveLength(MIGRATIONS.length);
    expect(await tables(dataSource)).toEqual(created);
    expect(await migrateDatabase(dataSource)).toEqual([]);
  });

  it('leave no difference between the entities and the migrated schema', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((query) => query.query)).toEqual([]);
  });

  // Remembered signed-in answers are forgotten on any write to a table they may be read from
  // (src/applications/signed-in-answer-cache.ts): a table added later needs the trigger too.
  it('notify every write to the tables answers are read from, including tables added later', async () => {
    const rows = await dataSource.query<{ table: string; trigger: string | null }[]>(
      `SELECT c.relname AS table, t.tgname AS trigger
         FROM pg_class c LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND t.tgfoid = 'pype_notify_data_changed'::regproc
        WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname`,
    );
    const silent = rows.filter((row) => row.trigger === null).map((row) => row.table);
    expect(silent.sort()).toEqual([...TABLES_WITHOUT_DATA_CHANGE_NOTIFICATIONS].sort());
    for (const row of rows.filter((entry) => entry.trigger !== null)) expect(row.trigger).toBe(`${row.table}_data_changed`);
    expect(rows.length).toBeGreaterThan(TABLES_WITHOUT_DATA_CHANGE_NOTIFICATIONS.length + 15);
  });

  // Issue 13 item 7: "every department" became explicit; existing managers keep what they saw.
  it('grant every department to existing managers without departments, and to nobody else', async () => {
    const isApplied = async () =>
      (await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM typeorm_migrations WHERE name = 'ManagersAllDepartments1795331000000'`))[0].n >
      0;
    while (await isApplied()) await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.query(
      `INSERT INTO users (email, display_name, roles) VALUES
         ('m-none@example.edu', 'M', '{MANAGER}'), ('m-some@example.edu', 'M', '{MANAGER,DEVELOPER}'), ('dev@example.edu', 'D', '{DEVELOPER}')`,
    );
    const [{ id: withDepartments }] = await dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE email = 'm-some@example.edu'`);
    await dataSource.query(`INSERT INTO manager_departments (user_id, department) VALUES ($1, 'Library')`, [withDepartments]);

    await migrateDatabase(dataSource);
    expect(await dataSource.query(`SELECT email, manages_all_departments AS "all" FROM users ORDER BY email`)).toEqual([
      { email: 'dev@example.edu', all: false },
      { email: 'm-none@example.edu', all: true },
      { email: 'm-some@example.edu', all: false },
    ]);
    const [{ column_default }] = await dataSource.query<{ column_default: string }[]>(
      `SELECT column_default FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'manages_all_departments'`,
    );
    expect(column_default).toBe('false');
    await dataSource.query('DELETE FROM users');
  });
});
