import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose writes can change what an API token authenticates as (see src/auth/token-lookup-cache.ts). */
const WATCHED = [
  { table: 'api_tokens', events: 'INSERT OR DELETE OR TRUNCATE OR UPDATE OF token_hash, user_id, expires_at, revoked_at' },
  { table: 'users', events: 'INSERT OR UPDATE OR DELETE OR TRUNCATE' },
  { table: 'group_members', events: 'INSERT OR UPDATE OR DELETE OR TRUNCATE' },
  { table: 'manager_departments', events: 'INSERT OR UPDATE OR DELETE OR TRUNCATE' },
];

/**
 * Every replica keeps API token lookups (the token, its user, the user's memberships and managed
 * departments) in memory for a few seconds. A write to any of those tables, by any code path,
 * replica or tool, NOTIFYs `pype_access` at commit so that every replica forgets them. Statement
 * triggers: one notification per statement (PostgreSQL folds repeats within a transaction); a
 * token's last use is left out, it changes nothing a lookup decides.
 */
export class AccessChangeNotifications1796581805682 implements MigrationInterface {
  name = 'AccessChangeNotifications1796581805682';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION pype_notify_access_changed() RETURNS trigger LANGUAGE plpgsql AS
       $$BEGIN PERFORM pg_notify('pype_access', '0'); RETURN NULL; END$$`,
    );
    for (const { table, events } of WATCHED) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_access_changed" AFTER ${events} ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION pype_notify_access_changed()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of WATCHED) await queryRunner.query(`DROP TRIGGER "${table}_access_changed" ON "${table}"`);
    await queryRunner.query('DROP FUNCTION pype_notify_access_changed()');
  }
}
