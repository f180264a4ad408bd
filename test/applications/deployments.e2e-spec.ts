/**
 * Deployments: the full history and what runs in each environment now, and staged deprecation
 * as AWS Lambda does it: no new deployments on a release at end of life, none to an
 * environment the release's rollout has not reached, unless an admin records why.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import {
  DEPLOYMENT_FIELDS,
  RECORD_DEPLOYMENT,
  createApplication,
  createGroup,
  databaseState,
  dataOf,
  failure,
  gqlOk,
  recordDeployment,
  submitRequirements,
} from './support';

const HISTORY = `query($slug: String!, $environment: Environment, $first: Int) { application(slug: $slug) {
  deployments { ${DEPLOYMENT_FIELDS} }
  deploymentHistory(environment: $environment, first: $first) { totalCount edges { node { ${DEPLOYMENT_FIELDS} } } } } }`;
/** The nodes of the history page. */
const historyOf = (application: any): any[] => application.deploymentHistory.edges.map((edge: any) => edge.node);

// 2019-06-03, a Monday: 36.20.0 reached its end of support on 2019-03-31 (migration target
// 37.21.0); 36.11.0 and 37.22.0 are supported.
const TODAY = '2019-06-03T15:00:00Z';

/** 37.30.0, published today: its rollout reaches TEST next Thursday and PROD later in June. */
const FRESH_RELEASE = {
  version: '37.30.0',
  pythonVersion: '3.7.3',
  track: 'STABLE',
  generalAvailability: '2019-06-03',
  endOfSupport: '2020-09-30',
  packages: [{ name: 'Django', version: '2.2.2' }],
};

describe('deployments', () => {
  let service: TestService;
  let developer: string;
  let outsider: string;
  let admin: string;
  let rollout: Record<string, string>;

  beforeAll(async () => {
    service = await startTestService({ now: TODAY });
    // Published long ago, so every seeded release has reached every environment.
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    developer = await service.tokenFor([Role.DEVELOPER], 'dev@example.edu');
    outsider = await service.tokenFor([Role.DEVELOPER], 'outsider@example.edu');
    admin = await service.tokenFor([Role.ADMIN], 'admin@example.edu');
    await createGroup(service, 'team-a', ['dev@example.edu']);
    await createGroup(service, 'team-b', ['outsider@example.edu']);
    await createApplication(service, { slug: 'grades', group: 'team-a' });
    await createApplication(service, { slug: 'refused', group: 'team-a' });
    await gqlOk(service, `mutation($input: PublishReleaseInput!) { publishRelease(input: $input) { version } }`, { input: FRESH_RELEASE });
    const schedule = await gqlOk(service, `{ rolloutSchedule(version: "37.30.0") { environment start } }`);
    await gqlOk(
      service,
      `mutation { createReleaseDraft(input: { version: "38.1.0", pythonVersion: "3.8.0", track: LTS, generalAvailability: "2019-11-01", endOfSupport: "2022-10-31" }) { version } }`,
    );
    rollout = Object.fromEntries(schedule.rolloutSchedule.map((step: any) => [step.environment, step.start]));
  });
  afterAll(async () => service.close());
  beforeEach(() => service.clock.set(TODAY));

  describe('history and what runs now', () => {
    it('keeps every deployment and the newest per environment as current, TEST to PROD', async () => {
      await recordDeployment(
        service,
        { application: 'grades', environment: 'PROD', runtime: '36.11.0', commit: 'aaaaaaa', deployedAt: '2019-05-01T12:00:00Z' },
        developer,
      );
      await recordDeployment(
        service,
        { application: 'grades', environment: 'TEST', runtime: '37.22.0', commit: 'bbbbbbb', deployedAt: '2019-05-02T12:00:00Z' },
        developer,
      );
      await recordDeployment(
        service,
        { application: 'grades', environment: 'PROD', runtime: '37.22.0', commit: 'ccccccc', deployedAt: '2019-05-20T12:00:00Z' },
        developer,
      );
      const { application } = await gqlOk(service, HISTORY, { slug: 'grades' }, developer);
      expect(application.deployments.map((d: any) => [d.environment, d.runtimeVersion, d.commit])).toEqual([
        ['TEST', '37.22.0', 'bbbbbbb'],
        ['PROD', '37.22.0', 'ccccccc'],
      ]);
      expect(historyOf(application).map((d: any) => d.commit)).toEqual(['ccccccc', 'bbbbbbb', 'aaaaaaa']);
      expect(historyOf(application)[0]).toMatchObject({ recordedBy: 'dev@example.edu', overrideReason: null, runtime: { version: '37.22.0' } });
    });

    it('adds an older deployment recorded late to the history without replacing the current one', async () => {
      const late = await recordDeployment(
        service,
        { application: 'grades', environment: 'PROD', runtime: '36.11.0', commit: 'ddddddd', deployedAt: '2019-05-10T12:00:00Z' },
        developer,
      );
      expect(late.deployedAt).toBe('2019-05-10T12:00:00.000Z');
      const { application } = await gqlOk(service, HISTORY, { slug: 'grades', environment: 'PROD' }, developer);
      expect(application.deployments.find((d: any) => d.environment === 'PROD').commit).toBe('ccccccc');
      expect(historyOf(application).map((d: any) => d.commit)).toEqual(['ccccccc', 'ddddddd', 'aaaaaaa']);
    });

    it('takes the deployment with the same or a later instant as current, and "now" when deployedAt is left out', async () => {
      const now = await recordDeployment(service, { application: 'grades', environment: 'PROD', runtime: '36.11.0', commit: 'eeeeeee' }, developer);
      expect(now.deployedAt).toBe(new Date(TODAY).toISOString());
      const { application } = await gqlOk(service, HISTORY, { slug: 'grades', environment: 'PROD', first: 2 }, developer);
      expect(application.deployments.find((d: any) => d.environment === 'PROD')).toMatchObject({ commit: 'eeeeeee', runtimeVersion: '36.11.0' });
      expect(historyOf(application).map((d: any) => d.commit)).toEqual(['eeeeeee', 'ccccccc']);
    });

    it('pages the history newest first with cursors of this application only', async () => {
      const PAGED = `query($slug: String!, $after: String) { application(slug: $slug) {
        deploymentHistory(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { commit } } } } }`;
      const all = historyOf((await gqlOk(service, HISTORY, { slug: 'grades', first: 200 }, developer)).application).map((d: any) => d.commit);
      const walked: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages += 1) {
        const history: any = (await gqlOk(service, PAGED, { slug: 'grades', after }, developer)).application.deploymentHistory;
        expect(history.totalCount).toBe(all.length);
        expect(history.pageInfo.hasPreviousPage).toBe(after !== null);
        walked.push(...history.edges.map((edge: any) => edge.node.commit));
        if (!history.pageInfo.hasNextPage) break;
        after = history.pageInfo.endCursor;
      }
      expect(walked).toEqual(all);
      expect(all.length).toBeGreaterThan(2);

      await createApplication(service, { slug: 'paged-other', group: 'team-a' });
      await recordDeployment(
        service,
        { application: 'paged-other', environment: 'TEST', runtime: '37.22.0', commit: 'fffffff', deployedAt: '2019-05-02T12:00:00Z' },
        developer,
      );
      const ofGrades = (await gqlOk(service, PAGED, { slug: 'grades' }, developer)).application.deploymentHistory.pageInfo.endCursor;
      const response = await service.gql(PAGED, { slug: 'paged-other', after: ofGrades }, developer);
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(response.errors![0].message).toMatch(/cursor of Application.deploymentHistory of another Application/);
    });

    it('normalises the commit to lower case', async () => {
      const deployment = await recordDeployment(service, { application: 'grades', environment: 'QUAL', runtime: '36.11.0', commit: ' ABCDEF0123 ' }, developer);
      expect(deployment.commit).toBe('abcdef0123');
    });
  });

  describe('staged deprecation', () => {
    it('refuses a release at end of life, naming its migration target, and changes nothing', async () => {
      const before = await databaseState(service);
      const response = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'refused', environment: 'PROD', runtime: '36.20.0', commit: 'abcdef1' } },
        developer,
      );
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'runtime' });
      expect(response.errors![0].extensions!.refusals).toEqual(['RELEASE_END_OF_LIFE']);
      expect(response.errors![0].message).toContain('2019-03-31');
      expect(response.errors![0].message).toContain('37.21.0');
      expect(response.errors![0].message).toContain('ask an admin');
      expect(await databaseState(service)).toEqual(before);
    });

    it('records a deployment that happened before the end of life, even when recorded later', async () => {
      const deployment = await recordDeployment(
        service,
        { application: 'refused', environment: 'PROD', runtime: '36.20.0', commit: 'abcdef1', deployedAt: '2019-03-30T12:00:00Z' },
        developer,
      );
      expect(deployment).toMatchObject({ runtimeVersion: '36.20.0', overrideReason: null });
    });

    it('judges end of life by the campus day: 2019-03-31T04:00Z is still March 30 in Chicago', async () => {
      const response = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'refused', environment: 'PROD', runtime: '36.20.0', commit: 'abcdef1', deployedAt: '2019-03-31T12:00:00Z' } },
        developer,
      );
      expect(response.errors![0].extensions!.refusals).toEqual(['RELEASE_END_OF_LIFE']);
      const dayBefore = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'refused', environment: 'PROD', runtime: '36.20.0', commit: 'abcdef1', deployedAt: '2019-03-31T04:00:00Z' } },
        developer,
      );
      expect(dataOf(dayBefore).recordDeployment.runtimeVersion).toBe('36.20.0');
    });

    it('refuses an environment the rollout has not reached, saying when it will', async () => {
      const before = await databaseState(service);
      const response = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'refused', environment: 'TEST', runtime: '37.30.0', commit: 'abcdef1' } },
        developer,
      );
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'runtime' });
      expect(response.errors![0].extensions!.refusals).toEqual(['ENVIRONMENT_NOT_REACHED']);
      expect(response.errors![0].message).toContain(rollout.TEST);
      expect(await databaseState(service)).toEqual(before);
    });

    it('follows the rollout: TEST once reached, PROD still refused until its own window', async () => {
      service.clock.set(new Date(new Date(rollout.TEST).getTime() + 60_000));
      const test = await recordDeployment(service, { application: 'refused', environment: 'TEST', runtime: '37.30.0' }, developer);
      expect(test.runtimeVersion).toBe('37.30.0');
      const prod = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'refused', environment: 'PROD', runtime: '37.30.0', commit: 'abcdef1' } },
        developer,
      );
      expect(prod.errors![0].extensions!.refusals).toEqual(['ENVIRONMENT_NOT_REACHED']);
      expect(prod.errors![0].message).toContain(rollout.PROD);
      // A deployment dated before the rollout reached PROD stays refused after it has.
      service.clock.set(new Date(new Date(rollout.PROD).getTime() + 86_400_000));
      const backdated = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'refused', environment: 'PROD', runtime: '37.30.0', commit: 'abcdef1', deployedAt: rollout.TEST } },
        developer,
      );
      expect(backdated.errors![0].extensions!.refusals).toEqual(['ENVIRONMENT_NOT_REACHED']);
      const onTime = await recordDeployment(service, { application: 'refused', environment: 'PROD', runtime: '37.30.0' }, developer);
      expect(onTime.overrideReason).toBeNull();
    });

    it('follows an admin’s rollout override of the calendar', async () => {
      await gqlOk(
        service,
        `mutation { overrideRollout(input: { version: "37.30.0", environment: BETA, at: "2019-06-03T14:00:00Z", reason: "pilot" }) { environment } }`,
      );
      const beta = await recordDeployment(service, { application: 'refused', environment: 'BETA', runtime: '37.30.0' }, developer);
      expect(beta.overrideReason).toBeNull();
    });

    it('lets an admin record a refused deployment with a reason, kept with the deployment', async () => {
      const withoutReason = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'refused', environment: 'QUAL', runtime: '36.20.0', commit: 'abcdef1' } },
        admin,
      );
      expect(failure(withoutReason).code).toBe('BAD_USER_INPUT');
      expect(withoutReason.errors![0].message).toContain('overrideReason');
      const deployment = await recordDeployment(
        service,
        { application: 'refused', environment: 'QUAL', runtime: '36.20.0', overrideReason: '  vendor patch, ticket OPS-12  ' },
        admin,
      );
      expect(deployment).toMatchObject({ runtimeVersion: '36.20.0', overrideReason: 'vendor patch, ticket OPS-12', recordedBy: 'admin@example.edu' });
      const bootstrap = await recordDeployment(
        service,
        { application: 'refused', environment: 'QUAL', runtime: '37.30.0', overrideReason: 'early pilot' },
        BOOTSTRAP_TOKEN,
      );
      expect(bootstrap).toMatchObject({ overrideReason: 'early pilot', recordedBy: 'bootstrap-admin' });
      const { application } = await gqlOk(service, HISTORY, { slug: 'refused', environment: 'QUAL' });
      expect(historyOf(application).map((d: any) => d.overrideReason)).toEqual(['early pilot', 'vendor patch, ticket OPS-12']);
    });

    it('does not store a reason when nothing needed overriding', async () => {
      const deployment = await recordDeployment(
        service,
        { application: 'refused', environment: 'QUAL', runtime: '36.11.0', overrideReason: 'just in case' },
        admin,
      );
      expect(deployment.overrideReason).toBeNull();
    });

    it.each([
      ['a refused deployment', '36.20.0'],
      ['an allowed deployment', '36.11.0'],
    ])('refuses overrideReason from a member who is no admin (%s), changing nothing', async (_label, runtime) => {
      const before = await databaseState(service);
      const response = await service.gql(
        RECORD_DEPLOYMENT,
        { input: { application: 'refused', environment: 'PROD', runtime, commit: 'abcdef1', overrideReason: 'please' } },
        developer,
      );
      expect(failure(response).code).toBe('FORBIDDEN');
      expect(response.errors![0].message).toContain('admin');
      expect(await databaseState(service)).toEqual(before);
    });

    it('answers a developer of another group NOT_FOUND (it cannot see the application), whatever the runtime', async () => {
      for (const runtime of ['36.11.0', '36.20.0', '37.30.0']) {
        const before = await databaseState(service);
        const response = await service.gql(RECORD_DEPLOYMENT, { input: { application: 'refused', environment: 'PROD', runtime, commit: 'abcdef1' } }, outsider);
        expect(failure(response).code, runtime).toBe('NOT_FOUND');
        expect(await databaseState(service)).toEqual(before);
      }
    });
  });

  describe('bad input changes nothing', () => {
    const base = { application: 'grades', environment: 'PROD', runtime: '36.11.0', commit: 'abcdef1' };
    it.each([
      ['a deployment in the future', { deployedAt: '2019-06-03T15:10:00Z' }, { code: 'BAD_USER_INPUT', field: 'deployedAt' }],
      ['an unknown application', { application: 'nope' }, { code: 'NOT_FOUND', field: 'application' }],
      ['an unknown runtime', { runtime: '39.99.0' }, { code: 'NOT_FOUND', field: 'runtime' }],
      ['a draft runtime', { runtime: '38.1.0' }, { code: 'NOT_FOUND', field: 'runtime' }],
      ['a commit that is no hash', { commit: 'main' }, { code: 'BAD_USER_INPUT', field: 'commit' }],
      ['a commit too short', { commit: 'abc12' }, { code: 'BAD_USER_INPUT', field: 'commit' }],
      ['a commit too long', { commit: 'a'.repeat(65) }, { code: 'BAD_USER_INPUT', field: 'commit' }],
      ['a deployedAt that is no instant', { deployedAt: 'yesterday' }, { code: 'BAD_USER_INPUT' }],
      ['an unknown environment', { environment: 'STAGING' }, { code: 'BAD_USER_INPUT' }],
    ])('%s', async (_label, change, expected) => {
      const before = await databaseState(service);
      const response = await service.gql(RECORD_DEPLOYMENT, { input: { ...base, ...change } }, developer);
      expect(failure(response)).toMatchObject(expected);
      expect(await databaseState(service)).toEqual(before);
    });

    it('accepts a deployedAt a few minutes ahead (clock drift of CI runners)', async () => {
      const deployment = await recordDeployment(
        service,
        { application: 'grades', environment: 'BETA', runtime: '36.11.0', deployedAt: '2019-06-03T15:03:00Z' },
        developer,
      );
      expect(deployment.deployedAt).toBe('2019-06-03T15:03:00.000Z');
    });

    it('refuses an unknown application before judging the runtime', async () => {
      const response = await service.gql(RECORD_DEPLOYMENT, { input: { ...base, application: 'nope', runtime: '36.20.0' } }, developer);
      expect(failure(response)).toEqual({ code: 'NOT_FOUND', field: 'application' });
    });

    it('bounds the history page', async () => {
      const response = await service.gql(HISTORY, { slug: 'grades', first: 0 }, developer);
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    });
  });

  it('scans the latest snapshot against a runtime the application starts running', async () => {
    await createApplication(service, { slug: 'scanned', group: 'team-a' });
    await recordDeployment(service, { application: 'scanned', environment: 'PROD', runtime: '36.11.0' }, developer);
    await submitRequirements(service, 'scanned', [{ path: 'requirements.txt', content: 'Django==1.11.29\n' }], 'abcdef9', developer);
    await recordDeployment(service, { application: 'scanned', environment: 'TEST', runtime: '37.22.0' }, developer);
    const { application } = await gqlOk(service, `{ application(slug: "scanned") { latestSnapshot { scans { runtimeVersion environments errorCount } } } }`);
    expect(application.latestSnapshot.scans).toEqual([
      { runtimeVersion: '36.11.0', environments: ['PROD'], errorCount: 0 },
      { runtimeVersion: '37.22.0', environments: ['TEST'], errorCount: 1 },
    ]);
  });

  it('records more deployments of one application at once than the pool has connections, each one kept', async () => {
    // They queue on the application's row lock while holding a connection each: any further
    // connection a transaction asked the pool for (a role check, the rollout) would never come.
    await createApplication(service, { slug: 'busy', group: 'team-a' });
    const commits = Array.from({ length: 20 }, (_, index) => `c0ffee${String(index).padStart(2, '0')}`);
    await Promise.all(
      commits.map((commit, index) =>
        recordDeployment(
          service,
          { application: 'busy', environment: 'QUAL', runtime: '36.11.0', commit, deployedAt: `2019-05-01T12:${String(index).padStart(2, '0')}:00Z` },
          developer,
        ),
      ),
    );
    const { application } = await gqlOk(service, HISTORY, { slug: 'busy', first: 50 }, developer);
    expect(
      historyOf(application)
        .map((deployment: any) => deployment.commit)
        .sort(),
    ).toEqual(commits);
    expect(application.deployments).toEqual([expect.objectContaining({ environment: 'QUAL', commit: 'c0ffee19' })]);
  });
});
