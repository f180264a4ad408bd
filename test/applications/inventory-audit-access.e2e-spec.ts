/**
 * Who reads which inventory audit events: admins and managers of every department all of them;
 * department managers every group's events and those of the applications in their departments;
 * members their groups' events and those of the applications their groups own now (the history
 * follows an application to its new group). Import summaries only for those who read everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';
import {
  IMPORT_INVENTORY,
  INVENTORY_AUDIT_LOG,
  TRANSFER_APPLICATION,
  auditLogPage,
  createApplication,
  createCallers,
  failure,
  gqlOk,
  recordDeployment,
  SIGNED_IN_CALLERS,
  type CallerName,
  type SignedInCaller,
} from './support';

const PHYSICS = JSON.stringify({
  groups: [{ slug: 'physics', name: 'Physics', members: [{ email: 'owner-b@example.edu', role: 'OWNER' }] }],
  applications: [{ slug: 'lab-tools', name: 'Lab Tools', department: 'Physics', group: 'physics' }],
});

const GROUPS = ['GROUP team-a', 'GROUP team-b', 'GROUP physics'];
const ALL = [
  ...GROUPS,
  'APPLICATION grades',
  'APPLICATION transcripts',
  'APPLICATION admissions',
  'APPLICATION catalog-search',
  'APPLICATION lab-tools',
  'INVENTORY -',
];
// grades is team-a's; transcripts was created by team-a and transferred to team-b; admissions is
// team-b's in the Registrar; catalog-search team-b's in the Library; lab-tools physics' (imported).
const VISIBLE: Record<SignedInCaller, string[]> = {
  admin: ALL,
  managerOfAll: ALL,
  managerOfRegistrar: [...GROUPS, 'APPLICATION grades', 'APPLICATION transcripts', 'APPLICATION admissions'],
  managerOfLibrary: [...GROUPS, 'APPLICATION catalog-search'],
  developerInGroup: ['GROUP team-a', 'APPLICATION grades'],
  groupOwner: ['GROUP team-a', 'APPLICATION grades'],
  memberWithoutRole: ['GROUP team-a', 'APPLICATION grades'],
  developerInOtherGroup: ['GROUP team-b', 'APPLICATION transcripts', 'APPLICATION admissions', 'APPLICATION catalog-search'],
  userWithNothing: [],
};

describe('who reads which inventory audit events', () => {
  let service: TestService;
  let tokens: Record<CallerName, string | null>;

  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T18:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    tokens = await createCallers(service);
    await createApplication(service, { slug: 'grades', group: 'team-a', department: 'Registrar' });
    await createApplication(service, { slug: 'transcripts', group: 'team-a', department: 'Registrar' }, tokens.developerInGroup!);
    await gqlOk(service, TRANSFER_APPLICATION, { slug: 'transcripts', toGroup: 'team-b' }, tokens.groupOwner);
    await createApplication(service, { slug: 'admissions', group: 'team-b', department: 'Registrar' });
    await createApplication(service, { slug: 'catalog-search', group: 'team-b', department: 'Library' });
    for (const slug of ['grades', 'admissions', 'catalog-search']) {
      await recordDeployment(service, { application: slug, environment: 'PROD', runtime: '36.11.0' });
    }
    await gqlOk(service, IMPORT_INVENTORY, { format: 'JSON', content: PHYSICS });
  });
  afterAll(async () => service.close());

  it('refuses anonymous callers, as every inventory query does', async () => {
    expect(failure(await service.gql(INVENTORY_AUDIT_LOG, {}, null)).code).toBe('UNAUTHENTICATED');
  });

  describe.each(SIGNED_IN_CALLERS)('%s', (caller) => {
    const visible = VISIBLE[caller];

    it(`reads the events of ${visible.join(', ') || 'nothing'}`, async () => {
      const page = await auditLogPage(service, {}, tokens[caller]);
      const subjects = new Set(page.events.map((event) => `${event.subjectType} ${event.subject ?? '-'}`));
      expect([...subjects].sort()).toEqual([...visible].sort());
      expect(page.totalCount).toBe(page.events.length);
    });

    it('finds an application in the filter only when it may read it (NOT_FOUND, no hint, otherwise)', async () => {
      const response = await service.gql(INVENTORY_AUDIT_LOG, { filter: { application: 'admissions' } }, tokens[caller]);
      if (visible.includes('APPLICATION admissions')) {
        expect(response.errors).toBeUndefined();
        expect(response.data!.inventoryAuditLog.totalCount).toBeGreaterThan(0);
      } else {
        expect(failure(response)).toEqual({ code: 'NOT_FOUND', field: 'filter.application' });
      }
    });

    it('a group filter narrows what it may read and never widens it', async () => {
      const page = await auditLogPage(service, { filter: { group: 'physics' } }, tokens[caller]);
      const expected = visible.filter((subject) => subject === 'GROUP physics' || subject === 'APPLICATION lab-tools');
      expect([...new Set(page.events.map((event) => `${event.subjectType} ${event.subject}`))].sort()).toEqual(expected.sort());
    });
  });

  it('shows Application.auditEvents to whoever reads the application', async () => {
    const { application } = await gqlOk(
      service,
      `{ application(slug: "transcripts") { auditEvents { edges { node { action actor } } } } }`,
      {},
      tokens.managerOfRegistrar,
    );
    expect(application.auditEvents.edges.map((edge: any) => edge.node)).toEqual([
      { action: 'APPLICATION_TRANSFERRED', actor: 'owner-a@example.edu' },
      { action: 'APPLICATION_CREATED', actor: 'dev-a@example.edu' },
    ]);
  });
});
