import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: every replica takes the same lock, so only one migrates at a time. */
const MIGRATION_LOCK_KEY = 7_310_442_019;

/**
 * Applies pending migrations. Several replicas may start together: an advisory lock makes the
 * others wait, and they then find nothing left to do.
 */
export async function migrateDatabase(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Reverts every applied migration, newest first (tests and `npm run cli -- db:reset`). */
export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  let reverted = 0;
  while ((await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM typeorm_migrations'))[0].n > 0) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    reverted += 1;
  }
  return reverted;
}
