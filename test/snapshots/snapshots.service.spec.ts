/**
 * SnapshotsService on the test database, without HTTP: files stored once by content, identical
 * file sets reused, the latest snapshot set on the application, and stored scans kept for every
 * runtime the application runs (with the environments running it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationsRepository } from '../../src/applications/applications.repository';
import { ApplicationsService } from '../../src/applications/applications.service';
import { BOOTSTRAP_ADMIN } from '../../src/auth/principal';
import { DomainError } from '../../src/common/errors/domain-error';
import { DeploymentsModule } from '../../src/deployments/deployments.module';
import { DeploymentsService } from '../../src/deployments/deployments.service';
import { GroupsService } from '../../src/groups/groups.service';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { SnapshotsRepository } from '../../src/snapshots/snapshots.repository';
import { SnapshotsService } from '../../src/snapshots/snapshots.service';
import { openServiceContext, type ServiceContext } from '../setup/service-context';

describe('SnapshotsService', () => {
  let ctx: ServiceContext;
  let snapshots: SnapshotsService;
  let repository: SnapshotsRepository;
  let appId: string;

  beforeAll(async () => {
    ctx = await openServiceContext([DeploymentsModule]);
    await seedCatalog(ctx.dataSource, new Date('2017-01-01T00:00:00Z'));
    snapshots = ctx.get(SnapshotsService);
    repository = ctx.get(SnapshotsRepository);
    await ctx.get(GroupsService).createGroup(BOOTSTRAP_ADMIN, { slug: 'team-a', name: 'Team A', owners: [] });
    appId = (
      await ctx.get(ApplicationsService).create(BOOTSTRAP_ADMIN, { slug: 'grades', name: 'Grades', department: 'Registrar', group: 'team-a', contacts: [] })
    ).id;
  });
  afterAll(async () => ctx?.close());

  const submit = (commit: string, files: { path: string; content: string }[]) => snapshots.submit(BOOTSTRAP_ADMIN, { application: 'grades', commit, files });

  it('stores a new file set (paths normalised, sorted) and makes it the latest; no runtime runs, so no scan', async () => {
    const { snapshot, created } = await submit('abcdef1', [
      { path: './requirements/prod.txt', content: 'Django==1.11.29\n' },
      { path: 'requirements.txt', content: '-r requirements/prod.txt\n' },
    ]);
    expect(created).toBe(true);
    expect(snapshot.files.map((file) => file.path)).toEqual(['requirements.txt', 'requirements/prod.txt']);
    expect((await ctx.get(ApplicationsRepository).findBySlug('grades'))!.latestSnapshotId).toBe(snapshot.id);
    expect(await repository.filesOf(snapshot.id)).toEqual([
      { path: 'requirements.txt', content: '-r requirements/prod.txt\n' },
      { path: 'requirements/prod.txt', content: 'Django==1.11.29\n' },
    ]);
    expect((await repository.scansOf([snapshot.id])).get(snapshot.id)).toBeUndefined();
  });

  it('reuses the snapshot of identical files submitted again at another commit', async () => {
    const first = await submit('abcdef2', [{ path: 'requirements.txt', content: 'requests==2.20.0\n' }]);
    const again = await submit('abcdef3', [{ path: 'requirements.txt', content: 'requests==2.20.0\n' }]);
    expect(again).toMatchObject({ created: false, snapshot: { id: first.snapshot.id, commit: 'abcdef2', lastCommit: 'abcdef3' } });
    expect((await repository.history(appId, { first: 10, after: null })).items.filter((entry) => entry.snapshot.id === first.snapshot.id)).toHaveLength(1);
  });

  it('scans the latest snapshot against each runtime the application runs, naming the environments, once', async () => {
    const { snapshot } = await submit('abcdef4', [{ path: 'requirements.txt', content: 'Django==1.11.29\n' }]);
    const deploy = (environment: 'TEST' | 'PROD') =>
      ctx
        .get(DeploymentsService)
        .record(BOOTSTRAP_ADMIN, { application: 'grades', environment, runtime: '36.11.0', commit: 'abcdef4', deployedAt: new Date('2018-11-20T10:00:00Z') });
    await deploy('PROD');
    await deploy('TEST');
    const [scan, ...others] = (await repository.scansOf([snapshot.id])).get(snapshot.id)!;
    expect(others).toEqual([]);
    expect(scan).toMatchObject({ runtimeVersion: '36.11.0', environments: ['PROD', 'TEST'] });
    expect(scan.errorCount + scan.warningCount).toBe(scan.findings.filter((finding) => finding.severity !== 'INFO').length);
  });

  it('refuses a path outside the repository, naming the file, and stores nothing', async () => {
    const before = await repository.history(appId, { first: 50, after: null });
    const refusal = await submit('abcdef5', [{ path: '../secrets.txt', content: 'x\n' }]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'files[0].path' } });
    expect(await repository.history(appId, { first: 50, after: null })).toEqual(before);
  });
});
