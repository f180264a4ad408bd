import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Every department" becomes an explicit grant (issue 13 item 7): before, a manager without
 * department rows oversaw every department, so removing a manager's last department, or a blank
 * department that stored nothing, widened their view to everything. Existing managers without rows
 * keep what they saw (TRUE); everyone else, and every user created from now on, starts at FALSE.
 */
export class ManagersAllDepartments1795331000000 implements MigrationInterface {
  name = 'ManagersAllDepartments1795331000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "manages_all_departments" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `UPDATE "users" u SET "manages_all_departments" = true
        WHERE 'MANAGER' = ANY(u.roles) AND NOT EXISTS (SELECT 1 FROM "manager_departments" d WHERE d.user_id = u.id)`,
    );
  }

  /** Back to "no rows means every department": a manager who saw nothing now sees everything again. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "manages_all_departments"`);
  }
}
