/**
 * The embedded PostgreSQL as `npm start` uses it, including what goes wrong in practice.
 * Each case gets its own data directory under the OS temp directory.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabase, EmbeddedDatabaseError, embeddedPostgresModule } from '../../src/common/database/embedded-postgres';
import { freePort } from '../setup/free-port';

const directories: string[] = [];
function freshDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pype-embedded-'));
  chmodSync(dir, 0o755); // mkdtemp makes it 0700: the postgres user (when root runs the tests) must pass through
  directories.push(dir);
  return dir;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(() => {
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('creates a cluster, keeps its data across restarts and stops cleanly', async () => {
    const dataDir = join(freshDirectory(), 'data');
    const port = await freePort();
    const first = await EmbeddedDatabase.start({ dataDir, port, database: 'pype' });
    await query(first.url, 'CREATE TABLE kept (id int)');
    await first.stop();
    const second = await EmbeddedDatabase.start({ dataDir, port, database: 'pype' });
    expect(await query(second.url, `SELECT to_regclass('kept')::text AS name`)).toEqual([{ name: 'kept' }]);
    const [{ encoding }] = (await query(
      second.url,
      'SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()',
    )) as { encoding: string }[];
    expect(encoding).toBe('UTF8');
    await second.stop();
  });

  it('says which port is taken and what to do', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(port, '127.0.0.1', done));
    try {
      const failure = EmbeddedDatabase.start({ dataDir: join(freshDirectory(), 'data'), port, database: 'pype' });
      await expect(failure).rejects.toThrow(EmbeddedDatabaseError);
      await expect(failure).rejects.toThrow(new RegExp(`port ${port} is already in use.*EMBEDDED_PG_PORT`));
    } finally {
      blocker.close();
    }
  });

  it('refuses a data directory that holds something else', async () => {
    const dataDir = freshDirectory();
    writeFileSync(join(dataDir, 'notes.txt'), 'not a database');
    await expect(EmbeddedDatabase.start({ dataDir, port: await freePort(), database: 'pype' })).rejects.toThrow(/not empty and holds no PostgreSQL cluster/);
  });

  it('refuses a data directory that cannot be created', async () => {
    const file = join(freshDirectory(), 'a-file');
    writeFileSync(file, '');
    await expect(EmbeddedDatabase.start({ dataDir: join(file, 'data'), port: await freePort(), database: 'pype' })).rejects.toThrow(
      /cannot be created or written.*DATA_DIR/,
    );
  });

  it('clears a stale lock file left by a crash', async () => {
    const dataDir = join(freshDirectory(), 'data');
    const port = await freePort();
    await (await EmbeddedDatabase.start({ dataDir, port, database: 'pype' })).stop();
    writeFileSync(join(dataDir, 'postmaster.pid'), `999999\n${dataDir}\n0\n${port}\n\n127.0.0.1\n`);
    const messages: string[] = [];
    const database = await EmbeddedDatabase.start({ dataDir, port, database: 'pype', log: (_level, message) => messages.push(message) });
    expect(messages.join('\n')).toMatch(/Removing stale lock file/);
    await database.stop();
  });

  it('stops a server orphaned by a killed process and starts again', async () => {
    const dataDir = join(freshDirectory(), 'data');
    const port = await freePort();
    await (await EmbeddedDatabase.start({ dataDir, port, database: 'pype' })).stop();
    // A process that starts the server and is then killed, as `kill -9` or an OOM kill would.
    // The same module the service loads (as root in a closed home: the reachable copy).
    const specifier = await embeddedPostgresModule();
    const script = `
      const { default: EmbeddedPostgres } = await import(${JSON.stringify(specifier)});
      const pg = new EmbeddedPostgres({ databaseDir: ${JSON.stringify(dataDir)}, port: ${port}, user: 'pype', password: 'pype-embedded',
        createPostgresUser: process.getuid() === 0, onLog: () => {}, onError: () => {} });
      await pg.start();
      console.log('ready');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && done());
      child.once('exit', (code) => fail(new Error(`helper exited with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
    const orphanPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphanPid, 0)).not.toThrow();

    const messages: string[] = [];
    const database = await EmbeddedDatabase.start({ dataDir, port, database: 'pype', log: (_level, message) => messages.push(message) });
    expect(messages.join('\n')).toMatch(/left running by an earlier process|Using the PostgreSQL/);
    expect(await query(database.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await database.stop();
  });

  it.runIf(userInfo().uid === 0)('as root, explains a data directory the postgres user cannot reach', async () => {
    const closed = join(freshDirectory(), 'closed');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    await expect(EmbeddedDatabase.start({ dataDir: join(closed, 'data'), port: await freePort(), database: 'pype' })).rejects.toThrow(
      /not reachable by the 'postgres' user: .*closed is closed to other users/,
    );
  });

  it.runIf(userInfo().uid === 0)('as root, moves a default data directory the postgres user cannot reach', async () => {
    const closed = join(freshDirectory(), 'home');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    const messages: string[] = [];
    const database = await EmbeddedDatabase.start({
      dataDir: join(closed, 'project', '.data'),
      dataDirIsDefault: true,
      port: await freePort(),
      database: 'pype',
      log: (_level, message) => messages.push(message),
    });
    try {
      expect(database.dataDir).toMatch(/^\/var\/tmp\/pype-lifecycle\//);
      expect(messages.join('\n')).toMatch(/not reachable by the 'postgres' user/);
    } finally {
      await database.stop();
      rmSync(database.dataDir, { recursive: true, force: true });
    }
  });
});
