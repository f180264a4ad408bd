/**
 * The read side of the authorization matrix: who sees which application, in `application`,
 * `applications`, `releaseImpact`, `appReadiness` and `groups`. Members see their group's
 * applications; managers their departments (all when they manage none); admins everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';
import {
  APPLICATION,
  APPLICATIONS,
  LEGACY_REQUIREMENTS,
  createApplication,
  createCallers,
  dataOf,
  failure,
  recordDeployment,
  submitRequirements,
  SIGNED_IN_CALLERS,
  type CallerName,
  type SignedInCaller,
} from './support';

const IMPACT = `query($version: String!) { releaseImpact(version: $version) {
  totalApplications erroredApplications applications { totalCount edges { node { application { slug } } } } } }`;
const READINESS = `query($application: String!, $target: String!) { appReadiness(application: $application, target: $target) {
  ready application { slug } blockers { code } currentDeployments { environment runtimeVersion } } }`;

// grades and transcripts belong to team-a (Registrar); admissions to team-b but in the Registrar;
// catalog-search to team-b in the Library.
const ALL = ['admissions', 'catalog-search', 'grades', 'transcripts'];
const VISIBLE: Record<SignedInCaller, string[]> = {
  admin: ALL,
  managerOfAll: ALL,
  managerOfRegistrar: ['admissions', 'grades', 'transcripts'],
  managerOfLibrary: ['catalog-search'],
  developerInGroup: ['grades', 'transcripts'],
  developerInOtherGroup: ['admissions', 'catalog-search'],
  groupOwner: ['grades', 'transcripts'],
  memberWithoutRole: ['grades', 'transcripts'],
  userWithNothing: [],
};
const MAY_SEE_IMPACT = new Set<CallerName>(['admin', 'managerOfAll', 'managerOfRegistrar', 'managerOfLibrary']);

describe('who sees which application', () => {
  let service: TestService;
  let tokens: Record<CallerName, string | null>;

  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T18:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    tokens = await createCallers(service);
    await createApplication(service, { slug: 'grades', group: 'team-a', department: 'Registrar' });
    await createApplication(service, { slug: 'transcripts', group: 'team-a', department: 'Registrar' });
    await createApplication(service, { slug: 'admissions', group: 'team-b', department: 'Registrar' });
    await createApplication(service, { slug: 'catalog-search', group: 'team-b', department: 'Library' });
    for (const slug of ALL) {
      await recordDeployment(service, { application: slug, environment: 'PROD', runtime: '36.11.0' });
      await submitRequirements(service, slug, [{ path: 'requirements.txt', content: LEGACY_REQUIREMENTS }]);
    }
  });
  afterAll(async () => service.close());

  it('refuses every read without a token', async () => {
    for (const query of [APPLICATION, APPLICATIONS, IMPACT, READINESS, '{ groups { edges { node { slug } } } }']) {
      const variables = { slug: 'grades', version: '37.22.0', application: 'grades', target: '37.22.0' };
      // Only the variables the query declares: others are refused (BAD_USER_INPUT) before authentication.
      const declared = Object.fromEntries(Object.entries(variables).filter(([name]) => query.includes(`$${name}:`)));
      const response = await service.gql(query, declared, null);
      expect(failure(response).code, query).toBe('UNAUTHENTICATED');
    }
  });

  describe.each(SIGNED_IN_CALLERS)('%s', (caller) => {
    const visible = VISIBLE[caller];

    it(`lists exactly ${visible.join(', ') || 'nothing'}`, async () => {
      const data = dataOf(await service.gql(APPLICATIONS, {}, tokens[caller]));
      expect(data.applications.edges.map((edge: any) => edge.node.slug)).toEqual(visible);
      expect(data.applications.totalCount).toBe(visible.length);
    });

    it('finds by slug what it may see, and nothing else (no hint that the rest exists)', async () => {
      for (const slug of ALL) {
        const data = dataOf(await service.gql(APPLICATION, { slug }, tokens[caller]));
        expect(data.application?.slug ?? null, slug).toBe(visible.includes(slug) ? slug : null);
      }
    });

    it('gets the readiness of what it may see, NOT_FOUND for the rest', async () => {
      for (const slug of ALL) {
        const response = await service.gql(READINESS, { application: slug, target: '37.22.0' }, tokens[caller]);
        if (visible.includes(slug)) {
          expect(dataOf(response).appReadiness).toMatchObject({
            application: { slug },
            ready: false,
            blockers: [{ code: 'RUNTIME_DOWNGRADE' }],
            currentDeployments: [{ environment: 'PROD', runtimeVersion: '36.11.0' }],
          });
        } else {
          expect(failure(response), slug).toEqual({ code: 'NOT_FOUND', field: 'application' });
          expect(response.errors![0].message).not.toContain('team-');
        }
      }
    });

    it(MAY_SEE_IMPACT.has(caller) ? 'sees the release impact of its scope' : 'may not ask for release impact', async () => {
      const response = await service.gql(IMPACT, { version: '37.22.0' }, tokens[caller]);
      if (!MAY_SEE_IMPACT.has(caller)) {
        expect(failure(response).code).toBe('FORBIDDEN');
        return;
      }
      const impact = dataOf(response).releaseImpact;
      expect(impact.totalApplications).toBe(visible.length);
      expect(impact.applications.edges.map((edge: any) => edge.node.application.slug)).toEqual(visible);
      expect(impact.erroredApplications).toEqual(visible);
    });
  });

  it('shows admins and managers every group, everyone else the groups they belong to', async () => {
    const expected: Record<SignedInCaller, string[]> = {
      admin: ['team-a', 'team-b'],
      managerOfAll: ['team-a', 'team-b'],
      managerOfRegistrar: ['team-a', 'team-b'],
      managerOfLibrary: ['team-a', 'team-b'],
      developerInGroup: ['team-a'],
      developerInOtherGroup: ['team-b'],
      groupOwner: ['team-a'],
      memberWithoutRole: ['team-a'],
      userWithNothing: [],
    };
    for (const caller of SIGNED_IN_CALLERS) {
      const data = dataOf(await service.gql('{ groups { totalCount edges { node { slug } } } }', {}, tokens[caller]));
      expect(
        data.groups.edges.map((edge: any) => edge.node.slug),
        caller,
      ).toEqual(expected[caller]);
      expect(data.groups.totalCount, caller).toBe(expected[caller].length);
    }
  });

  it('lets a manager of one department filter inside that department only', async () => {
    const library = dataOf(await service.gql(APPLICATIONS, { filter: { department: 'Library' } }, tokens.managerOfRegistrar));
    expect(library.applications.totalCount).toBe(0);
    const registrar = dataOf(await service.gql(APPLICATIONS, { filter: { group: 'team-b' } }, tokens.managerOfRegistrar));
    expect(registrar.applications.edges.map((edge: any) => edge.node.slug)).toEqual(['admissions']);
  });

  it('shows deployments and snapshots to those who see the application', async () => {
    const query = `query($slug: String!) { application(slug: $slug) {
      deployments { environment runtimeVersion } deploymentHistory { edges { node { commit } } } latestSnapshot { files { content } } snapshots { edges { node { commit } } } } }`;
    const data = dataOf(await service.gql(query, { slug: 'grades' }, tokens.managerOfRegistrar));
    expect(data.application).toMatchObject({
      deployments: [{ environment: 'PROD', runtimeVersion: '36.11.0' }],
      latestSnapshot: { files: [{ content: LEGACY_REQUIREMENTS }] },
      snapshots: { edges: [{ node: { commit: 'c0ffee1' } }] },
    });
  });
});
