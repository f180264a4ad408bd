/**
 * What a manager sees, end to end (issue 13 item 7): "every department" is an explicit grant. A new
 * manager sees no department's applications (list, single reads, release impact, inventory audit
 * log); allDepartments: true shows everything; departments narrow it again; a blank department
 * is still refused and widens nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import {
  APPLICATION,
  APPLICATIONS,
  SET_MANAGED_DEPARTMENTS,
  auditLogPage,
  createApplication,
  createGroup,
  createUser,
  failure,
  gqlOk,
} from '../applications/support';

const IMPACT = `query($version: String!) { releaseImpact(version: $version, first: 50) {
  totalApplications applications { edges { node { application { slug } } } } } }`;

const EMAIL = 'new-manager@example.edu';

describe('a manager’s departments', () => {
  let service: TestService;
  let manager: string;

  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T18:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    await createUser(service, 'owner@example.edu', [Role.DEVELOPER]);
    await createGroup(service, 'team-a', ['owner@example.edu']);
    await createApplication(service, { slug: 'registrar-app', group: 'team-a', department: 'Registrar' });
    await createApplication(service, { slug: 'library-app', group: 'team-a', department: 'Library' });
    await createApplication(service, { slug: 'housing-app', group: 'team-a', department: 'Housing' });
    manager = await createUser(service, EMAIL, [Role.MANAGER]);
  });
  afterAll(async () => service.close());

  /** Every way a manager reads applications, as slugs: the list, release impact, the inventory audit log. */
  const seen = async () => {
    type Edges<T> = { edges: { node: T }[] };
    const { applications } = await gqlOk<{ applications: Edges<{ slug: string }> }>(service, APPLICATIONS, { first: 50 }, manager);
    const list = applications.edges.map((edge) => edge.node.slug);
    const { releaseImpact: impact } = await gqlOk<{
      releaseImpact: { totalApplications: number; applications: Edges<{ application: { slug: string } }> };
    }>(service, IMPACT, { version: '37.22.0' }, manager);
    const audited = (await auditLogPage(service, {}, manager)).events.flatMap((event) => (event.subjectType === 'APPLICATION' ? [event.subject] : []));
    const readable = [];
    for (const slug of ['housing-app', 'library-app', 'registrar-app']) {
      // An application the caller may not read is null, as if it did not exist.
      if ((await gqlOk<{ application: unknown }>(service, APPLICATION, { slug }, manager)).application !== null) readable.push(slug);
    }
    return {
      list: list.sort(),
      impact: impact.applications.edges.map((edge) => edge.node.application.slug).sort(),
      impactTotal: impact.totalApplications,
      audited: [...new Set(audited)].sort(),
      readable,
    };
  };
  const everywhere = (slugs: string[]) => ({ list: slugs, impact: slugs, impactTotal: slugs.length, audited: slugs, readable: slugs });

  it('shows a new manager no department, every department once granted, then only the departments given', async () => {
    expect(await seen()).toEqual(everywhere([]));

    const all = await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: EMAIL, allDepartments: true });
    expect(all.setManagedDepartments).toEqual({ allDepartments: true, departments: [] });
    expect(await seen()).toEqual(everywhere(['housing-app', 'library-app', 'registrar-app']));

    const library = await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: EMAIL, departments: ['Library'] });
    expect(library.setManagedDepartments).toEqual({ allDepartments: false, departments: ['Library'] });
    expect(await seen()).toEqual(everywhere(['library-app']));
  });

  it('still refuses a blank department, which widens nothing', async () => {
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: EMAIL, departments: ['Library'] });
    const response = await service.gql(SET_MANAGED_DEPARTMENTS, { email: EMAIL, departments: [''] }, BOOTSTRAP_TOKEN);
    expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'departments' });
    expect(await seen()).toEqual(everywhere(['library-app']));
  });

  it('stores every department as a flag that departments clear, and the other way round', async () => {
    const stored = async () => {
      const [row] = await service.dataSource.query<{ all: boolean; departments: string[] }[]>(
        `SELECT u.manages_all_departments AS "all",
                coalesce((SELECT array_agg(department ORDER BY department) FROM manager_departments d WHERE d.user_id = u.id), '{}') AS departments
           FROM users u WHERE u.email = $1`,
        [EMAIL],
      );
      return row;
    };
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: EMAIL, departments: ['Housing', 'Library'] });
    expect(await stored()).toEqual({ all: false, departments: ['Housing', 'Library'] });
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: EMAIL, allDepartments: true });
    expect(await stored()).toEqual({ all: true, departments: [] });
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: EMAIL, departments: ['Registrar'] });
    expect(await stored()).toEqual({ all: false, departments: ['Registrar'] });
  });
});
