/**
 * Without SMTP_URL the service starts, and its start-up log says that notice e-mails are recorded
 * as not sent (issue 9); a bad delivery setting stops it, naming the variable.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runServiceUntilExit, startServiceProcess } from '../platform/service-process';
import { BOOTSTRAP_TOKEN } from '../setup/test-app';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';

describe('the delivery settings at start-up', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl);
  });
  afterAll(async () => {
    if (databaseUrl) await dropTestDatabase(serverUrl, databaseUrl);
  });

  it('logs that e-mails are recorded as not sent when SMTP_URL is not set', async () => {
    const service = await startServiceProcess({ DATABASE_URL: databaseUrl, BOOTSTRAP_ADMIN_TOKEN: BOOTSTRAP_TOKEN, SEED_WHEN_EMPTY: 'false' });
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    const line = service
      .output()
      .split('\n')
      .find((text) => text.includes('SMTP_URL is not set'));
    expect(line, service.output()).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'warn', msg: 'SMTP_URL is not set: notice e-mails are recorded as NOT_SENT, not sent' });
  }, 120_000);

  it('does not start with a bad SMTP_URL or retry setting, naming each variable', async () => {
    const result = await runServiceUntilExit({ DATABASE_URL: databaseUrl, SMTP_URL: 'ftp://mail.example.edu', DELIVERY_RETRY_LIMIT: 'many' });
    expect(result.code).toBe(1);
    expect(result.output).toContain("SMTP_URL must be an smtp:// or smtps:// URL, got protocol 'ftp:'");
    expect(result.output).toContain("DELIVERY_RETRY_LIMIT must be a whole number from 0 to 50, got 'many'");
  }, 120_000);
});
