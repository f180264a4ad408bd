import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A stored scan keeps the findings its snapshot's `.pype-lifecycle.toml` suppressed (with the entry's reason and until),
 * so they are reported as suppressed rather than dropped. Scans stored before have none recorded.
 */
export class SnapshotScanSuppressed1796588376681 implements MigrationInterface {
  name = 'SnapshotScanSuppressed1796588376681';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "snapshot_scans" ADD "suppressed" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "snapshot_scans" DROP COLUMN "suppressed"`);
  }
}
