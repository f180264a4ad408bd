import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Migration tracking (issue 10): migrations per application and source release, every status
 * transition with its cause, waivers (at most one pending or approved per migration) and what
 * members declared. Generated from the entities, read by a person; down drops it all.
 */
export class MigrationTracking1796580701052 implements MigrationInterface {
  name = 'MigrationTracking1796580701052';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "migrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "source_release_id" uuid NOT NULL, "target_release_id" uuid NOT NULL, "status" text NOT NULL, "blockers" jsonb NOT NULL DEFAULT '[]', "opened_by" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "migrations_application_source_unique" UNIQUE ("application_id", "source_release_id"), CONSTRAINT "migrations_target_not_source" CHECK (target_release_id <> source_release_id), CONSTRAINT "migrations_status" CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'IN_TESTING', 'COMPLETED', 'BLOCKED', 'WAIVED')), CONSTRAINT "PK_8c82d7f526340ab734260ea46be" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "migrations_source_status_idx" ON "migrations"  ("source_release_id", "status") `);
    await queryRunner.query(
      `CREATE TABLE "migration_transitions" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "migration_id" uuid NOT NULL, "previous_status" text, "status" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "cause_kind" text NOT NULL, "cause_ref" text, "cause" text NOT NULL, CONSTRAINT "migration_transitions_cause_kind" CHECK (cause_kind IN ('OPENED', 'DEPLOYMENT', 'SCAN', 'PERSON', 'WAIVER', 'SWEEP')), CONSTRAINT "migration_transitions_status" CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'IN_TESTING', 'COMPLETED', 'BLOCKED', 'WAIVED')), CONSTRAINT "PK_45d0b1c4832b96185c6b462ac0f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "migration_transitions_migration_idx" ON "migration_transitions"  ("migration_id", "at") `);
    await queryRunner.query(
      `CREATE TABLE "migration_waivers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "migration_id" uuid NOT NULL, "status" text NOT NULL, "reason" text NOT NULL, "expires_on" date NOT NULL, "requested_by" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" text, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, CONSTRAINT "migration_waivers_status" CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')), CONSTRAINT "PK_4d66dad7008ec75a270addbc900" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "migration_waivers_open_unique" ON "migration_waivers"  ("migration_id") WHERE status IN ('PENDING', 'APPROVED')`,
    );
    await queryRunner.query(`CREATE INDEX "migration_waivers_migration_idx" ON "migration_waivers"  ("migration_id", "requested_at") `);
    await queryRunner.query(
      `CREATE TABLE "migration_declarations" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "migration_id" uuid NOT NULL, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" text NOT NULL, "reason" text, "declared_by" text NOT NULL, CONSTRAINT "migration_declarations_kind" CHECK (kind IN ('STARTED', 'BLOCKED')), CONSTRAINT "PK_e9f2247ee59db2507176311034f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "migration_declarations_migration_idx" ON "migration_declarations"  ("migration_id", "id") `);
    await queryRunner.query(
      `ALTER TABLE "migrations" ADD CONSTRAINT "FK_6e19d48717e8043ede34f13bb24" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "migrations" ADD CONSTRAINT "FK_8233dcd3d7ce3318910c239b8bd" FOREIGN KEY ("source_release_id") REFERENCES "runtime_releases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "migrations" ADD CONSTRAINT "FK_9deaf51a7e5402acc5b88ad1eda" FOREIGN KEY ("target_release_id") REFERENCES "runtime_releases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "migration_transitions" ADD CONSTRAINT "FK_4e87914f4ddefdb54ab93cfee5d" FOREIGN KEY ("migration_id") REFERENCES "migrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "migration_waivers" ADD CONSTRAINT "FK_3f66215fd4dd947c91b121ae39d" FOREIGN KEY ("migration_id") REFERENCES "migrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "migration_declarations" ADD CONSTRAINT "FK_fb277a2e0d7ece0da4e2e5ff47e" FOREIGN KEY ("migration_id") REFERENCES "migrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "migration_declarations" DROP CONSTRAINT "FK_fb277a2e0d7ece0da4e2e5ff47e"`);
    await queryRunner.query(`ALTER TABLE "migration_waivers" DROP CONSTRAINT "FK_3f66215fd4dd947c91b121ae39d"`);
    await queryRunner.query(`ALTER TABLE "migration_transitions" DROP CONSTRAINT "FK_4e87914f4ddefdb54ab93cfee5d"`);
    await queryRunner.query(`ALTER TABLE "migrations" DROP CONSTRAINT "FK_9deaf51a7e5402acc5b88ad1eda"`);
    await queryRunner.query(`ALTER TABLE "migrations" DROP CONSTRAINT "FK_8233dcd3d7ce3318910c239b8bd"`);
    await queryRunner.query(`ALTER TABLE "migrations" DROP CONSTRAINT "FK_6e19d48717e8043ede34f13bb24"`);
    await queryRunner.query(`DROP INDEX "public"."migration_declarations_migration_idx"`);
    await queryRunner.query(`DROP TABLE "migration_declarations"`);
    await queryRunner.query(`DROP INDEX "public"."migration_waivers_migration_idx"`);
    await queryRunner.query(`DROP INDEX "public"."migration_waivers_open_unique"`);
    await queryRunner.query(`DROP TABLE "migration_waivers"`);
    await queryRunner.query(`DROP INDEX "public"."migration_transitions_migration_idx"`);
    await queryRunner.query(`DROP TABLE "migration_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."migrations_source_status_idx"`);
    await queryRunner.query(`DROP TABLE "migrations"`);
  }
}
