/**
 * The service as `npm start` runs it, with its own embedded PostgreSQL, when that PostgreSQL
 * dies: a SIGTERM still stops everything promptly and cleanly, and a database that cannot be
 * brought back ends the process with a non-zero code for its supervisor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../setup/eventually';
import { freePort } from '../setup/free-port';
import { isAlive, outputLines, postmasterPid, postmastersOn, startServiceProcess, temporaryDataDir } from './service-process';

const CATALOG = '{ supportedReleases(on: "2018-10-01") { version } }';

async function query(url: string, text: string): Promise<Response> {
  return fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) });
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('the service process when its embedded PostgreSQL dies', () => {
  it('stops on SIGTERM with idle pool sessions while the killed PostgreSQL is being restarted: exit 0, nothing left running', async () => {
    const { dataDir, cleanup } = temporaryDataDir();
    cleanups.push(cleanup);
    const service = await startServiceProcess({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
    cleanups.unshift(() => service.child.kill('SIGKILL'));
    // Concurrent reads leave several idle sessions in the pool.
    const answers = await Promise.all(Array.from({ length: 6 }, () => query(service.url, CATALOG)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);

    const killed = postmasterPid(dataDir);
    process.kill(killed, 'SIGKILL');
    // The service noticed (liveness follows the embedded database) and is restarting it.
    const health = await eventually(
      async () => (await fetch(`${service.url}/healthz`)).status,
      (status) => status === 503,
      20_000,
    );
    expect(health).toBe(503);
    service.child.kill('SIGTERM');
    const code = await service.exited;

    expect(code).toBe(0);
    expect(service.output()).toMatch(/exited unexpectedly/);
    expect(service.output()).toMatch(/"msg":"Stopped"/);
    // `npm start` runs on the pinned Node 24 LTS, and says so when it starts (logs are buffered: read after exit).
    expect(service.output()).toMatch(/"node":"v24\.\d+\.\d+".*PyPE Lifecycle serves/);
    expect(isAlive(killed)).toBe(false);
    expect(postmastersOn(dataDir)).toEqual([]);
    for (const line of outputLines(service.output())) expect(() => JSON.parse(line), line).not.toThrow();
  }, 120_000);

  it('exits non-zero when the PostgreSQL cannot be brought back (EMBEDDED_PG_MAX_RESTARTS=0), saying why', async () => {
    const { dataDir, cleanup } = temporaryDataDir();
    cleanups.push(cleanup);
    const service = await startServiceProcess({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_PG_MAX_RESTARTS: '0' });
    cleanups.unshift(() => service.child.kill('SIGKILL'));
    expect((await query(service.url, CATALOG)).status).toBe(200);

    process.kill(postmasterPid(dataDir), 'SIGKILL');
    const code = await service.exited;

    expect(code).toBe(1);
    const lines = outputLines(service.output()).map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(lines.find((line) => line.level === 'fatal')?.msg).toMatch(/EMBEDDED_PG_MAX_RESTARTS=0.*exiting so that a supervisor can restart the service/);
    expect(postmastersOn(dataDir)).toEqual([]);
  }, 120_000);
});
