/**
 * The service's log output as an operator's collector sees it: everything the process writes.
 * A query that PostgreSQL refuses with a user-supplied value, and a request that fails as a
 * whole (HTTP 500), must each be one JSON line, without the value.
 */
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';
import { BOOTSTRAP_TOKEN } from '../setup/test-app';
import { outputLines, startServiceProcess } from './service-process';

async function sql(url: string, statements: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statements);
  } finally {
    await client.end();
  }
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id')!,
    body: (await response.json()) as { errors?: { extensions?: { code?: string } }[] },
  };
}

describe('log output', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  afterAll(async () => {
    if (databaseUrl) await dropTestDatabase(serverUrl, databaseUrl);
  });

  it('is one JSON line per event, never holds parameter values, and logs each failure once', async () => {
    databaseUrl = await createTestDatabase(serverUrl);
    const service = await startServiceProcess({ DATABASE_URL: databaseUrl, BOOTSTRAP_ADMIN_TOKEN: BOOTSTRAP_TOKEN, LOG_REQUESTS: 'errors' });
    let requests: { failedInsert: Awaited<ReturnType<typeof post>>; failedRequest: Awaited<ReturnType<typeof post>> };
    try {
      // PostgreSQL refuses the new user's name with the value in its message
      // (invalid input syntax for type integer: "…"), as it does for many bad inputs.
      await sql(
        databaseUrl,
        `CREATE FUNCTION refuse_canary() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM NEW.display_name::int; RETURN NEW; END $$;
         CREATE TRIGGER refuse_canary BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_canary();`,
      );
      const failedInsert = await post(
        service.url,
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { email: 'canary-7f3a9c@example.edu', displayName: 'Canary 7f3a9c' } },
        BOOTSTRAP_TOKEN,
      );
      // The catalog's revision table gone: the anonymous catalog fails before any resolver runs.
      await sql(databaseUrl, 'ALTER TABLE catalog_revision RENAME TO catalog_revision_gone');
      const failedRequest = await post(service.url, '{ supportedReleases { version } }');
      requests = { failedInsert, failedRequest };
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }

    expect(requests.failedInsert.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(requests.failedRequest.status).toBe(500);
    const output = service.output();
    const lines = outputLines(output);
    for (const line of lines) expect(() => JSON.parse(line), `not JSON: ${line}`).not.toThrow();
    expect(output).not.toMatch(/7f3a9c/);
    expect(output).not.toMatch(/PARAMETERS/);
    const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; level: string; msg: string });
    for (const { requestId } of Object.values(requests)) {
      const logged = entries.filter((entry) => entry.reqId === requestId);
      expect(logged, `lines for request ${requestId}`).toHaveLength(1);
      expect(logged[0].level).toBe('error');
    }
  }, 120_000);
});
