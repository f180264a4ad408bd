import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables whose writes change nothing a remembered signed-in answer can show (see
 * src/common/graphql/signed-in-answer-cache.ts): bookkeeping written on reads (a token's or a feed
 * token's last use, browser sessions), the notices wing's own records and deliveries, and the
 * revision counters, which have notifications of their own. Every other table of the schema,
 * including any a later migration adds, must carry the `_data_changed` trigger
 * (test/platform/data-change-notifications.e2e-spec.ts checks it).
 */
export const TABLES_WITHOUT_DATA_CHANGE_NOTIFICATIONS: readonly string[] = [
  'typeorm_migrations',
  'api_tokens',
  'feed_tokens',
  'page_sessions',
  'catalog_revision',
  'advisory_revision',
  'notices',
  'notice_records',
  'notice_deliveries',
  'notice_delivery_attempts',
  'notice_preferences',
];

/**
 * Every replica may keep answers to signed-in reads of the inventory for a few seconds. A write
 * to any table they can be read from, by any code path, replica or tool, NOTIFYs `pype_data` at
 * commit so that every replica forgets them. Statement triggers: one notification per statement,
 * and PostgreSQL folds repeats within a transaction, so an import of 5 000 rows sends one.
 */
export class DataChangeNotifications1796590000000 implements MigrationInterface {
  name = 'DataChangeNotifications1796590000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION pype_notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS
       $$BEGIN PERFORM pg_notify('pype_data', '0'); RETURN NULL; END$$`,
    );
    for (const table of await watchedTables(queryRunner)) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION pype_notify_data_changed()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // DROP FUNCTION ... CASCADE would also drop triggers a later migration attached: name them.
    const triggers = (await queryRunner.query(
      `SELECT c.relname AS table, t.tgname AS trigger FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE t.tgfoid = 'pype_notify_data_changed'::regproc AND c.relnamespace = current_schema()::regnamespace`,
    )) as { table: string; trigger: string }[];
    for (const { table, trigger } of triggers) await queryRunner.query(`DROP TRIGGER "${trigger}" ON "${table}"`);
    await queryRunner.query('DROP FUNCTION pype_notify_data_changed()');
  }
}

/** The schema's tables, less those whose writes change no remembered answer. */
async function watchedTables(queryRunner: QueryRunner): Promise<string[]> {
  const rows = (await queryRunner.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND NOT (tablename = ANY($1::text[])) ORDER BY tablename`,
    [TABLES_WITHOUT_DATA_CHANGE_NOTIFICATIONS],
  )) as { tablename: string }[];
  return rows.map((row) => row.tablename);
}
