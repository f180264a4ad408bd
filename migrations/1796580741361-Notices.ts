import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deprecation notices (issue 9): the exactly-once records of milestones per (application,
 * release, milestone), the notices people read, their delivery preferences, and paused releases.
 */
export class Notices1796580741361 implements MigrationInterface {
  name = 'Notices1796580741361';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notice_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "release_id" uuid NOT NULL, "milestone_days" integer NOT NULL, "end_of_support" date NOT NULL, "status" text NOT NULL, "recorded_on" date NOT NULL, "escalated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notice_records_once" UNIQUE ("application_id", "release_id", "milestone_days"), CONSTRAINT "notice_records_milestone_days" CHECK (milestone_days >= 0), CONSTRAINT "notice_records_status" CHECK (status IN ('SENT', 'SUPERSEDED')), CONSTRAINT "PK_bec02f60b187248f537c2739e09" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "notice_records_release_idx" ON "notice_records"  ("release_id", "milestone_days") `);
    await queryRunner.query(`CREATE INDEX "notice_records_escalation_idx" ON "notice_records"  ("recorded_on") WHERE status = 'SENT' AND escalated_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "recipient_email" text NOT NULL, "user_id" uuid, "release_id" uuid, "release_version" text, "milestone_days" integer, "deadline" date, "subject" text NOT NULL, "body_text" text NOT NULL, "body_html" text NOT NULL, "application_ids" uuid array NOT NULL DEFAULT '{}', "applications" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notices_recipient_lower_case" CHECK (recipient_email = lower(recipient_email)), CONSTRAINT "notices_kind" CHECK (kind IN ('MILESTONE', 'RELEASE_PUBLISHED', 'END_OF_SUPPORT_CHANGED', 'ESCALATION', 'WAIVER_EXPIRED')), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "notices_unread_idx" ON "notices"  ("user_id", "created_at", "id") WHERE acknowledged_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "notices_user_idx" ON "notices"  ("user_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "notices_applications_idx" ON "notices" USING GIN ("application_ids")`);
    await queryRunner.query(
      `CREATE TABLE "notice_preferences" ("user_id" uuid NOT NULL, "email_enabled" boolean NOT NULL DEFAULT true, "digest" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e48c572a24406c76a8f53cf977a" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notice_pauses" ("release_id" uuid NOT NULL, "reason" text NOT NULL, "paused_by" text NOT NULL, "paused_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0b219e22f74b8d08a4989e16826" PRIMARY KEY ("release_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_pauses" ADD CONSTRAINT "FK_0b219e22f74b8d08a4989e16826" FOREIGN KEY ("release_id") REFERENCES "runtime_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_preferences" ADD CONSTRAINT "FK_e48c572a24406c76a8f53cf977a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_records" ADD CONSTRAINT "FK_80d7887794155d338dbd36aee3c" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_records" ADD CONSTRAINT "FK_36a04a5a837ca9f038d7181cf57" FOREIGN KEY ("release_id") REFERENCES "runtime_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "FK_b63e8dcd3d13a55e8099bfee902" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "FK_b8a0e5f82daf8a23606bed8ba3d" FOREIGN KEY ("release_id") REFERENCES "runtime_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notices"`);
    await queryRunner.query(`DROP TABLE "notice_records"`);
    await queryRunner.query(`DROP TABLE "notice_preferences"`);
    await queryRunner.query(`DROP TABLE "notice_pauses"`);
  }
}
