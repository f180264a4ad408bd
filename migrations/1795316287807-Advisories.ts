import { MigrationInterface, QueryRunner } from 'typeorm';

export class Advisories1795316287807 implements MigrationInterface {
  name = 'Advisories1795316287807';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "advisories" ("id" text NOT NULL, "modified" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn" TIMESTAMP WITH TIME ZONE, "severity" text NOT NULL, "summary" text, "aliases" text array NOT NULL DEFAULT '{}', "packages" text array NOT NULL DEFAULT '{}', "document" jsonb NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d7296456a2d94b0ec905412c5b2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "advisory_revision" ("id" smallint NOT NULL DEFAULT '1', "revision" bigint NOT NULL DEFAULT '0', CONSTRAINT "advisory_revision_single_row" CHECK (id = 1), CONSTRAINT "PK_14517ec90bf366c3aa11ecef365" PRIMARY KEY ("id"))`,
    );
    // GIN: "which advisories mention this package" is the lookup the API makes.
    await queryRunner.query(`CREATE INDEX "advisories_packages_idx" ON "advisories" USING GIN ("packages")`);
    await queryRunner.query(`INSERT INTO "advisory_revision" ("id", "revision") VALUES (1, 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "advisory_revision"`);
    await queryRunner.query(`DROP INDEX "advisories_packages_idx"`);
    await queryRunner.query(`DROP TABLE "advisories"`);
  }
}
