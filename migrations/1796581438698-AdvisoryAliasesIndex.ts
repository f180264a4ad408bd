import { MigrationInterface, QueryRunner } from 'typeorm';

/** `advisory(id:)` also finds an advisory by one of its aliases (a CVE or GHSA id): a GIN index serves `aliases @> ARRAY[...]`. */
export class AdvisoryAliasesIndex1796581438698 implements MigrationInterface {
  name = 'AdvisoryAliasesIndex1796581438698';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "advisories_aliases_idx" ON "advisories" USING GIN ("aliases")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "advisories_aliases_idx"`);
  }
}
