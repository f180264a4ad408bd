/**
 * `npm run cli -- advisories:import FILE|DIR...`: the operator command that imports OSV files
 * straight into the database (no size limit of the GraphQL mutation), idempotent like the
 * mutation, all or nothing, and seen by the running service's scans.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { codesOf, scanOk } from '../scanning/scan-support';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';
import { startTestService } from '../setup/test-app';
import { captureIo, workspace } from './cli-support';

const FIXTURES = join(__dirname, '..', 'advisories', 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('advisories:import (operator CLI)', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  let files: ReturnType<typeof workspace>;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl);
    files = workspace({
      'osv/django-advisories.json': fixture('django-advisories.json'),
      'osv/pyyaml-advisory.json': fixture('pyyaml-advisory.json'),
      'osv/README.txt': 'not JSON, not read',
      'later/pyyaml.json': JSON.stringify({ ...JSON.parse(fixture('pyyaml-advisory.json')), modified: '2021-06-01T00:00:00Z', summary: 'revised' }),
      'bad/one.json': JSON.stringify([
        { id: 'PYPE-2026-0500', modified: '2026-01-01T00:00:00Z' },
        { id: 'PYPE-2026-0501', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI' } }] },
      ]),
      'empty/.keep': '',
      'npm/mixed.json': JSON.stringify([
        { id: 'NPM-2026-0001', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0'] }] },
        { id: 'PYPE-2026-0900', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'widget' }, versions: ['1.0'] }] },
      ]),
      'nul/one.json': JSON.stringify({ id: 'PYPE-2026-0600', modified: '2026-01-01T00:00:00Z', details: 'a\u0000b' }),
    });
  });
  afterAll(async () => {
    files.cleanup();
    await dropTestDatabase(serverUrl, databaseUrl);
  });

  const run = async (...args: string[]) => {
    const io = captureIo({ DATABASE_URL: databaseUrl }, files.dir);
    const code = await runCli(['advisories:import', ...args], io);
    return { code, out: io.out(), err: io.err() };
  };

  it('imports files given by path, relative to the working directory, and the running service scans with them', async () => {
    const result = await run('osv/django-advisories.json', join(files.dir, 'osv/pyyaml-advisory.json'));
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Imported 3 advisories from 2 files: 3 added, 0 updated, 0 unchanged');
    expect(result.out).toMatch(/added {4}PYPE-2019-0001/);

    const service = await startTestService({ databaseUrl });
    try {
      const report = await scanOk(service, 'PyYAML==5.1\nDjango==2.2.1\n');
      expect(codesOf(report, 'VULNERABLE').map((finding) => finding.package)).toEqual(['pyyaml', 'django']);
    } finally {
      await service.close();
    }
  });

  it('is idempotent, and replaces an advisory only with a later modified', async () => {
    const again = await run('osv');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Imported 3 advisories from 2 files: 0 added, 0 updated, 3 unchanged');

    const later = await run('later/pyyaml.json');
    expect(later.code).toBe(0);
    expect(later.out).toContain('Imported 1 advisories from later/pyyaml.json: 0 added, 1 updated, 0 unchanged');
    expect(later.out).toMatch(/updated {2}PYPE-2020-0042/);

    const older = await run('osv/pyyaml-advisory.json');
    expect(older.out).toContain('0 added, 0 updated, 1 unchanged');
  });

  it('skips advisories about other ecosystems only, saying so, and stores the rest', async () => {
    const result = await run('npm/mixed.json');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Imported 1 advisories from npm/mixed.json: 1 added, 0 updated, 0 unchanged, 1 skipped (other ecosystems)');
    expect(result.out).toMatch(/skipped {2}NPM-2026-0001 \(npm only\)/);
  });

  it('refuses an invalid file with exit code 2, naming the file, the advisory and the OSV field, and imports nothing', async () => {
    const result = await run('osv/django-advisories.json', 'bad/one.json');
    expect(result.code).toBe(2);
    expect(result.err).toContain('bad/one.json');
    expect(result.err).toContain('PYPE-2026-0501');
    expect(result.err).toContain('affected[0].package.name');
    expect(result.err).toContain('Nothing was imported');
    expect(result.out).toBe('');
  });

  it.each([
    [['missing.json'], /missing\.json: no such file or directory/],
    [['empty'], /empty: the directory has no \.json files/],
    [['osv/README.txt'], /README\.txt: invalid OSV advisory: \(document\): not valid JSON/],
    [['nul/one.json'], /PYPE-2026-0600: details: contains a NUL character[\s\S]*Nothing was imported/],
  ])('exits 2 for %j', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('exits 2 with usage when no file is given or an option is unknown', async () => {
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.err).toContain('advisories:import needs at least one OSV JSON file');
    expect(none.err).toContain('Usage:');
    expect((await run('--force', 'osv')).code).toBe(2);
  });

  it('is listed in the help', async () => {
    const io = captureIo();
    expect(await runCli(['help'], io)).toBe(0);
    expect(io.out()).toContain('advisories:import FILE|DIR...');
  });
});
