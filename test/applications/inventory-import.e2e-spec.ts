import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, errorCode, startTestService, type TestService } from '../setup/test-app';
import { IMPORT_INVENTORY as IMPORT, INVENTORY_CSV_HEADER as HEADER } from './support';

const CSV = [
  HEADER,
  ',,,physics,,,,,,,,Physics Computing,ada@example.edu,bob@example.edu',
  'lab-tools,Lab Tools,Physics,physics,ada@example.edu;lab@example.edu,git@github.example.edu:physics/lab-tools.git,"Instrument control, data capture",PROD,36.11.0,9fceb02,2018-03-01,,,',
  'lab-tools,Lab Tools,Physics,physics,ada@example.edu;lab@example.edu,git@github.example.edu:physics/lab-tools.git,"Instrument control, data capture",TEST,37.21.0,1a2b3c4d,2018-10-02T09:15:00-05:00,,,',
  'beam-sim,Beam Simulator,Physics,physics,bob@example.edu,,,,,,,,,',
].join('\r\n');

async function inventoryCounts(service: TestService) {
  const [row] = await service.dataSource.query(`SELECT
    (SELECT count(*)::int FROM groups) AS groups, (SELECT count(*)::int FROM group_members) AS members,
    (SELECT count(*)::int FROM applications) AS applications, (SELECT count(*)::int FROM deployments) AS deployments,
    (SELECT count(*)::int FROM current_deployments) AS current`);
  return row;
}

describe('importInventory', () => {
  let service: TestService;
  let developer: string;

  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T15:00:00Z' });
    await seedCatalog(service.dataSource, service.clock.now());
    await service.tokenFor(['DEVELOPER' as never], 'ada@example.edu');
    developer = await service.tokenFor(['DEVELOPER' as never], 'bob@example.edu');
  });
  afterAll(async () => service.close());

  it('checks a CSV without writing anything on a dry run', async () => {
    const before = await inventoryCounts(service);
    const response = await service.gql(IMPORT, { format: 'CSV', content: CSV, dryRun: true }, BOOTSTRAP_TOKEN);
    expect(response.errors).toBeUndefined();
    expect(response.data!.importInventory).toMatchObject({ dryRun: true, groupsCreated: 1, applicationsCreated: 2, deploymentsRecorded: 2 });
    expect(await inventoryCounts(service)).toEqual(before);
  });

  it('imports groups, members, applications and deployments, and a rerun changes nothing', async () => {
    const first = await service.gql(IMPORT, { format: 'CSV', content: CSV }, BOOTSTRAP_TOKEN);
    expect(first.errors).toBeUndefined();
    expect(first.data!.importInventory).toEqual({
      dryRun: false,
      groupsCreated: 1,
      groupsUpdated: 0,
      membersAdded: 2,
      applicationsCreated: 2,
      applicationsUpdated: 0,
      applicationsUnchanged: 0,
      deploymentsRecorded: 2,
      deploymentsUnchanged: 0,
    });
    const after = await inventoryCounts(service);
    const again = await service.gql(IMPORT, { format: 'CSV', content: CSV }, BOOTSTRAP_TOKEN);
    expect(again.data!.importInventory).toMatchObject({
      groupsCreated: 0,
      membersAdded: 0,
      applicationsCreated: 0,
      applicationsUnchanged: 2,
      deploymentsRecorded: 0,
      deploymentsUnchanged: 2,
    });
    expect(await inventoryCounts(service)).toEqual(after);

    const app = await service.gql(
      `{ application(slug: "lab-tools") { owningGroup { slug members { email role } } contacts repositoryUrl deployments { environment runtimeVersion commit deployedAt } } }`,
      {},
      developer,
    );
    expect(app.data!.application).toEqual({
      owningGroup: {
        slug: 'physics',
        members: [
          { email: 'ada@example.edu', role: 'OWNER' },
          { email: 'bob@example.edu', role: 'MEMBER' },
        ],
      },
      contacts: ['ada@example.edu', 'lab@example.edu'],
      repositoryUrl: 'git@github.example.edu:physics/lab-tools.git',
      deployments: [
        { environment: 'TEST', runtimeVersion: '37.21.0', commit: '1a2b3c4d', deployedAt: '2018-10-02T14:15:00.000Z' },
        // A date alone is midnight on campus (CST, UTC-6).
        { environment: 'PROD', runtimeVersion: '36.11.0', commit: '9fceb02', deployedAt: '2018-03-01T06:00:00.000Z' },
      ],
    });
  });

  it('imports JSON and updates what changed', async () => {
    const json = JSON.stringify({
      applications: [
        {
          slug: 'beam-sim',
          name: 'Beam Simulator 2',
          department: 'Physics',
          group: 'physics',
          deployments: [{ environment: 'QUAL', runtime: '37.21.0', commit: 'abcdef12', deployedAt: '2018-11-01T12:00:00Z' }],
        },
      ],
    });
    const response = await service.gql(IMPORT, { format: 'JSON', content: json }, BOOTSTRAP_TOKEN);
    expect(response.errors).toBeUndefined();
    expect(response.data!.importInventory).toMatchObject({ applicationsUpdated: 1, deploymentsRecorded: 1 });
  });

  it('reports every bad row with its number and column, and imports nothing', async () => {
    const before = await inventoryCounts(service);
    const bad = [
      HEADER,
      'new-app,New App,Physics,physics,not-an-email,,,PROD,37.21.0,abcdef1,2018-11-01,,,',
      'Bad Slug,Other,Physics,physics,,,,MARS,37.21.0,abcdef1,2018-11-01,,,',
      'third,Third,Physics,nowhere,,,,PROD,99.1.0,abcdef1,2018-11-01,,,',
    ].join('\n');
    const response = await service.gql(IMPORT, { format: 'CSV', content: bad }, BOOTSTRAP_TOKEN);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    const errors = response.errors![0].extensions!.errors as { row: number; column: string; message: string }[];
    expect(errors.map((error) => [error.row, error.column])).toEqual(
      expect.arrayContaining([
        [2, 'contacts'],
        [3, 'application'],
        [3, 'environment'],
        [4, 'group'],
        [4, 'runtime'],
      ]),
    );
    expect(response.errors![0].message).toMatch(/nothing was imported/);
    expect(await inventoryCounts(service)).toEqual(before);
  });

  it('names a wrong header and a missing column', async () => {
    const wrongHeader = await service.gql(IMPORT, { format: 'CSV', content: 'app,name,department,group\nx,X,D,physics\n' }, BOOTSTRAP_TOKEN);
    expect(errorCode(wrongHeader)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(wrongHeader.errors![0].extensions!.errors)).toMatch(/application/);
    const missing = await service.gql(IMPORT, { format: 'CSV', content: 'application,name,group\nx,X,physics\n' }, BOOTSTRAP_TOKEN);
    expect(JSON.stringify(missing.errors![0].extensions!.errors)).toMatch(/department/);
    const json = await service.gql(IMPORT, { format: 'JSON', content: '{"applications":[{"slug":"x","nme":"X"}]}' }, BOOTSTRAP_TOKEN);
    expect(errorCode(json)).toBe('BAD_USER_INPUT');
    expect(json.errors![0].extensions!.errors[0].path).toMatch(/^applications\[0\]/);
  });

  it('is for admins only', async () => {
    expect(errorCode(await service.gql(IMPORT, { format: 'CSV', content: CSV }, developer))).toBe('FORBIDDEN');
    expect(errorCode(await service.gql(IMPORT, { format: 'CSV', content: CSV }))).toBe('UNAUTHENTICATED');
  });
});
