import { MigrationInterface, QueryRunner } from 'typeorm';

export class InventoryAudit1795327263626 implements MigrationInterface {
  name = 'InventoryAudit1795327263626';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inventory_audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "subject_type" text NOT NULL, "subject_slug" text, "application_id" uuid, "group_id" uuid, "action" text NOT NULL, "actor_user_id" uuid, "actor_label" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "before" jsonb, "after" jsonb, "reason" text, CONSTRAINT "inventory_audit_events_subject_type" CHECK (subject_type IN ('GROUP', 'APPLICATION', 'INVENTORY')), CONSTRAINT "PK_670d02750a82d975d4e446a78f2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "inventory_audit_events_occurred_at_idx" ON "inventory_audit_events"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "inventory_audit_events_group_idx" ON "inventory_audit_events"  ("group_id", "id") `);
    await queryRunner.query(`CREATE INDEX "inventory_audit_events_application_idx" ON "inventory_audit_events"  ("application_id", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."inventory_audit_events_application_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inventory_audit_events_group_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inventory_audit_events_occurred_at_idx"`);
    await queryRunner.query(`DROP TABLE "inventory_audit_events"`);
  }
}
