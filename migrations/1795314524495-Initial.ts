import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795314524495 implements MigrationInterface {
  name = 'Initial1795314524495';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "roles" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "users_email_lower_case" CHECK (email = lower(email)), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL, "token_prefix" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_bbd687a104e1921e6702c6e3aad" UNIQUE ("token_hash"), CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "catalog_revision" ("id" smallint NOT NULL DEFAULT '1', "revision" bigint NOT NULL DEFAULT '0', CONSTRAINT "catalog_revision_single_row" CHECK (id = 1), CONSTRAINT "PK_6c233aaf6dcbbd5f7414c11fe43" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "release_audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "release_version" text NOT NULL, "action" text NOT NULL, "actor_user_id" uuid, "actor_label" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "before" jsonb, "after" jsonb, "reason" text, CONSTRAINT "PK_fb4caaf23ec22f8e0663883124c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "release_audit_events_occurred_at_idx" ON "release_audit_events"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "release_audit_events_version_idx" ON "release_audit_events"  ("release_version", "id") `);
    await queryRunner.query(
      `CREATE TABLE "runtime_releases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" text NOT NULL, "python_version" text NOT NULL, "track" text NOT NULL, "state" text NOT NULL DEFAULT 'DRAFT', "general_availability" date NOT NULL, "end_of_support" date NOT NULL, "migration_target_id" uuid, "notes" text, "published_at" TIMESTAMP WITH TIME ZONE, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_1d25fed96c7ef86472a8e5a4840" UNIQUE ("version"), CONSTRAINT "runtime_releases_window" CHECK (end_of_support > general_availability), CONSTRAINT "runtime_releases_state" CHECK (state IN ('DRAFT', 'PUBLISHED')), CONSTRAINT "runtime_releases_track" CHECK (track IN ('LTS', 'STABLE')), CONSTRAINT "PK_e1c2ab93fdb23af1332420f5b3d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "runtime_release_packages" ("release_id" uuid NOT NULL, "name" text NOT NULL, "version" text NOT NULL, CONSTRAINT "PK_1026afcea8bc25ae63ca9787ac8" PRIMARY KEY ("release_id", "name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "rollout_overrides" ("release_id" uuid NOT NULL, "environment" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "actor_label" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1075a0b3e7e0de21e17ae5dded3" PRIMARY KEY ("release_id", "environment"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_b74883f5884a42fd8496d389b25" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "runtime_releases" ADD CONSTRAINT "FK_87c3cdb840b9260fb7903034b6a" FOREIGN KEY ("migration_target_id") REFERENCES "runtime_releases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "runtime_release_packages" ADD CONSTRAINT "FK_e77b0f04d32d4988d1adf783ac7" FOREIGN KEY ("release_id") REFERENCES "runtime_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rollout_overrides" ADD CONSTRAINT "FK_ab57767004cb4820111a3670687" FOREIGN KEY ("release_id") REFERENCES "runtime_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`INSERT INTO "catalog_revision" ("id", "revision") VALUES (1, 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rollout_overrides" DROP CONSTRAINT "FK_ab57767004cb4820111a3670687"`);
    await queryRunner.query(`ALTER TABLE "runtime_release_packages" DROP CONSTRAINT "FK_e77b0f04d32d4988d1adf783ac7"`);
    await queryRunner.query(`ALTER TABLE "runtime_releases" DROP CONSTRAINT "FK_87c3cdb840b9260fb7903034b6a"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_b74883f5884a42fd8496d389b25"`);
    await queryRunner.query(`DROP TABLE "rollout_overrides"`);
    await queryRunner.query(`DROP TABLE "runtime_release_packages"`);
    await queryRunner.query(`DROP TABLE "runtime_releases"`);
    await queryRunner.query(`DROP INDEX "public"."release_audit_events_version_idx"`);
    await queryRunner.query(`DROP INDEX "public"."release_audit_events_occurred_at_idx"`);
    await queryRunner.query(`DROP TABLE "release_audit_events"`);
    await queryRunner.query(`DROP TABLE "catalog_revision"`);
    await queryRunner.query(`DROP INDEX "public"."api_tokens_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
