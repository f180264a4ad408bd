import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook secrets can be sealed at rest with WEBHOOK_SECRET_KEY (src/deliveries/secret-box.ts):
 * a flag says which stored secrets are. Existing secrets are as given (false).
 */
export class WebhookSecretSealed1796591000000 implements MigrationInterface {
  name = 'WebhookSecretSealed1796591000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhooks" ADD "secret_sealed" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Without the flag a sealed secret would be read as the secret itself: every signature would be wrong.
    const [{ sealed }] = (await queryRunner.query(`SELECT count(*)::int AS sealed FROM "webhooks" WHERE "secret_sealed"`)) as { sealed: number }[];
    if (sealed > 0) {
      throw new Error(
        `${sealed} webhook secrets are sealed with WEBHOOK_SECRET_KEY; reverting would break their signatures. Delete and re-create those webhooks (or delete them) first.`,
      );
    }
    await queryRunner.query(`ALTER TABLE "webhooks" DROP COLUMN "secret_sealed"`);
  }
}
