/**
 * DeploymentsService on the test database, without HTTP: what recording writes through the
 * DeploymentsRepository (history, what runs now by the newest deployedAt), and who may record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationsService } from '../../src/applications/applications.service';
import { BOOTSTRAP_ADMIN, type Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/role';
import { UsersService } from '../../src/auth/users.service';
import { DomainError } from '../../src/common/errors/domain-error';
import { DeploymentsModule } from '../../src/deployments/deployments.module';
import { DeploymentsRepository } from '../../src/deployments/deployments.repository';
import { DeploymentsService } from '../../src/deployments/deployments.service';
import { GroupsService } from '../../src/groups/groups.service';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { openServiceContext, type ServiceContext } from '../setup/service-context';

async function refusalOf(work: Promise<unknown>): Promise<{ code: string; field: unknown }> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.details.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('DeploymentsService', () => {
  let ctx: ServiceContext;
  let deployments: DeploymentsService;
  let repository: DeploymentsRepository;
  let appId: string;
  let outsider: Principal;

  beforeAll(async () => {
    ctx = await openServiceContext([DeploymentsModule]);
    await seedCatalog(ctx.dataSource, new Date('2017-01-01T00:00:00Z'));
    deployments = ctx.get(DeploymentsService);
    repository = ctx.get(DeploymentsRepository);
    await ctx.get(GroupsService).createGroup(BOOTSTRAP_ADMIN, { slug: 'team-a', name: 'Team A', owners: [] });
    await ctx.get(GroupsService).createGroup(BOOTSTRAP_ADMIN, { slug: 'team-b', name: 'Team B', owners: [] });
    const app = await ctx
      .get(ApplicationsService)
      .create(BOOTSTRAP_ADMIN, { slug: 'grades', name: 'Grades', department: 'Registrar', group: 'team-a', contacts: [] });
    appId = app.id;
    const user = await ctx.get(UsersService).createUser({ email: 'outsider@example.edu', displayName: 'Outsider', roles: [Role.DEVELOPER] });
    outsider = { userId: user.id, label: user.email, roles: user.roles, tokenId: null };
  });
  afterAll(async () => ctx?.close());

  const record = (deployedAt: string, runtime = '36.11.0', environment: 'PROD' | 'TEST' = 'PROD') =>
    deployments.record(BOOTSTRAP_ADMIN, { application: 'grades', environment, runtime, commit: 'abcdef1', deployedAt: new Date(deployedAt) });

  /** The deployment history of an application, newest first. */
  const historyOf = async (applicationId: string, environment: 'PROD' | null, first: number) =>
    (await repository.history(applicationId, environment, { first, after: null })).items.map((entry) => entry.deployment);

  it('keeps every deployment as history; the newest by deployedAt runs, even when an older one is recorded later', async () => {
    const newer = await record('2018-11-20T10:00:00Z');
    expect(newer).toMatchObject({ applicationId: appId, environment: 'PROD', runtimeVersion: '36.11.0', recordedBy: BOOTSTRAP_ADMIN.label });
    const older = await record('2018-11-01T10:00:00Z');
    expect((await repository.currentOf([appId])).get(appId)!.map((deployment) => deployment.id)).toEqual([newer.id]);
    expect((await historyOf(appId, 'PROD', 10)).map((deployment) => deployment.id)).toEqual([newer.id, older.id]);
  });

  it('lists what runs now TEST to PROD, one per environment', async () => {
    const test = await record('2018-11-25T10:00:00Z', '36.11.0', 'TEST');
    const current = (await deployments.currentFor([appId])).get(appId)!;
    expect(current.map((deployment) => deployment.environment)).toEqual(['TEST', 'PROD']);
    expect(current[0].id).toBe(test.id);
  });

  it('answers NOT_FOUND to a caller who cannot see the application, as for one that does not exist, and writes nothing', async () => {
    const before = await historyOf(appId, null, 50);
    const input = { environment: 'PROD' as const, runtime: '36.11.0', commit: 'abcdef1' };
    expect(await refusalOf(deployments.record(outsider, { ...input, application: 'grades' }))).toEqual({ code: 'NOT_FOUND', field: 'application' });
    expect(await refusalOf(deployments.record(outsider, { ...input, application: 'no-such-app' }))).toEqual({ code: 'NOT_FOUND', field: 'application' });
    expect(await historyOf(appId, null, 50)).toEqual(before);
  });

  it('refuses a deployment in the future, naming deployedAt, before touching the database', async () => {
    expect(await refusalOf(record('2019-06-01T00:00:00Z'))).toEqual({ code: 'BAD_USER_INPUT', field: 'deployedAt' });
  });
});
