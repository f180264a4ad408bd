import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The applications list of a member reads "active applications of these groups": with this partial
 * index its count is an index-only scan instead of a pass over the whole table (issue 13 item 3).
 */
export class ApplicationsActiveGroupIndex1795330000000 implements MigrationInterface {
  name = 'ApplicationsActiveGroupIndex1795330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "applications_active_group_idx" ON "applications"  ("owning_group_id") WHERE archived_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."applications_active_group_idx"`);
  }
}
