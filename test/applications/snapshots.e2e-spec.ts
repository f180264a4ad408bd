/**
 * Requirements snapshots: files stored once (identical content is neither a second snapshot
 * nor a second blob), a scan stored against every runtime the application runs on, history,
 * and the inputs refused (size limit, binary content, duplicate or escaping paths).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';
import {
  SNAPSHOT_FIELDS,
  SUBMIT_REQUIREMENTS,
  countRows,
  createApplication,
  createGroup,
  databaseState,
  dataOf,
  failure,
  gqlOk,
  recordDeployment,
  submitRequirements,
} from './support';

const MAX_BYTES = 2048;
const SNAPSHOTS = `query($slug: String!) { application(slug: $slug) { latestSnapshot { ${SNAPSHOT_FIELDS} } snapshots { totalCount edges { node { id commit lastCommit } } } } }`;
const snapshotsOf = (application: any): any[] => application.snapshots.edges.map((edge: any) => edge.node);

const SUPPRESSED_SCANS = `query($slug: String!) { application(slug: $slug) { latestSnapshot { scans { runtimeVersion suppressed { finding { code package } reason until file line } } } } }`;
const BASE = { path: 'requirements/base.txt', content: 'Django==1.11.29\npytz\n' };
const PROD = { path: 'requirements/prod.txt', content: '-r base.txt\ngunicorn==19.9.0\n' };

describe('requirements snapshots', () => {
  let service: TestService;
  let developer: string;

  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T18:00:00Z', env: { SCAN_MAX_UPLOAD_BYTES: String(MAX_BYTES) } });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    developer = await service.tokenFor([Role.DEVELOPER], 'dev@example.edu');
    await createGroup(service, 'team-a', ['dev@example.edu']);
    for (const slug of ['grades', 'twin', 'runtimes', 'inputs']) await createApplication(service, { slug, group: 'team-a' });
  });
  afterAll(async () => service.close());

  describe('stored once', () => {
    let first: any;

    it('stores the files, sorted by path, with their hashes and sizes', async () => {
      first = await submitRequirements(service, 'grades', [PROD, BASE], 'aaaaaaa', developer);
      expect(first).toMatchObject({ commit: 'aaaaaaa', lastCommit: 'aaaaaaa', submittedBy: 'dev@example.edu', scans: [] });
      expect(first.files.map((file: any) => [file.path, file.bytes, file.content])).toEqual([
        [BASE.path, Buffer.byteLength(BASE.content), BASE.content],
        [PROD.path, Buffer.byteLength(PROD.content), PROD.content],
      ]);
      expect(first.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await countRows(service, 'requirement_snapshots')).toBe(1);
      expect(await countRows(service, 'requirement_blobs')).toBe(2);
    });

    it('returns the same snapshot for identical files at a later commit, in any order and path spelling', async () => {
      service.clock.set('2018-12-02T18:00:00Z');
      const again = await submitRequirements(service, 'grades', [{ ...BASE, path: './requirements/base.txt' }, PROD], 'BBBBBBB', developer);
      expect(again).toMatchObject({ id: first.id, contentHash: first.contentHash, commit: 'aaaaaaa', lastCommit: 'bbbbbbb' });
      expect(again.lastSubmittedAt).toBe('2018-12-02T18:00:00.000Z');
      expect(again.createdAt).toBe(first.createdAt);
      expect(await countRows(service, 'requirement_snapshots')).toBe(1);
      expect(await countRows(service, 'requirement_blobs')).toBe(2);
    });

    it('keeps a changed file set as a new snapshot, sharing the unchanged file’s blob', async () => {
      service.clock.set('2018-12-03T18:00:00Z');
      const changed = await submitRequirements(service, 'grades', [BASE, { ...PROD, content: '-r base.txt\ngunicorn==19.9.0\nsix\n' }], 'ccccccc', developer);
      expect(changed.id).not.toBe(first.id);
      expect(await countRows(service, 'requirement_snapshots')).toBe(2);
      expect(await countRows(service, 'requirement_blobs')).toBe(3);
      const { application } = await gqlOk(service, SNAPSHOTS, { slug: 'grades' });
      expect(application.latestSnapshot.id).toBe(changed.id);
      expect(snapshotsOf(application).map((snapshot: any) => snapshot.commit)).toEqual(['ccccccc', 'aaaaaaa']);
    });

    it('makes an earlier file set the latest again when it comes back (a revert), without a copy', async () => {
      service.clock.set('2018-12-04T18:00:00Z');
      const reverted = await submitRequirements(service, 'grades', [BASE, PROD], 'ddddddd', developer);
      expect(reverted.id).toBe(first.id);
      const { application } = await gqlOk(service, SNAPSHOTS, { slug: 'grades' });
      expect(application.latestSnapshot).toMatchObject({ id: first.id, lastCommit: 'ddddddd' });
      expect(snapshotsOf(application).map((snapshot: any) => snapshot.lastCommit)).toEqual(['ddddddd', 'ccccccc']);
      expect(await countRows(service, 'requirement_snapshots')).toBe(2);
    });

    it('stores identical files of another application as its own snapshot but not as new blobs', async () => {
      const twin = await submitRequirements(service, 'twin', [BASE, PROD], 'eeeeeee', developer);
      expect(twin.id).not.toBe(first.id);
      expect(twin.contentHash).toBe(first.contentHash);
      expect(await countRows(service, 'requirement_snapshots')).toBe(3);
      expect(await countRows(service, 'requirement_blobs')).toBe(3);
    });

    it('tells a file moved to another path from the same file set', async () => {
      const moved = await submitRequirements(service, 'twin', [{ ...BASE, path: 'base.txt' }, PROD], 'fffffff', developer);
      expect(moved.contentHash).not.toBe(first.contentHash);
      expect(await countRows(service, 'requirement_blobs')).toBe(3);
    });
  });

  describe('scans', () => {
    it('scans against every runtime the application runs on, with the environments running it', async () => {
      await recordDeployment(service, { application: 'runtimes', environment: 'PROD', runtime: '36.11.0' }, developer);
      await recordDeployment(service, { application: 'runtimes', environment: 'BETA', runtime: '36.11.0' }, developer);
      await recordDeployment(service, { application: 'runtimes', environment: 'TEST', runtime: '37.21.0' }, developer);
      const snapshot = await submitRequirements(service, 'runtimes', [BASE], '1111111', developer);
      expect(snapshot.scans.map((scan: any) => [scan.runtimeVersion, [...scan.environments].sort()])).toEqual([
        ['36.11.0', ['BETA', 'PROD']],
        ['37.21.0', ['TEST']],
      ]);
      const [on36, on37] = snapshot.scans;
      // 36.11.0 bundles Django 1.11: the pin only overrides it; 37.21.0 bundles 2.1.1: a downgrade.
      expect(on36.errorCount).toBe(0);
      expect(on36.findings.map((finding: any) => finding.code)).toContain('RUNTIME_OVERRIDE');
      expect(on37.errorCount).toBeGreaterThan(0);
      expect(on37.findings).toContainEqual(
        expect.objectContaining({ code: 'RUNTIME_DOWNGRADE', severity: 'ERROR', file: BASE.path, line: 1, package: 'django' }),
      );
      expect(on37.errorCount).toBe(on37.findings.filter((finding: any) => finding.severity === 'ERROR').length);
      expect(await countRows(service, 'snapshot_scans')).toBe(2);
    });

    it("honours the snapshot's own .pype-lifecycle.toml: an ignored finding is not stored as a finding", async () => {
      await createApplication(service, { slug: 'ignoring', group: 'team-a' });
      await recordDeployment(service, { application: 'ignoring', environment: 'PROD', runtime: '36.11.0' }, developer);
      const ignores = {
        path: '.pype-lifecycle.toml',
        content: '[[ignore]]\ncode = "UNPINNED"\npackage = "pytz"\nreason = "pinned by the base image"\nuntil = 2019-06-30\n',
      };
      const without = await submitRequirements(service, 'ignoring', [BASE], '3333333', developer);
      expect(without.scans[0].findings).toContainEqual(expect.objectContaining({ code: 'UNPINNED', package: 'pytz' }));
      const withIgnores = await submitRequirements(service, 'ignoring', [BASE, ignores], '4444444', developer);
      expect(withIgnores.scans[0].findings.filter((finding: any) => finding.code === 'UNPINNED')).toEqual([]);
      // Reported as suppressed, with the entry's reason and until, not dropped.
      const { application } = await gqlOk(service, SUPPRESSED_SCANS, { slug: 'ignoring' });
      expect(application.latestSnapshot.scans[0].suppressed).toEqual([
        {
          finding: expect.objectContaining({ code: 'UNPINNED', package: 'pytz' }),
          reason: 'pinned by the base image',
          until: '2019-06-30',
          file: '.pype-lifecycle.toml',
          line: 1,
        },
      ]);
      expect(withIgnores.scans[0].findings.map((finding: any) => finding.code).sort()).toEqual(
        without.scans[0].findings
          .map((finding: any) => finding.code)
          .filter((code: string) => code !== 'UNPINNED')
          .sort(),
      );
    });

    it('does not scan again when identical files come back', async () => {
      const before = await service.dataSource.query('SELECT scanned_at FROM snapshot_scans ORDER BY scanned_at');
      await submitRequirements(service, 'runtimes', [BASE], '2222222', developer);
      expect(await service.dataSource.query('SELECT scanned_at FROM snapshot_scans ORDER BY scanned_at')).toEqual(before);
    });

    it('adds a scan of the latest snapshot when the application starts running a new runtime', async () => {
      await recordDeployment(service, { application: 'runtimes', environment: 'QUAL', runtime: '27.11.0' }, developer);
      const { application } = await gqlOk(service, SNAPSHOTS, { slug: 'runtimes' });
      expect(application.latestSnapshot.scans.map((scan: any) => [scan.runtimeVersion, [...scan.environments].sort()])).toEqual([
        ['27.11.0', ['QUAL']],
        ['36.11.0', ['BETA', 'PROD']],
        ['37.21.0', ['TEST']],
      ]);
    });

    it('adds an environment to a stored scan when another environment moves to that runtime', async () => {
      await recordDeployment(service, { application: 'runtimes', environment: 'QUAL', runtime: '37.21.0' }, developer);
      const { application } = await gqlOk(service, SNAPSHOTS, { slug: 'runtimes' });
      const on37 = application.latestSnapshot.scans.find((scan: any) => scan.runtimeVersion === '37.21.0');
      expect([...on37.environments].sort()).toEqual(['QUAL', 'TEST']);
    });

    it('keeps the scan of a runtime no environment runs any more, without claiming an environment', async () => {
      // QUAL moved from 27.11.0 to 37.21.0 in the test above.
      const { application } = await gqlOk(service, SNAPSHOTS, { slug: 'runtimes' });
      expect(application.latestSnapshot.scans.map((scan: any) => [scan.runtimeVersion, [...scan.environments].sort()])).toEqual([
        ['27.11.0', []],
        ['36.11.0', ['BETA', 'PROD']],
        ['37.21.0', ['QUAL', 'TEST']],
      ]);
    });

    it('resolves -r includes within the snapshot', async () => {
      const snapshot = await submitRequirements(service, 'runtimes', [BASE, { path: 'requirements/prod.txt', content: '-r base.txt\n' }], '3333333', developer);
      const on37 = snapshot.scans.find((scan: any) => scan.runtimeVersion === '37.21.0');
      expect(on37.findings.map((finding: any) => finding.code)).not.toContain('INCLUDE_NOT_FOUND');
      expect(on37.findings.some((finding: any) => finding.code === 'RUNTIME_DOWNGRADE')).toBe(true);
    });
  });

  describe('bad input changes nothing', () => {
    const file = (path: string, content = 'requests==2.21.0\n') => ({ path, content });
    it.each([
      ['no files', { files: [] }, 'files'],
      ['files over the size limit together', { files: [file('a.txt', 'x'.repeat(1200)), file('b.txt', 'y'.repeat(1200))] }, 'files[1].content'],
      ['one file over the size limit', { files: [file('a.txt', `# ${'é'.repeat(MAX_BYTES / 2)}\n`)] }, 'files[0].content'],
      ['binary content', { files: [file('requirements.txt', 'Django\u0000\u0001\u0002')] }, 'files[0].content'],
      ['binary content in the first file given, whose path sorts last', { files: [file('z.txt', '\u0000'), file('a.txt')] }, 'files[0].content'],
      ['the same path twice', { files: [file('requirements.txt'), file('requirements.txt')] }, 'files[1].path'],
      ['the same path twice, spelt differently', { files: [file('requirements/base.txt'), file('./requirements\\base.txt')] }, 'files[1].path'],
      ['a path leaving the repository', { files: [file('../secrets.txt')] }, 'files[0].path'],
      ['a path leaving the repository midway', { files: [file('requirements.txt'), file('requirements/../../x.txt')] }, 'files[1].path'],
      ['an absolute path', { files: [file('/etc/passwd')] }, 'files[0].path'],
      ['an empty path', { files: [file('')] }, 'files[0].path'],
      ['a commit that is no hash', { commit: 'HEAD' }, 'commit'],
    ])('%s → BAD_USER_INPUT naming %s', async (_label, change, field) => {
      const before = await databaseState(service);
      const input = { application: 'inputs', commit: 'abcdef1', files: [file('requirements.txt')], ...change };
      const response = await service.gql(SUBMIT_REQUIREMENTS, { input }, developer);
      expect(failure(response), response.errors?.[0]?.message).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await databaseState(service)).toEqual(before);
    });

    it('says what the limit is', async () => {
      const response = await service.gql(
        SUBMIT_REQUIREMENTS,
        { input: { application: 'inputs', commit: 'abcdef1', files: [file('a.txt', 'x'.repeat(MAX_BYTES + 1))] } },
        developer,
      );
      expect(response.errors![0].message).toContain(String(MAX_BYTES));
      expect(response.errors![0].extensions!.reason).toBe('INPUT_TOO_LARGE');
    });

    it('accepts files exactly at the limit, their paths counted in it', async () => {
      const path = 'requirements.txt';
      const content = `${'#'.repeat(MAX_BYTES - path.length - 1)}\n`;
      const snapshot = await submitRequirements(service, 'inputs', [file(path, content)], 'abcdef1', developer);
      expect(snapshot.files[0].bytes).toBe(MAX_BYTES - path.length);
    });

    it('counts paths in the limit: a long path over it is refused, naming the limit', async () => {
      const before = await databaseState(service);
      const path = `${'d/'.repeat(500)}requirements.txt`;
      const content = `${'#'.repeat(MAX_BYTES - 100)}\n`;
      const response = await service.gql(SUBMIT_REQUIREMENTS, { input: { application: 'inputs', commit: 'abcdef1', files: [file(path, content)] } }, developer);
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'files' });
      expect(response.errors![0].message).toContain(String(MAX_BYTES));
      expect(await databaseState(service)).toEqual(before);
    });

    it.each([
      ['a 1 MB path', 'a'.repeat(1024 * 1024)],
      ['a path with a NUL byte', 'requirements\u0000.txt'],
      ['a path with a line break', 'requirements\n.txt'],
      ['a Windows absolute path', 'C:\\repo\\requirements.txt'],
    ])('refuses %s, naming the path', async (_label, path) => {
      const before = await databaseState(service);
      const response = await service.gql(SUBMIT_REQUIREMENTS, { input: { application: 'inputs', commit: 'abcdef1', files: [file(path)] } }, developer);
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'files[0].path' });
      expect(await databaseState(service)).toEqual(before);
    });

    it('refuses an unknown application with NOT_FOUND naming it', async () => {
      const before = await databaseState(service);
      const response = await service.gql(
        SUBMIT_REQUIREMENTS,
        { input: { application: 'nope', commit: 'abcdef1', files: [file('requirements.txt')] } },
        developer,
      );
      expect(failure(response)).toEqual({ code: 'NOT_FOUND', field: 'application' });
      expect(await databaseState(service)).toEqual(before);
    });

    it('stores a file that does not parse, with its PARSE_ERROR findings (a snapshot records what is there)', async () => {
      await recordDeployment(service, { application: 'inputs', environment: 'PROD', runtime: '36.11.0' }, developer);
      const snapshot = dataOf(
        await service.gql(
          SUBMIT_REQUIREMENTS,
          { input: { application: 'inputs', commit: 'abcdef2', files: [file('requirements.txt', 'Django>>1\n')] } },
          developer,
        ),
      ).submitRequirements;
      expect(snapshot.scans[0].findings).toContainEqual(expect.objectContaining({ code: 'PARSE_ERROR', line: 1 }));
    });
  });
});
