import { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sessions of the pages (issue 11): a signed-in cookie stands for an API token pasted once. */
export class PageSessions1796580632633 implements MigrationInterface {
  name = 'PageSessions1796580632633';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "page_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_hash" text NOT NULL, "token_hash" text NOT NULL, "csrf_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_page_sessions_session_hash" UNIQUE ("session_hash"), CONSTRAINT "PK_page_sessions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "page_sessions_expires_at_idx" ON "page_sessions" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."page_sessions_expires_at_idx"`);
    await queryRunner.query(`DROP TABLE "page_sessions"`);
  }
}
