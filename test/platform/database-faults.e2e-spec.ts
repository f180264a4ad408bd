/**
 * Database outages under a running service, with real PostgreSQL servers of the test's own
 * (clusters under the OS temp directory): the embedded one killed, an external one shut down
 * and started again.
 */
import { createServer, type Server } from 'node:net';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ENTITIES } from '../../src/app-entities';
import { startService } from '../../src/bootstrap';
import { loadConfig } from '../../src/common/config/app-config';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options';
import { EmbeddedDatabase } from '../../src/common/database/embedded-postgres';
import { migrateDatabase } from '../../src/common/database/migrate';
import { createRootLogger } from '../../src/common/logging/logger';
import { eventually } from '../setup/eventually';
import { freePort } from '../setup/free-port';
import { startTestService } from '../setup/test-app';
import { isAlive, postmasterPid, postmastersOn, stopPostmaster, temporaryDataDir } from './service-process';

const CATALOG = '{ supportedReleases(on: "2018-10-01") { version } }';

async function post(
  url: string,
  query: string,
): Promise<{ status: number; retryAfter: string | null; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as never };
}

const statusOf = async (url: string): Promise<number> => (await fetch(url)).status;

/** Log lines written by a logger, parsed. */
function captureLog(): { stream: Writable; lines(): { level: string; msg: string }[] } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
  };
}

/** A listener on `port` that drops every connection: the port looks taken and PostgreSQL clients fail at once. */
async function occupyPort(port: number): Promise<Server> {
  const blocker = createServer((socket) => socket.destroy());
  await new Promise<void>((done, fail) => {
    blocker.once('error', fail);
    blocker.listen(port, '127.0.0.1', done);
  });
  return blocker;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('database outages', () => {
  it('restarts a killed embedded PostgreSQL with back-off, reporting the outage on /healthz and as DATABASE_UNAVAILABLE until it is back', async () => {
    const { dataDir, cleanup } = temporaryDataDir();
    cleanups.push(cleanup);
    const port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(port),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_CHECK_INTERVAL_MS: '200',
    });
    const log = captureLog();
    const service = await startService(config, createRootLogger(config.logLevel, log.stream));
    let closed = false;
    cleanups.push(() => (closed ? undefined : service.close()));
    expect((await post(service.url, CATALOG)).status).toBe(200);

    const killed = postmasterPid(dataDir);
    process.kill(killed, 'SIGKILL');
    await eventually(
      async () => isAlive(killed),
      (alive) => !alive,
    );
    // Keep the port taken so that the first restart attempt fails and the outage lasts.
    const blocker = await occupyPort(port);
    cleanups.push(() => new Promise<void>((done) => blocker.close(() => done())));

    expect(
      await eventually(
        () => statusOf(`${service.url}/healthz`),
        (status) => status === 503,
      ),
    ).toBe(503);
    expect(await statusOf(`${service.url}/readyz`)).toBe(503);
    const refused = await post(service.url, CATALOG);
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('5');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    await eventually(
      async () => log.lines().map((line) => line.msg),
      (messages) => messages.some((message) => /Restart attempt 1 failed/.test(message)),
      15_000,
    );
    await new Promise<void>((done) => blocker.close(() => done()));

    expect(
      await eventually(
        () => statusOf(`${service.url}/healthz`),
        (status) => status === 200,
        30_000,
      ),
    ).toBe(200);
    expect(await statusOf(`${service.url}/readyz`)).toBe(200);
    const answered = await post(service.url, CATALOG);
    expect(answered.status).toBe(200);
    expect((answered.body.data as { supportedReleases: unknown[] }).supportedReleases.length).toBeGreaterThan(0);

    const messages = log.lines().map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/exited unexpectedly \(signal SIGKILL\)/),
        expect.stringMatching(/Restarting the embedded PostgreSQL in 1 s \(attempt 1 of 5\)/),
        expect.stringMatching(/Restarting the embedded PostgreSQL in 2 s \(attempt 2 of 5\)/),
        expect.stringMatching(/Embedded PostgreSQL restarted/),
      ]),
    );
    await service.close();
    closed = true;
    expect(postmastersOn(dataDir)).toEqual([]);
  }, 120_000);

  it('with DATABASE_URL: answers 503 on /readyz and DATABASE_UNAVAILABLE while the server is away (a smart shutdown does not wait for our idle sessions), and recovers by itself', async () => {
    const { dataDir, cleanup } = temporaryDataDir();
    cleanups.push(cleanup);
    const port = await freePort();
    let server = await EmbeddedDatabase.start({ dataDir, port, database: 'pype' });
    cleanups.push(() => server.stop());
    const migrator = await new DataSource(buildDataSourceOptions(loadConfig({ NODE_ENV: 'test' }), server.url, APP_ENTITIES)).initialize();
    await migrateDatabase(migrator);
    await migrator.destroy();

    const service = await startTestService({ databaseUrl: server.url, env: { DATABASE_URL: server.url, DATABASE_CHECK_INTERVAL_MS: '200' } });
    cleanups.push(() => service.close());
    // Concurrent reads leave idle sessions in the pool, next to the LISTEN sessions.
    const before = await Promise.all(Array.from({ length: 6 }, () => post(service.url, CATALOG)));
    expect(before.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);

    // What `pg_ctl stop -m smart` does: no new sessions, and stop once the existing ones have ended.
    expect(await stopPostmaster(dataDir, 'SIGTERM')).toBe(true);

    expect(
      await eventually(
        () => statusOf(`${service.url}/readyz`),
        (status) => status === 503,
      ),
    ).toBe(503);
    const refused = await post(service.url, CATALOG);
    expect(refused.status).toBe(503);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    // An external server's outage is not this process's: liveness stays up.
    expect(await statusOf(`${service.url}/healthz`)).toBe(200);

    await server.stop();
    server = await EmbeddedDatabase.start({ dataDir, port, database: 'pype' });
    expect(
      await eventually(
        () => statusOf(`${service.url}/readyz`),
        (status) => status === 200,
        30_000,
      ),
    ).toBe(200);
    const answered = await post(service.url, CATALOG);
    expect(answered.status).toBe(200);
    expect(answered.body.errors).toBeUndefined();
  }, 120_000);
});
