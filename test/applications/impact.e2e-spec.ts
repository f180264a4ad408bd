/**
 * Release impact and readiness: every active application's latest snapshot scanned against a
 * release (published, or a draft for admins), totals by finding code, filters and pages, the
 * cache of results per (file set, release content) and its invalidation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import {
  ARCHIVE_APPLICATION,
  LEGACY_REQUIREMENTS,
  SET_MANAGED_DEPARTMENTS,
  createApplication,
  createGroup,
  failure,
  gqlOk,
  recordDeployment,
  submitRequirements,
} from './support';

const IMPACT = `query($version: String!, $first: Int, $after: String, $only: ImpactFilter, $includeArchived: Boolean) {
  releaseImpact(version: $version, first: $first, after: $after, only: $only, includeArchived: $includeArchived) {
    release { version state }
    totalApplications scannedApplications applicationsWithoutSnapshot applicationsWithErrors applicationsWithWarnings
    erroredApplications cachedResults
    countsByCode { code severity findings applications }
    applications { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { application { slug } scanned snapshotCommit errorCount warningCount findings { code severity package file line } } } }
  }
}`;
const READINESS = `query($application: String!, $target: String!) { appReadiness(application: $application, target: $target) {
  ready snapshotCommit target { version } application { slug }
  blockers { code severity package } findings { code severity } currentDeployments { environment runtimeVersion } } }`;

const CLEAN = 'requests==2.21.0\n';

describe('release impact and readiness', () => {
  let service: TestService;
  let developer: string;
  let manager: string;

  /** The report, with its page's nodes pulled out of the edges for shorter assertions. */
  const impact = async (variables: Record<string, unknown>, token?: string) => {
    const report = (await gqlOk(service, IMPACT, { version: '37.22.0', ...variables }, token)).releaseImpact;
    return { ...report, applications: { ...report.applications, nodes: report.applications.edges.map((edge: any) => edge.node) } };
  };

  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T18:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    developer = await service.tokenFor([Role.DEVELOPER], 'dev@example.edu');
    manager = await service.tokenFor([Role.MANAGER], 'manager@example.edu');
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: 'manager@example.edu', departments: ['Registrar'] });
    await createGroup(service, 'team-a', ['dev@example.edu']);
    await createApplication(service, { slug: 'a1', group: 'team-a', department: 'Registrar' });
    await createApplication(service, { slug: 'a2', group: 'team-a', department: 'Registrar' });
    await createApplication(service, { slug: 'a3', group: 'team-a', department: 'Library' });
    await createApplication(service, { slug: 'a4', group: 'team-a', department: 'Library' });
    await createApplication(service, { slug: 'a5', group: 'team-a', department: 'Registrar' });
    await recordDeployment(service, { application: 'a1', environment: 'PROD', runtime: '36.11.0' });
    await submitRequirements(service, 'a1', [{ path: 'requirements.txt', content: LEGACY_REQUIREMENTS }], 'a1a1a1a');
    await submitRequirements(service, 'a2', [{ path: 'requirements.txt', content: LEGACY_REQUIREMENTS }], 'a2a2a2a');
    await submitRequirements(service, 'a3', [{ path: 'requirements.txt', content: CLEAN }], 'a3a3a3a');
    await submitRequirements(service, 'a5', [{ path: 'requirements.txt', content: 'Django==1.8.19\n' }], 'a5a5a5a');
    await gqlOk(service, ARCHIVE_APPLICATION, { slug: 'a5' });
  });
  afterAll(async () => service.close());

  describe('releaseImpact', () => {
    it('reports per application what would appear, and totals by finding code, errors first', async () => {
      const report = await impact({});
      expect(report).toMatchObject({
        release: { version: '37.22.0', state: 'PUBLISHED' },
        totalApplications: 4,
        scannedApplications: 3,
        applicationsWithoutSnapshot: 1,
        applicationsWithErrors: 2,
        applicationsWithWarnings: 2,
        erroredApplications: ['a1', 'a2'],
      });
      expect(report.countsByCode).toEqual([
        { code: 'RUNTIME_DOWNGRADE', severity: 'ERROR', findings: 2, applications: 2 },
        { code: 'RUNTIME_OVERRIDE', severity: 'WARNING', findings: 2, applications: 2 },
        { code: 'UNPINNED', severity: 'WARNING', findings: 2, applications: 2 },
        // On 2018-12-01, 37.22.0 is announced but not available yet: every scan against it says so.
        { code: 'RUNTIME_ANTICIPATED', severity: 'INFO', findings: 3, applications: 3 },
      ]);
      const nodes = report.applications.nodes;
      expect(nodes.map((node: any) => [node.application.slug, node.scanned, node.snapshotCommit, node.errorCount, node.warningCount])).toEqual([
        ['a1', true, 'a1a1a1a', 1, 2],
        ['a2', true, 'a2a2a2a', 1, 2],
        ['a3', true, 'a3a3a3a', 0, 0],
        ['a4', false, null, 0, 0],
      ]);
      expect(nodes[0].findings).toContainEqual({ code: 'RUNTIME_DOWNGRADE', severity: 'ERROR', package: 'django', file: 'requirements.txt', line: 1 });
      expect(report.applications).toMatchObject({
        totalCount: 4,
        pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: report.applications.edges[3].cursor },
      });
    });

    it('judges against the release asked about, not what the application runs now', async () => {
      const on36 = await impact({ version: '36.11.0' });
      expect(on36.erroredApplications).toEqual([]);
      expect(on36.countsByCode.map((count: any) => count.code)).toEqual(['RUNTIME_OVERRIDE', 'UNPINNED']);
    });

    it.each([
      ['WITH_ERRORS', ['a1', 'a2']],
      ['WITH_FINDINGS', ['a1', 'a2', 'a3']], // a3's only finding: RUNTIME_ANTICIPATED
      ['WITHOUT_SNAPSHOT', ['a4']],
      ['ALL', ['a1', 'a2', 'a3', 'a4']],
    ])('lists only %s, totals unchanged', async (only, expected) => {
      const report = await impact({ only });
      expect(report.applications.nodes.map((node: any) => node.application.slug)).toEqual(expected);
      expect(report.applications.totalCount).toBe(expected.length);
      expect(report.totalApplications).toBe(4);
      expect(report.erroredApplications).toEqual(['a1', 'a2']);
    });

    it('includes archived applications when asked', async () => {
      const report = await impact({ includeArchived: true });
      expect(report.totalApplications).toBe(5);
      expect(report.erroredApplications).toEqual(['a1', 'a2', 'a5']);
      expect(report.countsByCode[0]).toEqual({ code: 'RUNTIME_DOWNGRADE', severity: 'ERROR', findings: 3, applications: 3 });
    });

    it.each([1, 2, 3])('walks pages of %i without repeating or skipping', async (first) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages += 1) {
        const report = await impact({ first, after });
        expect(report.totalApplications).toBe(4);
        seen.push(...report.applications.nodes.map((node: any) => node.application.slug));
        if (!report.applications.pageInfo.hasNextPage) break;
        after = report.applications.pageInfo.endCursor;
      }
      expect(seen).toEqual(['a1', 'a2', 'a3', 'a4']);
    });

    it('pages within a filter', async () => {
      const first = await impact({ only: 'WITH_ERRORS', first: 1 });
      expect(first.applications).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ application: { slug: 'a1' } }] });
      const second = await impact({ only: 'WITH_ERRORS', first: 1, after: first.applications.pageInfo.endCursor });
      expect(second.applications).toMatchObject({ pageInfo: { hasNextPage: false, hasPreviousPage: true }, nodes: [{ application: { slug: 'a2' } }] });
      const past = await impact({ only: 'WITH_ERRORS', first: 1, after: second.applications.pageInfo.endCursor });
      expect(past.applications).toMatchObject({ nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, endCursor: null } });
    });

    it('shows a manager of one department only that department', async () => {
      const report = await impact({}, manager);
      expect(report.totalApplications).toBe(2);
      expect(report.applications.nodes.map((node: any) => node.application.slug)).toEqual(['a1', 'a2']);
      expect(report.countsByCode[0]).toMatchObject({ code: 'RUNTIME_DOWNGRADE', applications: 2 });
      const withArchived = await impact({ includeArchived: true }, manager);
      expect(withArchived.erroredApplications).toEqual(['a1', 'a2', 'a5']);
    });

    it.each([
      ['an unknown release', { version: '99.1.0' }, 'NOT_FOUND', 'version'],
      ['first below 1', { first: 0 }, 'BAD_USER_INPUT', 'first'],
      ['first above 500', { first: 501 }, 'BAD_USER_INPUT', 'first'],
    ])('refuses %s', async (_label, variables, code, field) => {
      for (const token of [BOOTSTRAP_TOKEN, manager]) {
        expect(failure(await service.gql(IMPACT, { version: '37.22.0', ...variables }, token))).toEqual({ code, field });
      }
    });

    it('is for admins and managers', async () => {
      expect(failure(await service.gql(IMPACT, { version: '37.22.0' }, developer)).code).toBe('FORBIDDEN');
    });
  });

  describe('cache', () => {
    const DRAFT = { version: '37.40.0', pythonVersion: '3.7.4', track: 'LTS', generalAvailability: '2019-09-01', endOfSupport: '2022-08-31' };

    beforeAll(async () => {
      await gqlOk(service, `mutation($input: CreateReleaseDraftInput!) { createReleaseDraft(input: $input) { version } }`, {
        input: {
          ...DRAFT,
          packages: [
            { name: 'Django', version: '2.2.5' },
            { name: 'requests', version: '2.21.0' },
          ],
        },
      });
    });

    it('judges a draft for admins, and reuses results on the next call', async () => {
      const cold = await impact({ version: '37.40.0' });
      expect(cold.release).toEqual({ version: '37.40.0', state: 'DRAFT' });
      expect(cold.cachedResults).toBe(0);
      expect(cold.erroredApplications).toEqual(['a1', 'a2']);
      const warm = await impact({ version: '37.40.0' });
      // Two distinct file sets (a1 and a2 share theirs): both answered from the cache.
      expect(warm.cachedResults).toBe(2);
      expect({ ...warm, cachedResults: 0 }).toEqual(cold);
    });

    it('hides drafts from managers', async () => {
      const response = await service.gql(IMPACT, { version: '37.40.0' }, manager);
      expect(failure(response)).toEqual({ code: 'NOT_FOUND', field: 'version' });
    });

    it('scans a new snapshot afresh and keeps the rest cached', async () => {
      await submitRequirements(service, 'a3', [{ path: 'requirements.txt', content: 'requests==2.21.0\nDjango<2\n' }], 'a3b3c3d');
      const report = await impact({ version: '37.40.0' });
      expect(report.cachedResults).toBe(1);
      expect(report.erroredApplications).toEqual(['a1', 'a2', 'a3']);
      expect(report.applications.nodes[2]).toMatchObject({ application: { slug: 'a3' }, snapshotCommit: 'a3b3c3d' });
    });

    it('drops the results when the draft’s packages change', async () => {
      await gqlOk(service, `mutation($input: UpdateReleaseDraftInput!) { updateReleaseDraft(input: $input) { version } }`, {
        input: {
          version: '37.40.0',
          packages: [
            { name: 'Django', version: '1.11.29' },
            { name: 'requests', version: '2.21.0' },
          ],
        },
      });
      const report = await impact({ version: '37.40.0' });
      expect(report.cachedResults).toBe(0);
      // Django 1.11.29 satisfies both the pin in a1/a2 and a3's Django<2: no more errors.
      expect(report.erroredApplications).toEqual([]);
      expect(report.countsByCode.map((count: any) => count.code)).not.toContain('RUNTIME_DOWNGRADE');
      expect((await impact({ version: '37.40.0' })).cachedResults).toBe(2);
    });

    it('keeps results of a published release cached across calls', async () => {
      await impact({});
      const again = await impact({});
      expect(again.cachedResults).toBeGreaterThan(0);
    });
  });

  describe('appReadiness', () => {
    it('lists the blockers: the ERROR findings of the latest snapshot on the target', async () => {
      const { appReadiness } = await gqlOk(service, READINESS, { application: 'a1', target: '37.22.0' }, developer);
      expect(appReadiness).toMatchObject({
        ready: false,
        snapshotCommit: 'a1a1a1a',
        target: { version: '37.22.0' },
        application: { slug: 'a1' },
        blockers: [{ code: 'RUNTIME_DOWNGRADE', severity: 'ERROR', package: 'django' }],
        currentDeployments: [{ environment: 'PROD', runtimeVersion: '36.11.0' }],
      });
      expect(appReadiness.findings.map((finding: any) => finding.code).sort()).toEqual([
        'RUNTIME_ANTICIPATED',
        'RUNTIME_DOWNGRADE',
        'RUNTIME_OVERRIDE',
        'UNPINNED',
      ]);
    });

    it("counts the target's own end of life as a blocker, judged on the service's day (not a cached earlier one)", async () => {
      const before = service.clock.now();
      try {
        service.clock.set('2022-04-01T18:00:00Z');
        const { appReadiness } = await gqlOk(service, READINESS, { application: 'a3', target: '37.22.0' }, developer);
        expect(appReadiness.ready).toBe(false);
        expect(appReadiness.blockers).toContainEqual(expect.objectContaining({ code: 'RUNTIME_END_OF_LIFE', severity: 'ERROR', package: null }));
        const report = await impact({});
        expect(report.countsByCode).toContainEqual({ code: 'RUNTIME_END_OF_LIFE', severity: 'ERROR', findings: 3, applications: 3 });
      } finally {
        service.clock.set(before);
      }
    });

    it('is ready with warnings only', async () => {
      const { appReadiness } = await gqlOk(service, READINESS, { application: 'a1', target: '36.11.0' }, developer);
      expect(appReadiness).toMatchObject({ ready: true, blockers: [] });
      expect(appReadiness.findings.length).toBeGreaterThan(0);
    });

    it('is not ready without a snapshot to judge', async () => {
      const { appReadiness } = await gqlOk(service, READINESS, { application: 'a4', target: '37.22.0' }, developer);
      expect(appReadiness).toMatchObject({ ready: false, snapshotCommit: null, blockers: [], findings: [], currentDeployments: [] });
    });

    it('judges the latest snapshot', async () => {
      await submitRequirements(service, 'a2', [{ path: 'requirements.txt', content: 'Django==2.2\n' }], 'a2b2c2d', developer);
      const { appReadiness } = await gqlOk(service, READINESS, { application: 'a2', target: '37.22.0' }, developer);
      expect(appReadiness).toMatchObject({ ready: true, snapshotCommit: 'a2b2c2d', blockers: [] });
      const report = await impact({});
      expect(report.erroredApplications).not.toContain('a2');
      expect(report.applications.nodes[1]).toMatchObject({ application: { slug: 'a2' }, snapshotCommit: 'a2b2c2d', errorCount: 0 });
    });

    it('judges a draft target for admins only', async () => {
      expect((await gqlOk(service, READINESS, { application: 'a1', target: '37.40.0' })).appReadiness.target.version).toBe('37.40.0');
      const response = await service.gql(READINESS, { application: 'a1', target: '37.40.0' }, developer);
      expect(failure(response)).toEqual({ code: 'NOT_FOUND', field: 'target' });
    });

    it.each([
      ['an unknown application', { application: 'nope', target: '37.22.0' }, 'application'],
      ['an unknown target', { application: 'a1', target: '99.1.0' }, 'target'],
    ])('refuses %s with NOT_FOUND naming it', async (_label, variables, field) => {
      expect(failure(await service.gql(READINESS, variables, developer))).toEqual({ code: 'NOT_FOUND', field });
    });
  });
});
