/**
 * The inventory audit log: every change to groups, memberships, applications and deployments
 * (one at a time or by bulk import) is recorded with who, when (the injected clock), before,
 * after and why; refused changes and dry runs record nothing; `inventoryAuditLog` pages newest
 * first and filters by application, group, action and time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import {
  ARCHIVE_APPLICATION,
  CREATE_GROUP,
  IMPORT_INVENTORY as IMPORT,
  INVENTORY_AUDIT_LOG,
  INVENTORY_CSV_HEADER as HEADER,
  RECORD_DEPLOYMENT,
  REMOVE_GROUP_MEMBER,
  SET_GROUP_MEMBER,
  TRANSFER_APPLICATION,
  UNARCHIVE_APPLICATION,
  UPDATE_APPLICATION,
  auditLogPage,
  countAuditEvents,
  createApplication,
  createGroup,
  failure,
  gqlOk,
  recordDeployment,
  type AuditEvent,
} from './support';

const CSV = [
  HEADER,
  ',,,physics,,,,,,,,Physics Computing,ada@example.edu,bob@example.edu',
  'lab-tools,Lab Tools,Physics,physics,ada@example.edu,,,PROD,36.11.0,9fceb02,2018-03-01,,,',
  'beam-sim,Beam Simulator,Physics,physics,,,,,,,,,,',
].join('\n');

// 2019-06-03: 36.20.0 reached its end of support on 2019-03-31; 36.11.0 and 37.22.0 are supported.
const TODAY = '2019-06-03T15:00:00Z';

/** The events about one subject, oldest first, as the actions and the fields a test looks at. */
async function historyOf(service: TestService, filter: Record<string, unknown>): Promise<AuditEvent[]> {
  return (await auditLogPage(service, { filter })).events.reverse();
}

describe('inventory audit log', () => {
  let service: TestService;
  let owner: string;
  let developer: string;
  let outsider: string;
  let admin: string;

  beforeAll(async () => {
    service = await startTestService({ now: TODAY });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    owner = await service.tokenFor([Role.DEVELOPER], 'owner@example.edu');
    developer = await service.tokenFor([Role.DEVELOPER], 'dev@example.edu');
    outsider = await service.tokenFor([Role.DEVELOPER], 'outsider@example.edu');
    admin = await service.tokenFor([Role.ADMIN], 'admin@example.edu');
    await service.tokenFor([], 'ada@example.edu');
    await service.tokenFor([], 'bob@example.edu');
    await createGroup(service, 'team-a', ['owner@example.edu'], ['dev@example.edu']);
    await createGroup(service, 'team-b', ['outsider@example.edu']);
  });
  afterAll(async () => service.close());

  describe('groups and members', () => {
    it('records the creation of a group and each owner and member added, by whom and when', async () => {
      const events = await historyOf(service, { group: 'team-a' });
      expect(events.map(({ action, actor, before, after }) => ({ action, actor, before, after }))).toEqual([
        { action: 'GROUP_CREATED', actor: 'bootstrap-admin', before: null, after: { slug: 'team-a', name: 'Group team-a', description: null } },
        { action: 'MEMBER_ADDED', actor: 'bootstrap-admin', before: null, after: { email: 'owner@example.edu', role: 'OWNER' } },
        { action: 'MEMBER_ADDED', actor: 'bootstrap-admin', before: null, after: { email: 'dev@example.edu', role: 'MEMBER' } },
      ]);
      expect(events.every((event) => event.subjectType === 'GROUP' && event.subject === 'team-a' && event.occurredAt === '2019-06-03T15:00:00.000Z')).toBe(
        true,
      );
    });

    it('records role changes and removals by the owner, and nothing for a role that stays the same', async () => {
      service.clock.set('2019-06-04T10:00:00Z');
      await gqlOk(service, SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'ADA@example.edu', role: 'MEMBER' } }, owner);
      await gqlOk(service, SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'ada@example.edu', role: 'OWNER' } }, owner);
      await gqlOk(service, SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'ada@example.edu', role: 'OWNER' } }, owner);
      await gqlOk(service, REMOVE_GROUP_MEMBER, { group: 'team-a', email: 'ada@example.edu' }, owner);
      const events = (await historyOf(service, { group: 'team-a' })).slice(3);
      expect(events.map(({ action, actor, occurredAt, before, after }) => ({ action, actor, occurredAt, before, after }))).toEqual([
        {
          action: 'MEMBER_ADDED',
          actor: 'owner@example.edu',
          occurredAt: '2019-06-04T10:00:00.000Z',
          before: null,
          after: { email: 'ada@example.edu', role: 'MEMBER' },
        },
        {
          action: 'MEMBER_ROLE_CHANGED',
          actor: 'owner@example.edu',
          occurredAt: '2019-06-04T10:00:00.000Z',
          before: { email: 'ada@example.edu', role: 'MEMBER' },
          after: { email: 'ada@example.edu', role: 'OWNER' },
        },
        {
          action: 'MEMBER_REMOVED',
          actor: 'owner@example.edu',
          occurredAt: '2019-06-04T10:00:00.000Z',
          before: { email: 'ada@example.edu', role: 'OWNER' },
          after: null,
        },
      ]);
    });

    it('records nothing for refused group changes', async () => {
      const before = await countAuditEvents(service);
      const refusals = [
        await service.gql(SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'bob@example.edu', role: 'MEMBER' } }, developer),
        await service.gql(REMOVE_GROUP_MEMBER, { group: 'team-a', email: 'owner@example.edu' }, owner),
        await service.gql(SET_GROUP_MEMBER, { input: { group: 'team-a', email: 'nobody@example.edu', role: 'MEMBER' } }, owner),
        await service.gql(CREATE_GROUP, { input: { slug: 'team-a', name: 'Again', owners: [] } }, BOOTSTRAP_TOKEN),
        await service.gql(CREATE_GROUP, { input: { slug: 'team-c', name: 'C', owners: [] } }, developer),
      ];
      expect(refusals.map((response) => failure(response).code)).toEqual(['FORBIDDEN', 'CONFLICT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN']);
      expect(await countAuditEvents(service)).toBe(before);
    });
  });

  describe('applications', () => {
    beforeAll(async () => {
      service.clock.set('2019-06-05T09:00:00Z');
      await createApplication(service, { slug: 'grades', group: 'team-a', contacts: ['dev@example.edu'] }, developer);
    });

    it('records the creation with every field the developer gave', async () => {
      const [created] = await historyOf(service, { application: 'grades' });
      expect(created).toMatchObject({
        subjectType: 'APPLICATION',
        subject: 'grades',
        action: 'APPLICATION_CREATED',
        actor: 'dev@example.edu',
        occurredAt: '2019-06-05T09:00:00.000Z',
        before: null,
        after: {
          slug: 'grades',
          name: 'GRADES',
          description: null,
          department: 'Registrar',
          group: 'team-a',
          contacts: ['dev@example.edu'],
          repositoryUrl: null,
        },
      });
    });

    it('records updates with only the changed fields, archiving, unarchiving and transfers; no-ops record nothing', async () => {
      service.clock.set('2019-06-06T09:00:00Z');
      await gqlOk(service, UPDATE_APPLICATION, { input: { slug: 'grades', name: 'Grade Book', description: 'Marks' } }, developer);
      await gqlOk(service, UPDATE_APPLICATION, { input: { slug: 'grades', name: 'Grade Book' } }, developer);
      await gqlOk(service, ARCHIVE_APPLICATION, { slug: 'grades' }, developer);
      service.clock.set('2019-06-06T09:05:00Z');
      await gqlOk(service, ARCHIVE_APPLICATION, { slug: 'grades' }, developer);
      await gqlOk(service, UNARCHIVE_APPLICATION, { slug: 'grades' }, owner);
      await gqlOk(service, TRANSFER_APPLICATION, { slug: 'grades', toGroup: 'team-a' }, owner);
      await gqlOk(service, TRANSFER_APPLICATION, { slug: 'grades', toGroup: 'team-b' }, owner);
      const events = (await historyOf(service, { application: 'grades' })).slice(1);
      expect(events.map(({ action, actor, before, after }) => ({ action, actor, before, after }))).toEqual([
        {
          action: 'APPLICATION_UPDATED',
          actor: 'dev@example.edu',
          before: { name: 'GRADES', description: null },
          after: { name: 'Grade Book', description: 'Marks' },
        },
        {
          action: 'APPLICATION_ARCHIVED',
          actor: 'dev@example.edu',
          before: { archived: false, archivedAt: null },
          after: { archived: true, archivedAt: expect.stringMatching(/^2\d{3}-/) },
        },
        {
          action: 'APPLICATION_UNARCHIVED',
          actor: 'owner@example.edu',
          before: { archived: true, archivedAt: expect.stringMatching(/^2\d{3}-/) },
          after: { archived: false, archivedAt: null },
        },
        { action: 'APPLICATION_TRANSFERRED', actor: 'owner@example.edu', before: { group: 'team-a' }, after: { group: 'team-b' } },
      ]);
      expect(events.map((event) => event.occurredAt)).toEqual([
        '2019-06-06T09:00:00.000Z',
        '2019-06-06T09:00:00.000Z',
        '2019-06-06T09:05:00.000Z',
        '2019-06-06T09:05:00.000Z',
      ]);
      await gqlOk(service, TRANSFER_APPLICATION, { slug: 'grades', toGroup: 'team-a' }, outsider);
    });

    it('records nothing for refused application changes', async () => {
      const before = await countAuditEvents(service);
      const refusals = [
        await service.gql(UPDATE_APPLICATION, { input: { slug: 'grades', name: 'Mine' } }, outsider),
        await service.gql(TRANSFER_APPLICATION, { slug: 'grades', toGroup: 'team-b' }, developer),
        await service.gql(TRANSFER_APPLICATION, { slug: 'grades', toGroup: 'no-such-group' }, owner),
        await service.gql(ARCHIVE_APPLICATION, { slug: 'grades' }, outsider),
        await service.gql(UPDATE_APPLICATION, { input: { slug: 'grades', repositoryUrl: 'ftp://nope' } }, developer),
        await service.gql(
          `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { slug } }`,
          { input: { slug: 'grades', name: 'Again', department: 'Registrar', group: 'team-a' } },
          developer,
        ),
      ];
      expect(refusals.map((response) => failure(response).code)).toEqual(['NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT']);
      expect(await countAuditEvents(service)).toBe(before);
    });
  });

  describe('deployments', () => {
    it('records a deployment briefly, and an admin override with its reason and the rules it set aside', async () => {
      service.clock.set('2019-06-07T12:00:00Z');
      await recordDeployment(service, { application: 'grades', environment: 'PROD', runtime: '37.22.0', commit: '9fceb02' }, developer);
      const before = await countAuditEvents(service);
      const refused = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'grades', environment: 'PROD', runtime: '36.20.0', commit: 'abcdef1' } },
        developer,
      );
      expect(failure(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'runtime' });
      const notAllowed = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'grades', environment: 'PROD', runtime: '36.20.0', commit: 'abcdef1', overrideReason: 'please' } },
        developer,
      );
      expect(failure(notAllowed).code).toBe('FORBIDDEN');
      expect(await countAuditEvents(service)).toBe(before);

      await recordDeployment(
        service,
        { application: 'grades', environment: 'PROD', runtime: '36.20.0', commit: 'abcdef1', overrideReason: 'Rollback after INC-123' },
        admin,
      );
      const events = await historyOf(service, { application: 'grades', actions: ['DEPLOYMENT_RECORDED'] });
      expect(events.map(({ actor, occurredAt, after, reason }) => ({ actor, occurredAt, after, reason }))).toEqual([
        {
          actor: 'dev@example.edu',
          occurredAt: '2019-06-07T12:00:00.000Z',
          after: { deploymentId: expect.any(String), environment: 'PROD', runtime: '37.22.0', commit: '9fceb02', deployedAt: '2019-06-07T12:00:00.000Z' },
          reason: null,
        },
        {
          actor: 'admin@example.edu',
          occurredAt: '2019-06-07T12:00:00.000Z',
          after: {
            deploymentId: expect.any(String),
            environment: 'PROD',
            runtime: '36.20.0',
            commit: 'abcdef1',
            deployedAt: '2019-06-07T12:00:00.000Z',
            overriddenRefusals: ['RELEASE_END_OF_LIFE'],
          },
          reason: 'Rollback after INC-123',
        },
      ]);
    });
  });

  describe('bulk import', () => {
    it('records nothing for a dry run or a refused file', async () => {
      const before = await countAuditEvents(service);
      expect((await gqlOk(service, IMPORT, { format: 'CSV', content: CSV, dryRun: true })).importInventory).toMatchObject({
        dryRun: true,
        applicationsCreated: 2,
      });
      const refused = await service.gql(IMPORT, { format: 'CSV', content: CSV.replace('36.11.0', '99.0.0') }, BOOTSTRAP_TOKEN);
      expect(failure(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
      const notAdmin = await service.gql(IMPORT, { format: 'CSV', content: CSV }, developer);
      expect(failure(notAdmin).code).toBe('FORBIDDEN');
      expect(await countAuditEvents(service)).toBe(before);
    });

    it('records each group, member, application and deployment it writes, then a summary with the counts', async () => {
      service.clock.set('2019-06-10T08:00:00Z');
      const { dryRun, ...counts } = (await gqlOk(service, IMPORT, { format: 'CSV', content: CSV }, admin)).importInventory;
      expect(dryRun).toBe(false);
      const events = (await auditLogPage(service, { filter: { from: '2019-06-10T08:00:00Z' } })).events.reverse();
      const reason = 'inventory import (CSV)';
      expect(events.map(({ subjectType, subject, action, actor, reason }) => ({ subjectType, subject, action, actor, reason }))).toEqual([
        { subjectType: 'GROUP', subject: 'physics', action: 'GROUP_CREATED', actor: 'admin@example.edu', reason },
        { subjectType: 'GROUP', subject: 'physics', action: 'MEMBER_ADDED', actor: 'admin@example.edu', reason },
        { subjectType: 'GROUP', subject: 'physics', action: 'MEMBER_ADDED', actor: 'admin@example.edu', reason },
        { subjectType: 'APPLICATION', subject: 'lab-tools', action: 'APPLICATION_CREATED', actor: 'admin@example.edu', reason },
        { subjectType: 'APPLICATION', subject: 'beam-sim', action: 'APPLICATION_CREATED', actor: 'admin@example.edu', reason },
        { subjectType: 'APPLICATION', subject: 'lab-tools', action: 'DEPLOYMENT_RECORDED', actor: 'admin@example.edu', reason },
        { subjectType: 'INVENTORY', subject: null, action: 'INVENTORY_IMPORTED', actor: 'admin@example.edu', reason: null },
      ]);
      expect(events.map((event) => event.after)).toEqual([
        { slug: 'physics', name: 'Physics Computing', description: null },
        { email: 'ada@example.edu', role: 'OWNER' },
        { email: 'bob@example.edu', role: 'MEMBER' },
        {
          slug: 'lab-tools',
          name: 'Lab Tools',
          description: null,
          department: 'Physics',
          group: 'physics',
          contacts: ['ada@example.edu'],
          repositoryUrl: null,
        },
        { slug: 'beam-sim', name: 'Beam Simulator', description: null, department: 'Physics', group: 'physics', contacts: [], repositoryUrl: null },
        { deploymentId: expect.any(String), environment: 'PROD', runtime: '36.11.0', commit: '9fceb02', deployedAt: '2018-03-01T06:00:00.000Z' },
        { format: 'CSV', ...counts },
      ]);
      expect(counts).toMatchObject({ groupsCreated: 1, membersAdded: 2, applicationsCreated: 2, deploymentsRecorded: 1 });
    });

    const CHANGED = [
      HEADER,
      ',,,physics,,,,,,,,Physics Department,bob@example.edu,',
      'lab-tools,Lab Tools,Physics,team-b,ada@example.edu,,New description,,,,,,,',
    ].join('\n');

    it('records a file that changes an application as a transfer and an update, a rename and a promotion', async () => {
      service.clock.set('2019-06-11T08:00:00Z');
      await gqlOk(service, IMPORT, { format: 'CSV', content: CHANGED }, admin);
      const events = (await auditLogPage(service, { filter: { from: '2019-06-11T08:00:00Z' } })).events.reverse();
      expect(events.map(({ subject, action, before, after }) => ({ subject, action, before, after }))).toEqual([
        { subject: 'physics', action: 'GROUP_UPDATED', before: { name: 'Physics Computing' }, after: { name: 'Physics Department' } },
        {
          subject: 'physics',
          action: 'MEMBER_ROLE_CHANGED',
          before: { email: 'bob@example.edu', role: 'MEMBER' },
          after: { email: 'bob@example.edu', role: 'OWNER' },
        },
        { subject: 'lab-tools', action: 'APPLICATION_TRANSFERRED', before: { group: 'physics' }, after: { group: 'team-b' } },
        { subject: 'lab-tools', action: 'APPLICATION_UPDATED', before: { description: null }, after: { description: 'New description' } },
        {
          subject: null,
          action: 'INVENTORY_IMPORTED',
          before: null,
          after: expect.objectContaining({ groupsUpdated: 1, membersAdded: 1, applicationsUpdated: 1 }),
        },
      ]);
    });

    it('records only the summary when a rerun changes nothing', async () => {
      service.clock.set('2019-06-12T08:00:00Z');
      await gqlOk(service, IMPORT, { format: 'CSV', content: CHANGED }, admin);
      const events = (await auditLogPage(service, { filter: { from: '2019-06-12T08:00:00Z' } })).events;
      expect(events.map((event) => event.action)).toEqual(['INVENTORY_IMPORTED']);
      expect(events[0].after).toMatchObject({ groupsCreated: 0, groupsUpdated: 0, membersAdded: 0, applicationsUpdated: 0, applicationsUnchanged: 1 });
    });
  });

  describe('the query', () => {
    it('pages newest first with cursors that stay valid while events are added', async () => {
      const all = await auditLogPage(service, {});
      expect(all.events.map((event) => Number(event.id))).toEqual([...all.events.map((event) => Number(event.id))].sort((a, b) => b - a));
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page = await auditLogPage(service, { first: 4, after });
        if (pages === 0) expect(page.totalCount).toBe(all.totalCount);
        seen.push(...page.events.map((event) => event.id));
        after = page.hasNextPage ? page.endCursor : null;
        pages += 1;
        if (pages === 1) await createGroup(service, 'team-late', ['owner@example.edu']);
      } while (after !== null);
      expect(seen).toEqual(all.events.map((event) => event.id));
      expect(pages).toBe(Math.ceil(all.totalCount / 4));
    });

    it('filters by actions and time, and by group: the group and the applications it owns now', async () => {
      const removals = await auditLogPage(service, { filter: { actions: ['MEMBER_REMOVED', 'APPLICATION_ARCHIVED'] } });
      expect(removals.events.map((event) => [event.action, event.subject])).toEqual([
        ['APPLICATION_ARCHIVED', 'grades'],
        ['MEMBER_REMOVED', 'team-a'],
      ]);
      const june6 = await auditLogPage(service, { filter: { from: '2019-06-06T00:00:00Z', to: '2019-06-06T09:05:00Z' } });
      expect(june6.events.map((event) => event.action)).toEqual(['APPLICATION_ARCHIVED', 'APPLICATION_UPDATED']);
      const teamB = await auditLogPage(service, { filter: { group: 'team-b' } });
      expect(new Set(teamB.events.map((event) => event.subject))).toEqual(new Set(['team-b', 'lab-tools']));
    });

    it('names the filter field of an unknown application or group, a bad time range and a bad cursor', async () => {
      const cases: [Record<string, unknown>, { code: string; field: string }][] = [
        [{ filter: { application: 'no-such-app' } }, { code: 'NOT_FOUND', field: 'filter.application' }],
        [{ filter: { group: 'no-such-group' } }, { code: 'NOT_FOUND', field: 'filter.group' }],
        [{ filter: { from: '2019-06-02T00:00:00Z', to: '2019-06-01T00:00:00Z' } }, { code: 'BAD_USER_INPUT', field: 'filter.to' }],
        [{ after: 'bm90LWEtY3Vyc29y' }, { code: 'BAD_USER_INPUT', field: 'after' }],
        [{ first: 0 }, { code: 'BAD_USER_INPUT', field: 'first' }],
        [{ first: 101 }, { code: 'BAD_USER_INPUT', field: 'first' }],
      ];
      for (const [variables, expected] of cases) {
        expect(failure(await service.gql(INVENTORY_AUDIT_LOG, variables, BOOTSTRAP_TOKEN)), JSON.stringify(variables)).toEqual(expected);
      }
    });

    it('answers Application.auditEvents with the newest changes first', async () => {
      const { application } = await gqlOk(
        service,
        `{ application(slug: "grades") { auditEvents(first: 2) { edges { node { action actor reason } } } } }`,
        {},
        admin,
      );
      expect(application.auditEvents.edges.map((edge: any) => edge.node)).toEqual([
        { action: 'DEPLOYMENT_RECORDED', actor: 'admin@example.edu', reason: 'Rollback after INC-123' },
        { action: 'DEPLOYMENT_RECORDED', actor: 'dev@example.edu', reason: null },
      ]);
    });

    it('pages Application.auditEvents like inventoryAuditLog, with cursors of that application only', async () => {
      const PAGED = `query($slug: String!, $after: String) { application(slug: $slug) {
        auditEvents(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
      const everything = await auditLogPage(service, { filter: { application: 'grades' }, first: 100 }, admin);
      const walked: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 50; pages += 1) {
        const events: any = (await gqlOk(service, PAGED, { slug: 'grades', after }, admin)).application.auditEvents;
        expect(events.totalCount).toBe(everything.totalCount);
        walked.push(...events.edges.map((edge: any) => edge.node.id));
        if (!events.pageInfo.hasNextPage) break;
        after = events.pageInfo.endCursor;
      }
      expect(walked).toEqual(everything.events.map((event) => event.id));
      const { applications } = await gqlOk(service, `{ applications(first: 2) { edges { node { slug } } } }`, {}, admin);
      const other = applications.edges.map((edge: any) => edge.node.slug).find((slug: string) => slug !== 'grades');
      const ofGrades = (await gqlOk(service, PAGED, { slug: 'grades' }, admin)).application.auditEvents.pageInfo.endCursor;
      expect(failure(await service.gql(PAGED, { slug: other, after: ofGrades }, admin))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
      const ofLog = (await auditLogPage(service, { first: 1 }, admin)).endCursor;
      expect(failure(await service.gql(PAGED, { slug: 'grades', after: ofLog }, admin))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('auditEvents on a page of applications', () => {
    it('gives each application its own newest events, the same as asking for it alone, for every reader', async () => {
      const page = `{ applications(first: 50, filter: { includeArchived: true }) { edges { node { slug auditEvents(first: 2) { totalCount edges { node { action occurredAt after } } } } } } }`;
      for (const reader of [admin, owner, outsider]) {
        const { applications } = await gqlOk(service, page, {}, reader);
        const listed = applications.edges.map((edge: any) => edge.node);
        expect(listed.length).toBeGreaterThan(0);
        for (const { slug, auditEvents } of listed) {
          const alone = await gqlOk(
            service,
            `query($slug: String!) { application(slug: $slug) { auditEvents(first: 2) { totalCount edges { node { action occurredAt after } } } } }`,
            { slug },
            reader,
          );
          expect(auditEvents, slug).toEqual(alone.application.auditEvents);
          const newest = await auditLogPage(service, { filter: { application: slug }, first: 2 }, reader);
          expect(auditEvents.totalCount, slug).toBe(newest.totalCount);
          expect(
            auditEvents.edges.map((edge: any) => edge.node.action),
            slug,
          ).toEqual(newest.events.map((event) => event.action));
        }
      }
    });
  });

  describe('concurrent changes', () => {
    it('adds the same person from more requests at once than the pool has connections: no stall, one MEMBER_ADDED', async () => {
      // 20 requests against a pool of 10: a transaction that asked the pool for a second connection would starve it.
      await createGroup(service, 'team-race', ['owner@example.edu']);
      const input = { group: 'team-race', email: 'bob@example.edu', role: 'MEMBER' };
      await Promise.all(Array.from({ length: 20 }, () => gqlOk(service, SET_GROUP_MEMBER, { input }, owner)));
      const events = await historyOf(service, { group: 'team-race', actions: ['MEMBER_ADDED'] });
      expect(events.map((event) => event.after)).toEqual([
        { email: 'owner@example.edu', role: 'OWNER' },
        { email: 'bob@example.edu', role: 'MEMBER' },
      ]);
    });
  });
});
