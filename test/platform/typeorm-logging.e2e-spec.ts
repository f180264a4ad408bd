/**
 * TypeORM's own log lines (a failed query, migrations, a lost pooled connection) go through the
 * service's JSON logger (src/common/logging/typeorm-logger.ts), never as plain text on stdout or
 * stderr, and never with a statement's parameters.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DataSource } from 'typeorm';
import { APP_ENTITIES } from '../../src/app-entities';
import { loadConfig } from '../../src/common/config/app-config';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options';
import { createRootLogger } from '../../src/common/logging/logger';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';

/** Every line the logger writes, parsed: a line that is not JSON fails the parse. */
function capturedLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('TypeORM log lines', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  let dataSource: DataSource;
  const log = capturedLog();
  const plainOutput: string[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl);
    const logger = createRootLogger('debug', log.stream);
    dataSource = await new DataSource(buildDataSourceOptions(loadConfig({ NODE_ENV: 'test' }), databaseUrl, APP_ENTITIES, logger)).initialize();
    // Anything TypeORM printed by itself (its default loggers use console and process streams) lands here.
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        plainOutput.push(String(chunk));
        return true;
      });
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void plainOutput.push(args.map(String).join(' ')));
    }
  });
  afterEach(() => {
    expect(plainOutput).toEqual([]);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await dataSource.destroy();
    await dropTestDatabase(serverUrl, databaseUrl);
  });

  it('logs a failed query as one JSON line of context TypeORM, without its parameters', async () => {
    const before = log.lines.length;
    await expect(dataSource.query('SELECT * FROM no_such_table WHERE secret = $1', ['hunter2-parameter'])).rejects.toThrow(/no_such_table/);
    const records = log.records().slice(before);
    const failed = records.filter((record) => String(record.msg).startsWith('query failed'));
    expect(failed).toEqual([
      expect.objectContaining({
        level: 'debug',
        service: 'pype-lifecycle',
        context: 'TypeORM',
        code: '42P01',
        query: 'SELECT * FROM no_such_table WHERE secret = $1',
        msg: 'query failed: relation "no_such_table" does not exist',
      }),
    ]);
    expect(log.lines.slice(before).join('\n')).not.toContain('hunter2-parameter');
  });

  it("logs TypeORM's migration lines as JSON (schema-build lines at debug)", async () => {
    const before = log.lines.length;
    await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.runMigrations({ transaction: 'each' });
    const typeorm = log
      .records()
      .slice(before)
      .filter((record) => record.context === 'TypeORM' && record.level === 'debug' && !('query' in record));
    const lastMigration = dataSource.migrations[dataSource.migrations.length - 1].name;
    expect(typeorm.map((record) => record.msg)).toEqual(
      expect.arrayContaining([
        `Migration ${lastMigration} has been executed successfully.`,
        expect.stringMatching(/migrations are new migrations must be executed/),
      ]),
    );
    for (const record of typeorm) expect(record).toMatchObject({ service: 'pype-lifecycle', time: expect.any(String) });
  });
});
