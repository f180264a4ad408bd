/**
 * Migration tracking end to end, as one story on the seeded catalog: 36.20.0 (end of support
 * 2019-03-31, notice start 2018-07-31, migration target 37.21.0) loses support while applications
 * move off it; the clock only moves forward. Opening by the sweep and by a moved end of support,
 * every status from deployments, scans and members, reopening, waivers with approval and expiry,
 * risk, summary, burndown and forecast, the CSV export, visibility per role and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN } from '../../src/auth/principal';
import { Role } from '../../src/auth/role';
import { MigrationsService } from '../../src/migration-tracking/migrations.service';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { myNotices } from '../notices/support';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { SET_MANAGED_DEPARTMENTS, createApplication, createGroup, dataOf, failure, gqlOk, recordDeployment, submitRequirements } from '../applications/support';
import {
  BLOCKED,
  BURNDOWN,
  DECIDE_WAIVER,
  MIGRATIONS,
  OPEN,
  REQUEST_WAIVER,
  RETARGET,
  START,
  SUMMARY,
  migrationTables,
  parseCsv,
  runMigrationsSweep,
} from './support';

const REGISTRAR = ['a-idle', 'a-scanned', 'a-broken', 'a-declared', 'a-testing', 'a-done', 'a-done-later', 'a-waived'];
const CLEAN_REQUIREMENTS = [{ path: 'requirements.txt', content: 'requests==2.19.1\n' }];
const BROKEN_REQUIREMENTS = [{ path: 'requirements/base.txt', content: 'requests==2.19.1\nthis is not a requirement\n' }];

describe('migration tracking', () => {
  let service: TestService;
  const tokens: Record<string, string> = {};
  /** Migration ids by application slug (release 36.20.0). */
  const ids: Record<string, string> = {};

  const at = (instant: string) => service.clock.set(instant);
  const list = async (token: string, variables: Record<string, unknown> = {}) =>
    (await gqlOk(service, MIGRATIONS, { first: 100, ...variables }, token)).migrations.edges.map((edge: any) => edge.node);
  const bySlug = async (slug: string, token = BOOTSTRAP_TOKEN) =>
    (await list(token, { filter: { release: '36.20.0' }, orderBy: { field: 'APPLICATION' } })).find((node: any) => node.application.slug === slug);
  const deploy = (application: string, environment: string, runtime: string, deployedAt?: string) =>
    recordDeployment(service, { application, environment, runtime, ...(deployedAt ? { deployedAt } : {}) }, tokens.dev);

  beforeAll(async () => {
    service = await startTestService({ now: '2018-06-01T15:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    tokens.dev = await service.tokenFor([Role.DEVELOPER], 'dev-a@example.edu');
    tokens.devB = await service.tokenFor([Role.DEVELOPER], 'dev-b@example.edu');
    tokens.admin = await service.tokenFor([Role.ADMIN], 'admin@example.edu');
    tokens.admin2 = await service.tokenFor([Role.ADMIN], 'admin2@example.edu');
    tokens.registrarManager = await service.tokenFor([Role.MANAGER], 'manager-registrar@example.edu');
    tokens.libraryManager = await service.tokenFor([Role.MANAGER], 'manager-library@example.edu');
    tokens.nobody = await service.tokenFor([], 'nobody@example.edu');
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: 'manager-registrar@example.edu', departments: ['Registrar'] });
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: 'manager-library@example.edu', departments: ['Library'] });
    await createGroup(service, 'team-a', ['dev-a@example.edu']);
    await createGroup(service, 'team-b', ['dev-b@example.edu']);
    for (const slug of REGISTRAR) {
      await createApplication(service, { slug, group: 'team-a', department: 'Registrar' });
      await deploy(slug, 'PROD', '36.20.0', '2018-05-01T12:00:00Z');
    }
    await createApplication(service, { slug: 'b-library', group: 'team-b', department: 'Library' });
    await recordDeployment(service, { application: 'b-library', environment: 'QUAL', runtime: '36.20.0' }, tokens.devB);
    await createApplication(service, { slug: 'a-lts', group: 'team-a', department: 'Registrar' });
    await deploy('a-lts', 'PROD', '36.11.0');
  });
  afterAll(async () => service.close());

  describe('opening', () => {
    it('opens nothing before the notice start', async () => {
      expect(await runMigrationsSweep(service, '2018-07-30')).toMatchObject({ migrationsOpened: 0 });
      expect(await list(tokens.admin)).toEqual([]);
    });

    it('opens one migration per application running the release, once, targeting its migration target, deadline its end of support', async () => {
      at('2018-10-15T15:00:00Z');
      expect(await runMigrationsSweep(service, '2018-10-15')).toMatchObject({ migrationsOpened: 9 });
      expect(await runMigrationsSweep(service, '2018-10-15')).toMatchObject({ migrationsOpened: 0 });
      const nodes = await list(tokens.admin, { filter: { release: '36.20.0' }, orderBy: { field: 'APPLICATION' } });
      expect(nodes.map((node: any) => node.application.slug)).toEqual([
        'a-broken',
        'a-declared',
        'a-done',
        'a-done-later',
        'a-idle',
        'a-scanned',
        'a-testing',
        'a-waived',
        'b-library',
      ]);
      for (const node of nodes) ids[node.application.slug] = node.id;
      expect(nodes[0]).toMatchObject({
        from: { version: '36.20.0' },
        to: { version: '37.21.0' },
        deadline: '2019-03-31',
        status: 'NOT_STARTED',
        risk: 'ON_TRACK',
        blockers: [],
        waiver: null,
      });
      expect(nodes[0].history).toEqual([
        expect.objectContaining({ status: 'NOT_STARTED', previousStatus: null, causeKind: 'OPENED', cause: expect.stringContaining('lifecycle sweep') }),
      ]);
      // a-lts runs 36.11.0, not yet in its notice window: nothing to open.
      expect((await list(tokens.admin)).some((node: any) => node.application.slug === 'a-lts')).toBe(false);
    });

    it('opens at once when a moved end of support brings a release into its notice window', async () => {
      at('2018-11-01T15:00:00Z');
      await gqlOk(
        service,
        `mutation($input: ChangeEndOfSupportInput!) { changeEndOfSupport(input: $input) { version status } }`,
        {
          input: {
            version: '36.11.0',
            endOfSupport: '2019-06-30',
            reason: 'A security problem in the Python 3.6 line',
            securityExceptionReason: 'CVE in the interpreter, upstream ends support early',
            policyOverrideReason: 'Shortened lifecycle for the security exception',
          },
        },
        tokens.admin,
      );
      const moved = (await list(tokens.admin, { filter: { release: '36.11.0' } }))[0];
      expect(moved).toMatchObject({ application: { slug: 'a-lts' }, to: { version: '37.22.0' }, deadline: '2019-06-30', status: 'NOT_STARTED' });
      ids['a-lts'] = moved.id;
    });
  });

  describe('status from the facts', () => {
    it('is IN_PROGRESS once requirements submitted during the migration are scanned against the target, the scan named as cause', async () => {
      at('2018-11-02T15:00:00Z');
      const snapshot = await submitRequirements(service, 'a-scanned', CLEAN_REQUIREMENTS, 'c0ffee1', tokens.dev);
      const node = await bySlug('a-scanned');
      expect(node).toMatchObject({ status: 'IN_PROGRESS', blockers: [], risk: 'ON_TRACK' });
      expect(node.history.at(-1)).toMatchObject({ previousStatus: 'NOT_STARTED', status: 'IN_PROGRESS', causeKind: 'SCAN', causeRef: snapshot.id });
    });

    it('is BLOCKED by ERROR findings of the scan against the target, listed with file and line, and AT_RISK', async () => {
      await submitRequirements(service, 'a-broken', BROKEN_REQUIREMENTS, 'badc0de', tokens.dev);
      const node = await bySlug('a-broken');
      expect(node.status).toBe('BLOCKED');
      expect(node.risk).toBe('AT_RISK');
      expect(node.blockers).toEqual([expect.objectContaining({ code: 'PARSE_ERROR', file: 'requirements/base.txt', line: 2 })]);
      // Fixed requirements lift the block.
      await submitRequirements(service, 'a-broken', CLEAN_REQUIREMENTS, 'f12ed00', tokens.dev);
      expect(await bySlug('a-broken')).toMatchObject({ status: 'IN_PROGRESS', blockers: [] });
      await submitRequirements(service, 'a-broken', BROKEN_REQUIREMENTS, 'badc0de', tokens.dev);
      expect((await bySlug('a-broken')).status).toBe('BLOCKED');
    });

    it('follows what a member says: work started, blocked with a reason, started again', async () => {
      const started = dataOf(await service.gql(START, { migration: ids['a-declared'] }, tokens.dev)).startMigrationWork;
      expect(started.status).toBe('IN_PROGRESS');
      expect(started.history.at(-1)).toMatchObject({ causeKind: 'PERSON', causeRef: 'dev-a@example.edu', cause: 'dev-a@example.edu said work started' });
      const blocked = dataOf(
        await service.gql(BLOCKED, { input: { migration: ids['a-declared'], reason: 'Waiting for the vendor SDK' } }, tokens.dev),
      ).reportMigrationBlocked;
      expect(blocked).toMatchObject({
        status: 'BLOCKED',
        risk: 'AT_RISK',
        blockers: [{ code: 'DECLARED_BLOCKED', file: null, line: null, message: 'Waiting for the vendor SDK' }],
      });
      const again = dataOf(await service.gql(START, { migration: ids['a-declared'] }, tokens.dev)).startMigrationWork;
      expect(again).toMatchObject({ status: 'IN_PROGRESS', blockers: [] });
    });

    it('is IN_TESTING when the target runs in TEST, QUAL or BETA, with the deployment as cause', async () => {
      const deployment = await deploy('a-testing', 'TEST', '37.21.0');
      const node = await bySlug('a-testing');
      expect(node.status).toBe('IN_TESTING');
      expect(node.history.at(-1)).toMatchObject({
        causeKind: 'DEPLOYMENT',
        causeRef: deployment.id,
        cause: 'deployment of 37.21.0 to TEST by dev-a@example.edu',
      });
    });

    it('is COMPLETED when PROD runs the target and no environment the source; reopens when an environment goes back', async () => {
      at('2018-11-05T15:00:00Z');
      await deploy('a-done', 'PROD', '37.21.0');
      expect(await bySlug('a-done')).toMatchObject({ status: 'COMPLETED', risk: 'DONE' });
      at('2018-11-06T15:00:00Z');
      await deploy('a-done', 'QUAL', '36.20.0');
      expect((await bySlug('a-done')).status).toBe('IN_TESTING');
      await deploy('a-done', 'QUAL', '37.21.0');
      const node = await bySlug('a-done');
      expect(node.history.map((entry: any) => entry.status)).toEqual(['NOT_STARTED', 'COMPLETED', 'IN_TESTING', 'COMPLETED']);
      at('2018-11-12T15:00:00Z');
      await deploy('a-done-later', 'PROD', '37.21.0');
      expect((await bySlug('a-done-later')).status).toBe('COMPLETED');
    });

    it('keeps the migration untouched by an unrelated deployment and records no transition', async () => {
      const before = (await bySlug('a-idle')).history;
      await deploy('a-idle', 'TEST', '36.20.0');
      expect((await bySlug('a-idle')).history).toEqual(before);
    });
  });

  describe('figures for managers', () => {
    it('counts by status and risk, for a release and a department', async () => {
      at('2018-11-14T15:00:00Z');
      const { migrationSummary } = await gqlOk(service, SUMMARY, { release: '36.20.0' }, tokens.admin);
      const byStatus = Object.fromEntries(migrationSummary.byStatus.map((entry: any) => [entry.status, entry.count]));
      expect(migrationSummary.total).toBe(9);
      expect(byStatus).toEqual({ NOT_STARTED: 3, IN_PROGRESS: 2, IN_TESTING: 1, COMPLETED: 2, BLOCKED: 1, WAIVED: 0 });
      const byRisk = Object.fromEntries(migrationSummary.byRisk.map((entry: any) => [entry.risk, entry.count]));
      expect(byRisk).toEqual({ DONE: 2, ON_TRACK: 6, AT_RISK: 1, OVERDUE: 0 });
      const library = (await gqlOk(service, SUMMARY, { release: '36.20.0', department: 'Library' }, tokens.admin)).migrationSummary;
      expect(library.total).toBe(1);
    });

    it('burns down from the recorded transitions and forecasts from the recent pace', async () => {
      const { migrationBurndown } = await gqlOk(service, BURNDOWN, { release: '36.20.0', department: 'Registrar' }, tokens.registrarManager);
      expect(migrationBurndown).toMatchObject({ noticeStart: '2018-07-31', deadline: '2019-03-31', remaining: 6 });
      const points = Object.fromEntries(migrationBurndown.points.map((point: any) => [point.weekStart, point.remaining]));
      expect(points['2018-07-31']).toBe(0);
      expect(points['2018-10-09']).toBe(0);
      expect(points['2018-10-16']).toBe(8);
      expect(points['2018-11-06']).toBe(7);
      expect(points['2018-11-13']).toBe(6);
      expect(migrationBurndown.points.at(-1).weekStart).toBe('2018-11-13');
      // 2 done in the last 28 days: half a migration a week; 6 left take 12 weeks.
      expect(migrationBurndown.weeklyRate).toBe(0.5);
      expect(migrationBurndown.forecastCompletion).toBe('2019-02-06');
      expect(migrationBurndown.onTrack).toBe(true);
    });

    it('filters by status, risk, department and group, sorts by risk, deadline and application, and pages', async () => {
      const slugs = (nodes: any[]) => nodes.map((node) => node.application.slug);
      expect(slugs(await list(tokens.admin, { filter: { status: ['COMPLETED'] }, orderBy: { field: 'APPLICATION' } }))).toEqual(['a-done', 'a-done-later']);
      expect(slugs(await list(tokens.admin, { filter: { risk: ['AT_RISK'] } }))).toEqual(['a-broken']);
      expect(slugs(await list(tokens.admin, { filter: { group: 'team-b' } }))).toEqual(['b-library']);
      expect(slugs(await list(tokens.admin, { filter: { department: 'Library' } }))).toEqual(['b-library']);
      const byRisk = await list(tokens.admin, { filter: { release: '36.20.0' }, orderBy: { field: 'RISK' } });
      expect(byRisk[0].risk).toBe('AT_RISK');
      expect(byRisk.at(-1).risk).toBe('DONE');
      const byDeadline = await list(tokens.admin, { orderBy: { field: 'DEADLINE' } });
      expect(byDeadline[0].deadline).toBe('2019-03-31');
      expect(byDeadline.at(-1)).toMatchObject({ deadline: '2019-06-30', application: { slug: 'a-lts' } });
      const walked: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const migrations: any = (await gqlOk(service, MIGRATIONS, { first: 4, after, orderBy: { field: 'APPLICATION', direction: 'DESC' } }, tokens.admin))
          .migrations;
        expect(migrations.totalCount).toBe(10);
        walked.push(...migrations.edges.map((edge: any) => edge.node.application.slug));
        if (!migrations.pageInfo.hasNextPage) break;
        after = migrations.pageInfo.endCursor;
      }
      expect(walked).toEqual([...walked].sort().reverse());
      expect(new Set(walked).size).toBe(10);
    });

    it('shows managers their departments, members their groups’ applications, admins everything', async () => {
      const slugs = async (token: string) => (await list(token)).map((node: any) => node.application.slug).sort();
      expect(await slugs(tokens.admin)).toHaveLength(10);
      expect(await slugs(tokens.registrarManager)).toEqual([...REGISTRAR, 'a-lts'].sort());
      expect(await slugs(tokens.libraryManager)).toEqual(['b-library']);
      expect(await slugs(tokens.devB)).toEqual(['b-library']);
      expect(await slugs(tokens.dev)).toHaveLength(9);
      expect(await slugs(tokens.nobody)).toEqual([]);
      expect(failure(await service.gql(MIGRATIONS, {}, null)).code).toBe('UNAUTHENTICATED');
      const librarySummary = (await gqlOk(service, SUMMARY, { release: '36.20.0' }, tokens.libraryManager)).migrationSummary;
      expect(librarySummary.total).toBe(1);
      // A department the caller sees nothing of is unknown to them.
      expect(failure(await service.gql(SUMMARY, { release: '36.20.0', department: 'Registrar' }, tokens.libraryManager))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'department',
      });
    });
  });

  describe('export', () => {
    const exportCsv = (query: string, token: string | null) =>
      fetch(`${service.url}/exports/migrations.csv${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('streams one row per migration with its blockers, RFC 4180, read back by a strict parser', async () => {
      const response = await exportCsv('?release=36.20.0&department=Registrar', tokens.registrarManager);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      const records = parseCsv(await response.text());
      const [header, ...rows] = records;
      expect(header).toEqual([
        'application',
        'name',
        'department',
        'group',
        'from',
        'to',
        'deadline',
        'status',
        'risk',
        'blocker_count',
        'blockers',
        'waiver_status',
        'waiver_expires_on',
        'opened_at',
        'status_changed_at',
      ]);
      expect(rows.map((row) => row[0])).toEqual([...REGISTRAR].sort());
      const broken = Object.fromEntries(header.map((name, index) => [name, rows.find((row) => row[0] === 'a-broken')![index]]));
      expect(broken).toMatchObject({
        group: 'team-a',
        from: '36.20.0',
        to: '37.21.0',
        deadline: '2019-03-31',
        status: 'BLOCKED',
        risk: 'AT_RISK',
        blocker_count: '1',
      });
      expect(broken.blockers).toMatch(/^requirements\/base\.txt:2 PARSE_ERROR /);
    });

    it('guards against formula injection in cells a person controls', async () => {
      await gqlOk(service, `mutation { updateApplication(input: { slug: "b-library", name: "=HYPERLINK(\\"http://evil.example\\", \\"x\\")" }) { name } }`);
      const records = parseCsv(await (await exportCsv('?group=team-b', tokens.admin)).text());
      expect(records[1][1]).toBe(`'=HYPERLINK("http://evil.example", "x")`);
      expect(records.every((row) => row.every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);
    });

    it('applies the same visibility and refuses bad tokens and unknown filters with the field', async () => {
      const library = parseCsv(await (await exportCsv('', tokens.libraryManager)).text());
      expect(library.slice(1).map((row) => row[0])).toEqual(['b-library']);
      expect((await exportCsv('', null)).status).toBe(401);
      expect((await exportCsv('', 'not-a-token-at-all')).status).toBe(401);
      const unknown = await exportCsv('?release=99.0.0', tokens.admin);
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ error: 'BAD_USER_INPUT', field: 'release' });
      expect(await (await exportCsv('?status=DONE', tokens.admin)).json()).toMatchObject({ field: 'status' });
      expect(await (await exportCsv('?colour=red', tokens.admin)).json()).toMatchObject({ field: 'colour' });
    });
  });

  describe('bad input changes nothing', () => {
    const refused = async (document: string, variables: Record<string, unknown>, token: string, expected: { code: string; field?: string }) => {
      const before = await migrationTables(service);
      const response = await service.gql(document, variables, token);
      expect(failure(response), JSON.stringify(response.errors)).toEqual({ code: expected.code, field: expected.field });
      expect(response.errors![0].message.length).toBeGreaterThan(10);
      expect(await migrationTables(service)).toEqual(before);
    };

    it('refuses retargeting to the source, an older release, a draft or an unknown release', async () => {
      await gqlOk(
        service,
        `mutation { createReleaseDraft(input: { version: "38.1.0", pythonVersion: "3.8.0", track: LTS, generalAvailability: "2019-11-01", endOfSupport: "2022-10-31" }) { version } }`,
      );
      const migration = ids['a-idle'];
      await refused(RETARGET, { input: { migration, to: '36.20.0' } }, tokens.dev, { code: 'BAD_USER_INPUT', field: 'to' });
      await refused(RETARGET, { input: { migration, to: '36.11.0' } }, tokens.dev, { code: 'BAD_USER_INPUT', field: 'to' });
      await refused(RETARGET, { input: { migration, to: '38.1.0' } }, tokens.dev, { code: 'BAD_USER_INPUT', field: 'to' });
      await refused(RETARGET, { input: { migration, to: '99.9.9' } }, tokens.dev, { code: 'BAD_USER_INPUT', field: 'to' });
      await refused(RETARGET, { input: { migration, to: '37.22.0' } }, tokens.devB, { code: 'NOT_FOUND', field: 'migration' });
      await refused(RETARGET, { input: { migration, to: '37.22.0' } }, tokens.registrarManager, { code: 'FORBIDDEN' });
      await refused(RETARGET, { input: { migration: '00000000-0000-4000-8000-000000000000', to: '37.22.0' } }, tokens.admin, {
        code: 'NOT_FOUND',
        field: 'migration',
      });
    });

    it('refuses waivers without a reason, expiring today or earlier or past the maximum, and on a done migration', async () => {
      const migration = ids['a-waived'];
      await refused(REQUEST_WAIVER, { input: { migration, reason: ' ', expiresOn: '2019-05-01' } }, tokens.dev, { code: 'BAD_USER_INPUT', field: 'reason' });
      await refused(REQUEST_WAIVER, { input: { migration, reason: 'Vendor SDK', expiresOn: '2018-11-14' } }, tokens.dev, {
        code: 'BAD_USER_INPUT',
        field: 'expiresOn',
      });
      // Deadline 2019-03-31 + WAIVER_MAX_DAYS (180) = 2019-09-27.
      await refused(REQUEST_WAIVER, { input: { migration, reason: 'Vendor SDK', expiresOn: '2019-09-28' } }, tokens.dev, {
        code: 'BAD_USER_INPUT',
        field: 'expiresOn',
      });
      await refused(REQUEST_WAIVER, { input: { migration: ids['a-done'], reason: 'Vendor SDK', expiresOn: '2019-05-01' } }, tokens.dev, {
        code: 'CONFLICT',
        field: 'migration',
      });
      await refused(REQUEST_WAIVER, { input: { migration, reason: 'Vendor SDK', expiresOn: '2019-05-01' } }, tokens.libraryManager, {
        code: 'NOT_FOUND',
        field: 'migration',
      });
      await refused(BLOCKED, { input: { migration, reason: '' } }, tokens.dev, { code: 'BAD_USER_INPUT', field: 'reason' });
    });

    it('refuses unknown filter values, naming the field', async () => {
      await refused(MIGRATIONS, { filter: { release: '99.0.0' } }, tokens.admin, { code: 'BAD_USER_INPUT', field: 'filter.release' });
      await refused(MIGRATIONS, { filter: { department: 'Nowhere' } }, tokens.admin, { code: 'BAD_USER_INPUT', field: 'filter.department' });
      await refused(MIGRATIONS, { filter: { group: 'no-such-group' } }, tokens.admin, { code: 'BAD_USER_INPUT', field: 'filter.group' });
      await refused(SUMMARY, { release: '38.1.0' }, tokens.admin, { code: 'BAD_USER_INPUT', field: 'release' });
      await refused(BURNDOWN, { release: '99.0.0' }, tokens.admin, { code: 'BAD_USER_INPUT', field: 'release' });
      const enumValue = await service.gql(MIGRATIONS, { filter: { status: ['FINISHED'] } }, tokens.admin);
      expect(enumValue.errors![0].message).toContain('FINISHED');
      await refused(MIGRATIONS, { after: 'bm90LWEtY3Vyc29y' }, tokens.admin, { code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('retargeting and opening by hand', () => {
    it('retargets to a newer published release and recomputes against it', async () => {
      const retargeted = dataOf(await service.gql(RETARGET, { input: { migration: ids['a-testing'], to: '37.22.0' } }, tokens.dev)).retargetMigration;
      // TEST runs 37.21.0, older than the new target: back to NOT_STARTED, with the person as cause.
      expect(retargeted).toMatchObject({ to: { version: '37.22.0' }, status: 'NOT_STARTED' });
      expect(retargeted.history.at(-1)).toMatchObject({ causeKind: 'PERSON', cause: 'retargeted from 37.21.0 to 37.22.0 by dev-a@example.edu' });
    });

    it('opens by hand for an application running the release, once', async () => {
      await createApplication(service, { slug: 'a-early', group: 'team-a', department: 'Registrar' });
      await deploy('a-early', 'PROD', '37.21.0');
      const opened = dataOf(await service.gql(OPEN, { input: { application: 'a-early', from: '37.21.0' } }, tokens.dev)).openMigration;
      expect(opened).toMatchObject({ from: { version: '37.21.0' }, to: { version: '37.22.0' }, deadline: '2019-11-30', status: 'NOT_STARTED' });
      expect(opened.history[0]).toMatchObject({ causeKind: 'OPENED', cause: 'opened by dev-a@example.edu' });
      expect(failure(await service.gql(OPEN, { input: { application: 'a-early', from: '37.21.0' } }, tokens.dev))).toEqual({ code: 'CONFLICT', field: 'from' });
      expect(failure(await service.gql(OPEN, { input: { application: 'a-early', from: '36.20.0' } }, tokens.dev))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'from',
      });
      expect(failure(await service.gql(OPEN, { input: { application: 'a-early', from: '37.21.0' } }, tokens.devB)).code).toBe('NOT_FOUND');
    });
  });

  describe('waivers and risk over time', () => {
    let waiverId: string;

    it('lets a member request, nobody decide their own, an admin approve once: the migration is WAIVED and DONE', async () => {
      const requested = dataOf(
        await service.gql(REQUEST_WAIVER, { input: { migration: ids['a-waived'], reason: 'Vendor SDK ships in May', expiresOn: '2019-05-31' } }, tokens.dev),
      ).requestWaiver;
      waiverId = requested.id;
      expect(requested).toMatchObject({ status: 'PENDING', requestedBy: 'dev-a@example.edu', expiresOn: '2019-05-31' });
      expect(
        failure(await service.gql(REQUEST_WAIVER, { input: { migration: ids['a-waived'], reason: 'again', expiresOn: '2019-05-31' } }, tokens.dev)),
      ).toEqual({
        code: 'CONFLICT',
        field: 'migration',
      });
      expect(failure(await service.gql(DECIDE_WAIVER, { input: { waiver: waiverId, approve: true, reason: 'ok' } }, tokens.dev)).code).toBe('FORBIDDEN');
      // An admin's own request is decided by another admin.
      const own = dataOf(
        await service.gql(REQUEST_WAIVER, { input: { migration: ids['a-idle'], reason: 'Admin asks too', expiresOn: '2019-05-31' } }, tokens.admin),
      ).requestWaiver;
      expect(failure(await service.gql(DECIDE_WAIVER, { input: { waiver: own.id, approve: true, reason: 'self service' } }, tokens.admin))).toEqual({
        code: 'FORBIDDEN',
        field: 'waiver',
      });
      const rejected = dataOf(
        await service.gql(DECIDE_WAIVER, { input: { waiver: own.id, approve: false, reason: 'Move it instead' } }, tokens.admin2),
      ).decideWaiver;
      expect(rejected).toMatchObject({ status: 'REJECTED', decidedBy: 'admin2@example.edu' });

      const approved = dataOf(
        await service.gql(DECIDE_WAIVER, { input: { waiver: waiverId, approve: true, reason: 'Accepted risk until May' } }, tokens.admin),
      ).decideWaiver;
      expect(approved).toMatchObject({ status: 'APPROVED', decidedBy: 'admin@example.edu', decisionReason: 'Accepted risk until May' });
      expect(failure(await service.gql(DECIDE_WAIVER, { input: { waiver: waiverId, approve: false, reason: 'changed my mind' } }, tokens.admin2))).toEqual({
        code: 'CONFLICT',
        field: 'waiver',
      });
      expect(await bySlug('a-waived')).toMatchObject({ status: 'WAIVED', risk: 'DONE', waiver: { id: waiverId, status: 'APPROVED', expiresOn: '2019-05-31' } });
    });

    it('puts migrations not yet in testing AT_RISK within 30 days of the deadline, and everything not done OVERDUE from it', async () => {
      at('2019-02-28T15:00:00Z');
      expect((await bySlug('a-idle')).risk).toBe('ON_TRACK');
      at('2019-03-01T15:00:00Z');
      expect((await bySlug('a-idle')).risk).toBe('AT_RISK');
      expect((await bySlug('a-done')).risk).toBe('DONE');
      at('2019-03-31T15:00:00Z');
      const risks = Object.fromEntries((await list(tokens.admin, { filter: { release: '36.20.0' } })).map((node: any) => [node.application.slug, node.risk]));
      expect(risks).toMatchObject({ 'a-idle': 'OVERDUE', 'a-broken': 'OVERDUE', 'a-done': 'DONE', 'a-waived': 'DONE' });
    });

    it('expires the waiver after its last day in the sweep: back to what the facts say, the waiver kept as EXPIRED', async () => {
      at('2019-05-31T15:00:00Z');
      expect(await runMigrationsSweep(service, '2019-05-31')).toMatchObject({ waiversExpired: 0 });
      at('2019-06-01T15:00:00Z');
      expect(await runMigrationsSweep(service, '2019-06-01')).toMatchObject({ waiversExpired: 1 });
      const node = await bySlug('a-waived');
      expect(node).toMatchObject({ status: 'NOT_STARTED', risk: 'OVERDUE', waiver: { id: waiverId, status: 'EXPIRED' } });
      expect(node.history.slice(-2).map((entry: any) => [entry.status, entry.causeKind])).toEqual([
        ['WAIVED', 'WAIVER'],
        ['NOT_STARTED', 'WAIVER'],
      ]);
      expect(await runMigrationsSweep(service, '2019-06-01')).toMatchObject({ waiversExpired: 0 });
    });

    it('tells the owning group once that the waiver expired: a WAIVER_EXPIRED notice in-app and by e-mail, none to other groups', async () => {
      const waiverNotices = async (token: string) => (await myNotices(service, token)).filter((notice: any) => notice.kind === 'WAIVER_EXPIRED');
      const [notice, ...more] = await waiverNotices(tokens.dev);
      expect(more).toEqual([]);
      expect(notice).toMatchObject({
        release: { version: '36.20.0' },
        deadline: '2019-03-31',
        applications: [{ slug: 'a-waived', group: 'team-a', department: 'Registrar' }],
      });
      expect(notice.subject).toContain('a-waived');
      expect(notice.body).toContain('waiver ended after 2019-05-31 ("Vendor SDK ships in May")');
      expect(notice.body).toContain('must move to 37.21.0');
      expect(await waiverNotices(tokens.devB)).toEqual([]);
      expect(notice.body).toContain(
        '(a-waived) in PROD: not scanned against 37.21.0 yet: submit its requirements to see what blocks the move; migration NOT_STARTED, 0 blockers',
      );
      // The milestone digests carry each app's migration status and blockers too (the end-of-support notice of 2019-05-31).
      const endOfSupport = (await myNotices(service, tokens.dev)).find((entry: any) => entry.kind === 'MILESTONE' && entry.milestoneDays === 0);
      expect(endOfSupport.body).toContain('(a-broken) in PROD: 1 blocker for 37.21.0 in the latest scan; migration BLOCKED, 1 blocker');
      expect(endOfSupport.body).toContain(
        '(a-waived) in PROD: not scanned against 37.21.0 yet: submit its requirements to see what blocks the move; migration WAIVED, 0 blockers',
      );
      expect(endOfSupport.bodyHtml).toContain('migration BLOCKED, 1 blocker</li>');
      const emails = await service.dataSource.query(
        `SELECT d.target AS recipient FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id WHERE n.kind = 'WAIVER_EXPIRED' AND d.channel = 'EMAIL'`,
      );
      expect(emails).toEqual([{ recipient: 'dev-a@example.edu' }]);
      // Another sweep on a later day finds no waiver to expire and tells nobody again.
      at('2019-06-02T15:00:00Z');
      expect(await runMigrationsSweep(service, '2019-06-02')).toMatchObject({ waiversExpired: 0 });
      expect(await waiverNotices(tokens.dev)).toHaveLength(1);
    });
  });

  describe('reads for the feeds and pages', () => {
    it('gives the deadlines per department and per group with what remains, and an application’s migrations', async () => {
      const migrations = service.app.get(MigrationsService, { strict: false });
      const byDepartment = await migrations.deadlines(BOOTSTRAP_ADMIN, { by: 'DEPARTMENT' });
      expect(byDepartment).toEqual([
        { sourceVersion: '36.20.0', deadline: '2019-03-31', groupedBy: 'Library', total: 1, remaining: 1 },
        { sourceVersion: '36.20.0', deadline: '2019-03-31', groupedBy: 'Registrar', total: 8, remaining: 6 },
        { sourceVersion: '36.11.0', deadline: '2019-06-30', groupedBy: 'Registrar', total: 1, remaining: 1 },
        // The sweep of 2019-06-01 opened the moves off 37.21.0 (in its notice window since 2019-03-31) of the three applications now on it.
        { sourceVersion: '37.21.0', deadline: '2019-11-30', groupedBy: 'Registrar', total: 4, remaining: 4 },
      ]);
      const teamB = await migrations.deadlines(BOOTSTRAP_ADMIN, { by: 'GROUP', group: 'team-b' });
      expect(teamB).toEqual([{ sourceVersion: '36.20.0', deadline: '2019-03-31', groupedBy: 'team-b', total: 1, remaining: 1 }]);
      const app = (await gqlOk(service, `{ application(slug: "a-done") { id } }`)).application;
      const rows = await migrations.ofApplication(app.id);
      expect(rows.map((row) => [row.sourceVersion, row.targetVersion, row.status])).toEqual([
        ['36.20.0', '37.21.0', 'COMPLETED'],
        ['37.21.0', '37.22.0', 'NOT_STARTED'],
      ]);
    });
  });
});
