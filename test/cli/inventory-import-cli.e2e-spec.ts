/**
 * `npm run cli -- inventory:import FILE`: the operator command behind the `importInventory`
 * mutation, against a real PostgreSQL: every row checked first, all or nothing, reruns change
 * nothing, `--dry-run` writes nothing, and every problem is printed with its row or path.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';
import { captureIo, workspace } from './cli-support';

const HEADER =
  'application,name,department,group,contacts,repository_url,description,environment,runtime,commit,deployed_at,group_name,group_owners,group_members';
const INVENTORY_CSV = [
  HEADER,
  ',,,physics,,,,,,,,Physics Computing,ada@example.edu,bob@example.edu;cy@example.edu',
  'lab-tools,Lab Tools,Physics,physics,ada@example.edu;lab@example.edu,git@github.example.edu:physics/lab-tools.git,"Instrument control, data capture",PROD,36.11.0,9fceb02,2018-03-01,,,',
  'lab-tools,Lab Tools,Physics,physics,ada@example.edu;lab@example.edu,git@github.example.edu:physics/lab-tools.git,"Instrument control, data capture",TEST,37.22.0,1a2b3c4d,2019-05-02T09:15:00-05:00,,,',
  'beam-sim,Beam Simulator,Physics,physics,bob@example.edu,,,,,,,,,',
].join('\r\n');

const BAD_CSV = [
  HEADER,
  'new-app,New App,Physics,physics,not-an-email,,,PROD,37.22.0,abcdef1,2018-11-01,,,',
  'Bad Slug,Other,Physics,physics,,,,MARS,37.22.0,abcdef1,2018-11-01,,,',
  'third,Third,Physics,nowhere,,,,PROD,99.1.0,abcdef1,2018-11-01,,,',
].join('\n');

describe('inventory:import (operator CLI)', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  let files: ReturnType<typeof workspace>;
  let db: Client;

  const cli = async (...argv: string[]) => {
    const io = captureIo({ DATABASE_URL: databaseUrl }, files.dir);
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  };
  const run = (...args: string[]) => cli('inventory:import', ...args);

  async function tableCounts() {
    const [row] = (
      await db.query(`SELECT
        (SELECT count(*)::int FROM groups) AS groups, (SELECT count(*)::int FROM group_members) AS members,
        (SELECT count(*)::int FROM applications) AS applications, (SELECT count(*)::int FROM deployments) AS deployments,
        (SELECT count(*)::int FROM current_deployments) AS current`)
    ).rows;
    return row as Record<string, number>;
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl);
    files = workspace({
      'inventory.csv': INVENTORY_CSV,
      'sheets/INVENTORY.JSON': JSON.stringify({
        applications: [{ slug: 'beam-sim', name: 'Beam Simulator 2', department: 'Physics', group: 'physics' }],
      }),
      'exported.txt': JSON.stringify({
        applications: [
          {
            slug: 'beam-sim',
            name: 'Beam Simulator 2',
            department: 'Physics',
            group: 'physics',
            deployments: [{ environment: 'QUAL', runtime: '37.22.0', commit: 'abcdef12', deployedAt: '2019-11-01T12:00:00Z' }],
          },
        ],
      }),
      'bad.csv': BAD_CSV,
      'bad.json': JSON.stringify({
        applications: [
          {
            slug: 'x',
            name: 'X',
            department: 'D',
            group: 'physics',
            deployments: [{ environment: 'MARS', runtime: '37.22.0', commit: 'abcdef1', deployedAt: '2018-11-01' }],
          },
        ],
      }),
      'inventory.xlsx': 'not a CSV',
    });
    // A sheet saved in a legacy encoding: "Física" in Latin-1 bytes (the workspace writes UTF-8).
    writeFileSync(join(files.dir, 'latin1.csv'), Buffer.from(`${HEADER}\nlab-tools,Lab Tools,F\xeds\xedca,physics,,,,,,,,,,\n`, 'latin1'));
    expect((await cli('seed')).code).toBe(0);
    for (const email of ['ada@example.edu', 'bob@example.edu', 'cy@example.edu']) expect((await cli('user:create', '--email', email)).code).toBe(0);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    files.cleanup();
    await dropTestDatabase(serverUrl, databaseUrl);
  });

  it('checks a file with --dry-run, prints what it would do, and writes nothing', async () => {
    const before = await tableCounts();
    const result = await run('inventory.csv', '--dry-run');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Dry run: nothing was written. inventory.csv (CSV) is valid');
    expect(result.out).toContain('groups        1 created, 0 updated, 3 members added');
    expect(result.out).toContain('applications  2 created, 0 updated, 0 unchanged');
    expect(result.out).toContain('deployments   2 recorded, 0 unchanged');
    expect(await tableCounts()).toEqual(before);
  });

  it('imports groups, members, applications and deployments into the database', async () => {
    const result = await run('inventory.csv');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        'Imported inventory.csv (CSV):',
        '  groups        1 created, 0 updated, 3 members added',
        '  applications  2 created, 0 updated, 0 unchanged',
        '  deployments   2 recorded, 0 unchanged',
        '',
      ].join('\n'),
    );

    const members = await db.query(
      `SELECT g.slug, g.name, u.email, m.role FROM groups g JOIN group_members m ON m.group_id = g.id JOIN users u ON u.id = m.user_id ORDER BY u.email`,
    );
    expect(members.rows).toEqual([
      { slug: 'physics', name: 'Physics Computing', email: 'ada@example.edu', role: 'OWNER' },
      { slug: 'physics', name: 'Physics Computing', email: 'bob@example.edu', role: 'MEMBER' },
      { slug: 'physics', name: 'Physics Computing', email: 'cy@example.edu', role: 'MEMBER' },
    ]);
    const applications = await db.query(
      `SELECT a.slug, a.name, a.department, g.slug AS "group", a.contacts, a.repository_url, a.description
         FROM applications a JOIN groups g ON g.id = a.owning_group_id ORDER BY a.slug`,
    );
    expect(applications.rows).toEqual([
      {
        slug: 'beam-sim',
        name: 'Beam Simulator',
        department: 'Physics',
        group: 'physics',
        contacts: ['bob@example.edu'],
        repository_url: null,
        description: null,
      },
      {
        slug: 'lab-tools',
        name: 'Lab Tools',
        department: 'Physics',
        group: 'physics',
        contacts: ['ada@example.edu', 'lab@example.edu'],
        repository_url: 'git@github.example.edu:physics/lab-tools.git',
        description: 'Instrument control, data capture',
      },
    ]);
    const deployments = await db.query(
      `SELECT a.slug, d.environment, r.version, d.commit_sha, d.deployed_at, d.recorded_by
         FROM deployments d JOIN applications a ON a.id = d.application_id JOIN runtime_releases r ON r.id = d.release_id ORDER BY d.deployed_at`,
    );
    expect(deployments.rows).toEqual([
      // A date alone is midnight on campus (CST, UTC-6).
      {
        slug: 'lab-tools',
        environment: 'PROD',
        version: '36.11.0',
        commit_sha: '9fceb02',
        deployed_at: new Date('2018-03-01T06:00:00Z'),
        recorded_by: 'bootstrap-admin',
      },
      {
        slug: 'lab-tools',
        environment: 'TEST',
        version: '37.22.0',
        commit_sha: '1a2b3c4d',
        deployed_at: new Date('2019-05-02T14:15:00Z'),
        recorded_by: 'bootstrap-admin',
      },
    ]);
    expect((await tableCounts()).current).toBe(2);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await tableCounts();
    const result = await run('inventory.csv');
    expect(result.code).toBe(0);
    expect(result.out).toContain('groups        0 created, 0 updated, 0 members added');
    expect(result.out).toContain('applications  0 created, 0 updated, 2 unchanged');
    expect(result.out).toContain('deployments   0 recorded, 2 unchanged');
    expect(await tableCounts()).toEqual(before);
  });

  it('reads JSON by its extension in any case, or by --format whatever the name', async () => {
    const byExtension = await run('sheets/INVENTORY.JSON', '--dry-run');
    expect(byExtension.code).toBe(0);
    expect(byExtension.out).toContain('sheets/INVENTORY.JSON (JSON) is valid');
    expect(byExtension.out).toContain('applications  0 created, 1 updated, 0 unchanged');

    const byOption = await run('--format', 'JSON', 'exported.txt');
    expect(byOption.err).toBe('');
    expect(byOption.code).toBe(0);
    expect(byOption.out).toContain('Imported exported.txt (JSON):');
    expect(byOption.out).toContain('applications  0 created, 1 updated, 0 unchanged');
    expect(byOption.out).toContain('deployments   1 recorded, 0 unchanged');
    const [beamSim] = (await db.query(`SELECT name FROM applications WHERE slug = 'beam-sim'`)).rows;
    expect(beamSim.name).toBe('Beam Simulator 2');
  });

  it('prints every problem of a bad CSV with its row and column, exits 2 and imports nothing', async () => {
    const before = await tableCounts();
    const result = await run('bad.csv');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    const lines = result.err.trimEnd().split('\n');
    expect(lines[0]).toBe('inventory:import: bad.csv has problems; fix them and run the command again:');
    expect(lines.at(-1)).toBe('Nothing was imported.');
    for (const location of ['row 2, contacts: ', 'row 3, application: ', 'row 3, environment: ', 'row 4, group: ', 'row 4, runtime: ']) {
      expect(lines.filter((line) => line.startsWith(`  ${location}`))).toHaveLength(1);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('prints the JSON path of each problem, also on a dry run', async () => {
    const before = await tableCounts();
    const result = await run('bad.json', '--dry-run');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^ {2}applications\[0\]\.deployments\[0\]\.environment: /m);
    expect(result.err).toContain('Nothing was imported.');
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a file that is not UTF-8 instead of importing mangled text', async () => {
    const result = await run('latin1.csv');
    expect(result.code).toBe(2);
    expect(result.err).toContain('latin1.csv: is not UTF-8 text');
    expect(result.err).toContain('Nothing was imported.');
  });

  it.each([
    [['inventory.xlsx'], /cannot tell the format of inventory\.xlsx[\s\S]*--format csv or --format json[\s\S]*Usage:/],
    [['inventory.csv', '--format', 'xml'], /--format must be csv or json; got xml/],
    [[], /inventory:import needs exactly one CSV or JSON file/],
    [['inventory.csv', 'bad.csv'], /inventory:import needs exactly one CSV or JSON file/],
    [['inventory.csv', '--force'], /Unknown option '--force'/],
    [['missing.csv'], /^inventory:import: missing\.csv: no such file\nNothing was imported\.\n$/],
    [['sheets', '--format', 'json'], /^inventory:import: sheets: is a directory, not a file\nNothing was imported\.\n$/],
  ])('exits 2 for %j', async (args, message) => {
    const before = await tableCounts();
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(message);
    expect(await tableCounts()).toEqual(before);
  });

  it('is listed in the help', async () => {
    const io = captureIo();
    expect(await runCli(['help'], io)).toBe(0);
    expect(io.out()).toContain('inventory:import FILE [--format csv|json] [--dry-run]');
  });
});
