import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries of notices (issue 9): groups' webhooks, one row per e-mail or webhook call with its
 * status, and every attempt. pg-boss's job tables are not here: pg-boss installs and migrates its
 * own schema (`pgboss`) when the service starts.
 */
export class Deliveries1796580734311 implements MigrationInterface {
  name = 'Deliveries1796580734311';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "url" text NOT NULL, "secret" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "webhooks_group_idx" ON "webhooks" ("group_id", "created_at", "id")`);
    await queryRunner.query(
      `CREATE TABLE "notice_deliveries" ("id" uuid NOT NULL, "channel" text NOT NULL, "notice_id" uuid, "target" text NOT NULL, "webhook_id" uuid, "subject" text NOT NULL, "content" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'QUEUED', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "job_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notice_deliveries_status" CHECK (status IN ('QUEUED', 'RETRYING', 'SENT', 'DEAD', 'NOT_SENT')), CONSTRAINT "notice_deliveries_channel" CHECK (channel IN ('EMAIL', 'WEBHOOK')), CONSTRAINT "PK_936f61f7a56488c972f885d443e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "notice_deliveries_notice_idx" ON "notice_deliveries" ("notice_id")`);
    await queryRunner.query(`CREATE INDEX "notice_deliveries_created_idx" ON "notice_deliveries" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "notice_deliveries_status_idx" ON "notice_deliveries" ("status", "created_at", "id")`);
    await queryRunner.query(
      `CREATE TABLE "notice_delivery_attempts" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "delivery_id" uuid NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "channel" text NOT NULL, "target" text NOT NULL, "outcome" text NOT NULL, "error" text, "response_status" integer, "duration_ms" integer NOT NULL, CONSTRAINT "notice_delivery_attempts_outcome" CHECK (outcome IN ('SUCCESS', 'FAILURE', 'NOT_SENT')), CONSTRAINT "PK_211542099d76282f66b34568c18" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "notice_delivery_attempts_delivery_idx" ON "notice_delivery_attempts" ("delivery_id", "id")`);
    await queryRunner.query(
      `ALTER TABLE "webhooks" ADD CONSTRAINT "FK_bb5178794f98a06c3fbae4e5c45" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_deliveries" ADD CONSTRAINT "FK_fb87f7a54e6e650db82e669e312" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_delivery_attempts" ADD CONSTRAINT "FK_941006033bd9aa4ac7f2f4a6c0a" FOREIGN KEY ("delivery_id") REFERENCES "notice_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notice_delivery_attempts"`);
    await queryRunner.query(`DROP TABLE "notice_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
  }
}
