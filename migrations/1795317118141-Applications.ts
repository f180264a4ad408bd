import { MigrationInterface, QueryRunner } from 'typeorm';

export class Applications1795317118141 implements MigrationInterface {
  name = 'Applications1795317118141';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "name" text NOT NULL, "description" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_eccfe767267171ae21e7cbf183d" UNIQUE ("slug"), CONSTRAINT "groups_slug_format" CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'), CONSTRAINT "PK_659d1483316afb28afd3a90646e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "group_members" ("group_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL DEFAULT 'MEMBER', "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "group_members_role" CHECK (role IN ('OWNER', 'MEMBER')), CONSTRAINT "PK_f5939ee0ad233ad35e03f5c65c1" PRIMARY KEY ("group_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "group_members_user_idx" ON "group_members"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "manager_departments" ("user_id" uuid NOT NULL, "department" text NOT NULL, CONSTRAINT "PK_5e188f9ad792cbc15e450424135" PRIMARY KEY ("user_id", "department"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "name" text NOT NULL, "description" text, "department" text NOT NULL, "owning_group_id" uuid NOT NULL, "contacts" text array NOT NULL DEFAULT '{}', "repository_url" text, "archived_at" TIMESTAMP WITH TIME ZONE, "latest_snapshot_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7482543b92c5b8b51b988f890e5" UNIQUE ("slug"), CONSTRAINT "applications_slug_format" CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "applications_group_idx" ON "applications"  ("owning_group_id") `);
    await queryRunner.query(`CREATE INDEX "applications_department_idx" ON "applications"  ("department") `);
    await queryRunner.query(
      `CREATE TABLE "deployments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "environment" text NOT NULL, "release_id" uuid NOT NULL, "commit_sha" text NOT NULL, "deployed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text NOT NULL, "override_reason" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "deployments_environment" CHECK (environment IN ('TEST', 'QUAL', 'BETA', 'PROD')), CONSTRAINT "PK_1e5627acb3c950deb83fe98fc48" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "deployments_application_idx" ON "deployments"  ("application_id", "environment", "deployed_at") `);
    await queryRunner.query(
      `CREATE TABLE "current_deployments" ("application_id" uuid NOT NULL, "environment" text NOT NULL, "deployment_id" uuid NOT NULL, "release_id" uuid NOT NULL, "deployed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6ad75ed0519bcee9eb212d08d15" PRIMARY KEY ("application_id", "environment"))`,
    );
    await queryRunner.query(`CREATE INDEX "current_deployments_release_idx" ON "current_deployments"  ("release_id") `);
    await queryRunner.query(
      `CREATE TABLE "requirement_blobs" ("sha256" text NOT NULL, "content" text NOT NULL, "bytes" integer NOT NULL, CONSTRAINT "PK_e7a90a37f49edaea7232cc5946f" PRIMARY KEY ("sha256"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "requirement_snapshots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "commit_sha" text NOT NULL, "content_hash" text NOT NULL, "files" jsonb NOT NULL, "submitted_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_commit_sha" text NOT NULL, CONSTRAINT "requirement_snapshots_content_unique" UNIQUE ("application_id", "content_hash"), CONSTRAINT "PK_b3d1ec39f35a705dc6d99178683" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "requirement_snapshots_application_idx" ON "requirement_snapshots"  ("application_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "snapshot_scans" ("snapshot_id" uuid NOT NULL, "release_id" uuid NOT NULL, "environments" text array NOT NULL DEFAULT '{}', "error_count" integer NOT NULL, "warning_count" integer NOT NULL, "findings" jsonb NOT NULL, "scanned_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e5d9ffa803da3be4436cc5943ee" PRIMARY KEY ("snapshot_id", "release_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "group_members" ADD CONSTRAINT "FK_2c840df5db52dc6b4a1b0b69c6e" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "group_members" ADD CONSTRAINT "FK_20a555b299f75843aa53ff8b0ee" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "manager_departments" ADD CONSTRAINT "FK_18f06602f42bb1c464e7082fe25" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "FK_03548d40c84e9dfd4905f43338c" FOREIGN KEY ("owning_group_id") REFERENCES "groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "FK_061f19b6691a9280d5514ee400e" FOREIGN KEY ("latest_snapshot_id") REFERENCES "requirement_snapshots"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deployments" ADD CONSTRAINT "FK_9d722fa4ca47c10eff7c6f79e7c" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deployments" ADD CONSTRAINT "FK_8689e0990bb2d64b992d27d496e" FOREIGN KEY ("release_id") REFERENCES "runtime_releases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "current_deployments" ADD CONSTRAINT "FK_f1c8ce2f6ef55dde9027cb604f7" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "current_deployments" ADD CONSTRAINT "FK_f0963cb61a2ca889721c28deb29" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "current_deployments" ADD CONSTRAINT "FK_fe7666c8186ca90052d26a83c26" FOREIGN KEY ("release_id") REFERENCES "runtime_releases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "requirement_snapshots" ADD CONSTRAINT "FK_cad3d3467abec2c6eb876e13a7f" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "snapshot_scans" ADD CONSTRAINT "FK_5a45c1c3608869d1c0ca335c0ee" FOREIGN KEY ("snapshot_id") REFERENCES "requirement_snapshots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "snapshot_scans" ADD CONSTRAINT "FK_d7fe119c8589a7389dbcedcf868" FOREIGN KEY ("release_id") REFERENCES "runtime_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "snapshot_scans" DROP CONSTRAINT "FK_d7fe119c8589a7389dbcedcf868"`);
    await queryRunner.query(`ALTER TABLE "snapshot_scans" DROP CONSTRAINT "FK_5a45c1c3608869d1c0ca335c0ee"`);
    await queryRunner.query(`ALTER TABLE "requirement_snapshots" DROP CONSTRAINT "FK_cad3d3467abec2c6eb876e13a7f"`);
    await queryRunner.query(`ALTER TABLE "current_deployments" DROP CONSTRAINT "FK_fe7666c8186ca90052d26a83c26"`);
    await queryRunner.query(`ALTER TABLE "current_deployments" DROP CONSTRAINT "FK_f0963cb61a2ca889721c28deb29"`);
    await queryRunner.query(`ALTER TABLE "current_deployments" DROP CONSTRAINT "FK_f1c8ce2f6ef55dde9027cb604f7"`);
    await queryRunner.query(`ALTER TABLE "deployments" DROP CONSTRAINT "FK_8689e0990bb2d64b992d27d496e"`);
    await queryRunner.query(`ALTER TABLE "deployments" DROP CONSTRAINT "FK_9d722fa4ca47c10eff7c6f79e7c"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_061f19b6691a9280d5514ee400e"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_03548d40c84e9dfd4905f43338c"`);
    await queryRunner.query(`ALTER TABLE "manager_departments" DROP CONSTRAINT "FK_18f06602f42bb1c464e7082fe25"`);
    await queryRunner.query(`ALTER TABLE "group_members" DROP CONSTRAINT "FK_20a555b299f75843aa53ff8b0ee"`);
    await queryRunner.query(`ALTER TABLE "group_members" DROP CONSTRAINT "FK_2c840df5db52dc6b4a1b0b69c6e"`);
    await queryRunner.query(`DROP TABLE "snapshot_scans"`);
    await queryRunner.query(`DROP INDEX "public"."requirement_snapshots_application_idx"`);
    await queryRunner.query(`DROP TABLE "requirement_snapshots"`);
    await queryRunner.query(`DROP TABLE "requirement_blobs"`);
    await queryRunner.query(`DROP INDEX "public"."current_deployments_release_idx"`);
    await queryRunner.query(`DROP TABLE "current_deployments"`);
    await queryRunner.query(`DROP INDEX "public"."deployments_application_idx"`);
    await queryRunner.query(`DROP TABLE "deployments"`);
    await queryRunner.query(`DROP INDEX "public"."applications_department_idx"`);
    await queryRunner.query(`DROP INDEX "public"."applications_group_idx"`);
    await queryRunner.query(`DROP TABLE "applications"`);
    await queryRunner.query(`DROP TABLE "manager_departments"`);
    await queryRunner.query(`DROP INDEX "public"."group_members_user_idx"`);
    await queryRunner.query(`DROP TABLE "group_members"`);
    await queryRunner.query(`DROP TABLE "groups"`);
  }
}
