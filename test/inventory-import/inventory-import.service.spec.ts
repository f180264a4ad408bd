/**
 * InventoryImportService on the test database, without HTTP: everything checked before anything
 * is written, writes through the groups', applications' and deployments' own repositories, reruns
 * change nothing, and the deployment that runs is the newest by deployedAt, as for
 * recordDeployment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationsRepository } from '../../src/applications/applications.repository';
import { BOOTSTRAP_ADMIN } from '../../src/auth/principal';
import { UsersService } from '../../src/auth/users.service';
import { DomainError } from '../../src/common/errors/domain-error';
import { DeploymentsRepository } from '../../src/deployments/deployments.repository';
import { DeploymentsService } from '../../src/deployments/deployments.service';
import { GroupsRepository } from '../../src/groups/groups.repository';
import { InventoryImportModule } from '../../src/inventory-import/inventory-import.module';
import { InventoryImportService } from '../../src/inventory-import/inventory-import.service';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { openServiceContext, type ServiceContext } from '../setup/service-context';

const inventory = (deployments: Array<{ environment: string; runtime: string; commit: string; deployedAt: string }>, name = 'Lab Tools') =>
  JSON.stringify({
    groups: [
      {
        slug: 'physics',
        name: 'Physics Computing',
        members: [
          { email: 'ada@example.edu', role: 'OWNER' },
          { email: 'bob@example.edu', role: 'MEMBER' },
        ],
      },
    ],
    applications: [
      { slug: 'lab-tools', name, department: 'Physics', group: 'physics', contacts: ['ada@example.edu'], deployments },
      { slug: 'beam-sim', name: 'Beam Simulator', department: 'Physics', group: 'physics' },
    ],
  });

describe('InventoryImportService', () => {
  let ctx: ServiceContext;
  let importer: InventoryImportService;
  let applications: ApplicationsRepository;
  let deployments: DeploymentsRepository;

  beforeAll(async () => {
    ctx = await openServiceContext([InventoryImportModule]);
    await seedCatalog(ctx.dataSource, new Date('2017-01-01T00:00:00Z'));
    importer = ctx.get(InventoryImportService);
    applications = ctx.get(ApplicationsRepository);
    deployments = ctx.get(DeploymentsRepository);
    for (const email of ['ada@example.edu', 'bob@example.edu']) await ctx.get(UsersService).createUser({ email, displayName: email, roles: [] });
  });
  afterAll(async () => ctx?.close());

  const prod = { environment: 'PROD', runtime: '36.11.0', commit: '9fceb02' };

  /** The deployment history of an application, newest first. */
  const historyOf = async (applicationId: string, environment: 'PROD' | null, first: number) =>
    (await deployments.history(applicationId, environment, { first, after: null })).items.map((entry) => entry.deployment);

  it('writes nothing on a dry run, yet counts what it would write', async () => {
    const result = await importer.import(BOOTSTRAP_ADMIN, {
      format: 'JSON',
      content: inventory([{ ...prod, deployedAt: '2018-03-01T00:00:00Z' }]),
      dryRun: true,
    });
    expect(result).toMatchObject({ dryRun: true, groupsCreated: 1, membersAdded: 2, applicationsCreated: 2, deploymentsRecorded: 1 });
    expect(await applications.findBySlug('lab-tools')).toBeNull();
    expect(await ctx.get(GroupsRepository).findBySlug('physics')).toBeNull();
  });

  it('imports groups, members, applications and deployments; a rerun changes nothing', async () => {
    const content = inventory([{ ...prod, deployedAt: '2018-03-01T00:00:00Z' }]);
    expect(await importer.import(BOOTSTRAP_ADMIN, { format: 'JSON', content, dryRun: false })).toEqual({
      dryRun: false,
      groupsCreated: 1,
      groupsUpdated: 0,
      membersAdded: 2,
      applicationsCreated: 2,
      applicationsUpdated: 0,
      applicationsUnchanged: 0,
      deploymentsRecorded: 1,
      deploymentsUnchanged: 0,
    });
    const app = (await applications.findBySlug('lab-tools'))!;
    expect(app).toMatchObject({ name: 'Lab Tools', department: 'Physics', contacts: ['ada@example.edu'], archived: false });
    expect((await ctx.get(GroupsRepository).members(app.owningGroupId)).map((member) => [member.email, member.role])).toEqual([
      ['ada@example.edu', 'OWNER'],
      ['bob@example.edu', 'MEMBER'],
    ]);
    expect(await importer.import(BOOTSTRAP_ADMIN, { format: 'JSON', content, dryRun: false })).toMatchObject({
      groupsCreated: 0,
      membersAdded: 0,
      applicationsCreated: 0,
      applicationsUnchanged: 2,
      deploymentsRecorded: 0,
      deploymentsUnchanged: 1,
    });
  });

  it('updates a changed application and keeps the newest deployment running when an older one is imported', async () => {
    const app = (await applications.findBySlug('lab-tools'))!;
    const [running] = (await deployments.currentOf([app.id])).get(app.id)!;
    const older = { ...prod, commit: 'aaaaaaa', deployedAt: '2018-01-01T00:00:00Z' };
    const result = await importer.import(BOOTSTRAP_ADMIN, { format: 'JSON', content: inventory([older], 'Lab Tools 2'), dryRun: false });
    expect(result).toMatchObject({ applicationsUpdated: 1, applicationsUnchanged: 1, deploymentsRecorded: 1 });
    expect((await applications.findBySlug('lab-tools'))!.name).toBe('Lab Tools 2');
    expect((await deployments.currentOf([app.id])).get(app.id)!.map((deployment) => deployment.id)).toEqual([running.id]);
    expect(await historyOf(app.id, 'PROD', 10)).toHaveLength(2);
  });

  it('agrees with recordDeployment on what runs: a newer imported deployment replaces one recorded through the service', async () => {
    const app = (await applications.findBySlug('lab-tools'))!;
    await ctx.get(DeploymentsService).record(BOOTSTRAP_ADMIN, {
      application: 'lab-tools',
      environment: 'PROD',
      runtime: '36.11.0',
      commit: 'bbbbbbb',
      deployedAt: new Date('2018-06-01T00:00:00Z'),
    });
    await importer.import(BOOTSTRAP_ADMIN, {
      format: 'JSON',
      content: inventory([{ ...prod, commit: 'ccccccc', deployedAt: '2018-07-01T00:00:00Z' }], 'Lab Tools 2'),
      dryRun: false,
    });
    expect((await deployments.currentOf([app.id])).get(app.id)!.map((deployment) => deployment.commit)).toEqual(['ccccccc']);
  });

  it('refuses an inventory with unknown references, listing each, and writes nothing', async () => {
    const before = await historyOf((await applications.findBySlug('lab-tools'))!.id, null, 50);
    const content = JSON.stringify({
      applications: [
        {
          slug: 'x-app',
          name: 'X',
          department: 'X',
          group: 'no-such-group',
          deployments: [{ ...prod, runtime: '99.0.0', deployedAt: '2018-01-01T00:00:00Z' }],
        },
      ],
    });
    const refusal = await importer.import(BOOTSTRAP_ADMIN, { format: 'JSON', content, dryRun: false }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).details.errors).toHaveLength(2);
    expect(await applications.findBySlug('x-app')).toBeNull();
    expect(await historyOf((await applications.findBySlug('lab-tools'))!.id, null, 50)).toEqual(before);
  });
});
