import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { checkEmailAddress } from '../../src/common/input-rules/email-address';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';
import { startTestService, type TestService } from '../setup/test-app';
import { freePort } from '../setup/free-port';
import { captureIo } from './cli-support';

describe('operator CLI (npm run cli)', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl);
  });
  afterAll(async () => dropTestDatabase(serverUrl, databaseUrl));

  it('creates a user and a token that the API accepts', async () => {
    const created = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['user:create', '--email', 'Ops@Example.edu', '--name', 'Ops', '--role', 'admin'], created)).toBe(0);
    expect(created.out()).toMatch(/Created user ops@example\.edu .* with roles ADMIN/);

    const token = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['token:create', '--email', 'ops@example.edu', '--name', 'ci'], token)).toBe(0);
    const secret = token.out().trim();
    expect(secret).toMatch(/^pype_/);
    expect(token.err()).toMatch(/shown only now/);

    let service: TestService | null = null;
    try {
      service = await startTestService({ databaseUrl });
      const me = await service.gql(`{ me { label roles } }`, {}, secret);
      expect(me.data!.me).toEqual({ label: 'ops@example.edu', roles: ['ADMIN'] });
    } finally {
      await service?.close();
    }

    const listed = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['user:list'], listed)).toBe(0);
    expect(listed.out()).toContain('ops@example.edu  ADMIN');
  });

  it.each(['Ada <ada@example.edu>', 'ada@localhost', 'ada@example.edu\u0000', 'a@@example.edu'])(
    'refuses the e-mail address %j as createUser and the import do, with the same message',
    async (email) => {
      const refused = captureIo({ DATABASE_URL: databaseUrl });
      expect(await runCli(['user:create', '--email', email], refused)).toBe(2);
      const rule = checkEmailAddress(email, '--email');
      expect(rule.ok).toBe(false);
      expect(refused.err()).toContain(!rule.ok && rule.message);
    },
  );

  // Issue 13 item 7: every department is an explicit grant, never the default.
  it('creates a manager who oversees no department until an admin grants some', async () => {
    const created = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['user:create', '--email', 'boss@example.edu', '--role', 'MANAGER'], created)).toBe(0);
    expect(created.out()).toMatch(/with roles MANAGER\nThe manager oversees no department yet: an admin grants some with setManagedDepartments/);
    let service: TestService | null = null;
    try {
      service = await startTestService({ databaseUrl });
      const rows = await service.dataSource.query<{ all: boolean; departments: number }[]>(
        `SELECT u.manages_all_departments AS "all", (SELECT count(*)::int FROM manager_departments d WHERE d.user_id = u.id) AS departments
           FROM users u WHERE email = 'boss@example.edu'`,
      );
      expect(rows).toEqual([{ all: false, departments: 0 }]);
    } finally {
      await service?.close();
    }
  });

  it('seeds the catalog idempotently', async () => {
    const first = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['seed'], first)).toBe(0);
    expect(first.out()).toContain('inserted 27.11.0, 36.11.0, 36.20.0, 37.21.0, 37.22.0');
    const second = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['seed'], second)).toBe(0);
    expect(second.out()).toContain('inserted nothing');
  });

  it('exits 2 with usage for bad arguments, and 1 for a failed operation', async () => {
    const unknown = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['user:create', '--email', 'x@example.edu', '--role', 'ROOT'], unknown)).toBe(2);
    expect(unknown.err()).toMatch(/--role must be ADMIN, MANAGER or DEVELOPER; got ROOT/);
    const missing = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['token:create'], missing)).toBe(2);
    expect(missing.err()).toMatch(/--email is required/);
    const nobody = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['token:create', '--email', 'nobody@example.edu'], nobody)).toBe(1);
    expect(nobody.err()).toMatch(/No user with the e-mail nobody@example\.edu/);
    const badConfig = captureIo({ DATABASE_URL: 'mysql://nope' });
    expect(await runCli(['user:list'], badConfig)).toBe(2);
    expect(badConfig.err()).toMatch(/DATABASE_URL must be a postgres/);
    expect(await runCli(['frobnicate'], captureIo({}))).toBe(2);
  });

  it('logs to stderr, so stdout holds only what scripts capture (the token of token:create, say)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pype-cli-logs-'));
    chmodSync(dir, 0o755); // the postgres user (when root runs the tests) must reach the data directory
    try {
      const io = captureIo({ DATA_DIR: join(dir, 'data'), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'debug' });
      expect(await runCli(['user:list'], io)).toBe(0);
      expect(io.out()).toMatch(/^No users yet\./);
      expect(io.out()).not.toContain('"level"');
      expect(io.err()).toContain('"context":"EmbeddedPostgres"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
