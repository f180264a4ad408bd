import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read-only tokens for calendar subscriptions (/calendar/migrations.ics?token=…), hashed like API tokens. */
export class FeedTokens1796582855156 implements MigrationInterface {
  name = 'FeedTokens1796582855156';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "feed_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL,
        "token_prefix" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_feed_tokens_token_hash" UNIQUE ("token_hash"), CONSTRAINT "PK_feed_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "feed_tokens_user_id_idx" ON "feed_tokens" ("user_id")`);
    await queryRunner.query(
      `ALTER TABLE "feed_tokens" ADD CONSTRAINT "FK_c6027c6f2cf5aadbda875809745" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "feed_tokens"`);
  }
}
