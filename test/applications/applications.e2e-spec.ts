/**
 * Applications: creating and editing them (and every bad input, which changes nothing),
 * archiving, and the list filters (department, group, environment, runtime, release status,
 * errors in the latest snapshot, search).
 */
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';
import {
  APPLICATION,
  APPLICATIONS,
  ARCHIVE_APPLICATION,
  CREATE_APPLICATION,
  TRANSFER_APPLICATION,
  UNARCHIVE_APPLICATION,
  UPDATE_APPLICATION,
  createApplication,
  createGroup,
  databaseState,
  dataOf,
  failure,
  gqlOk,
  recordDeployment,
  submitRequirements,
} from './support';

// 2019-06-03 on campus: 36.11.0 and 37.22.0 are SUPPORTED, 27.11.0 and 37.21.0 DEPRECATED,
// 36.20.0 END_OF_LIFE (since 2019-03-31); nothing is ANTICIPATED.
const TODAY = '2019-06-03T15:00:00Z';

describe('applications', () => {
  let service: TestService;
  let developer: string;

  beforeAll(async () => {
    service = await startTestService({ now: TODAY });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    developer = await service.tokenFor([Role.DEVELOPER], 'dev@example.edu');
    await createGroup(service, 'team-a', ['dev@example.edu']);
    await createGroup(service, 'team-b', ['dev@example.edu']);
  });
  afterAll(async () => service.close());

  describe('create and edit', () => {
    it('creates with normalised fields and its owning group', async () => {
      const app = await createApplication(
        service,
        {
          slug: 'grades',
          group: 'team-a',
          name: '  Grades  ',
          description: ' Final grades ',
          department: '  Office of the   Registrar ',
          contacts: ['Ada@Example.edu', 'grace@example.edu', 'ada@example.edu'],
          repositoryUrl: 'https://github.example.edu/registrar/grades',
        },
        developer,
      );
      expect(app).toMatchObject({
        slug: 'grades',
        name: 'Grades',
        description: 'Final grades',
        department: 'Office of the Registrar',
        contacts: ['ada@example.edu', 'grace@example.edu'],
        repositoryUrl: 'https://github.example.edu/registrar/grades',
        archived: false,
        archivedAt: null,
        owningGroup: { slug: 'team-a' },
      });
      expect(dataOf(await service.gql(APPLICATION, { slug: 'grades' }, developer)).application).toEqual(app);
    });

    it.each([
      'git@github.example.edu:registrar/grades.git',
      'ssh://git@github.example.edu/registrar/grades.git',
      'git+https://github.example.edu/registrar/grades',
    ])('accepts the repository URL %s', async (repositoryUrl) => {
      const updated = await gqlOk(service, UPDATE_APPLICATION, { input: { slug: 'grades', repositoryUrl } }, developer);
      expect(updated.updateApplication.repositoryUrl).toBe(repositoryUrl);
    });

    it('changes only the fields given; null clears the optional ones', async () => {
      const before = dataOf(await service.gql(APPLICATION, { slug: 'grades' }, developer)).application;
      const renamed = (await gqlOk(service, UPDATE_APPLICATION, { input: { slug: 'grades', name: 'Grade book' } }, developer)).updateApplication;
      expect(renamed).toMatchObject({ ...before, name: 'Grade book', updatedAt: expect.any(String) });
      expect(new Date(renamed.updatedAt).getTime()).toBeGreaterThan(new Date(before.updatedAt).getTime());
      const cleared = (await gqlOk(service, UPDATE_APPLICATION, { input: { slug: 'grades', description: null, repositoryUrl: null, contacts: [] } }, developer))
        .updateApplication;
      expect(cleared).toMatchObject({ name: 'Grade book', description: null, repositoryUrl: null, contacts: [], department: 'Office of the Registrar' });
      const moved = (await gqlOk(service, UPDATE_APPLICATION, { input: { slug: 'grades', department: 'Registrar' } }, developer)).updateApplication;
      expect(moved.department).toBe('Registrar');
    });

    it('archives (kept, hidden from lists) and unarchives', async () => {
      const archived = (await gqlOk(service, ARCHIVE_APPLICATION, { slug: 'grades' }, developer)).archiveApplication;
      expect(archived.archived).toBe(true);
      const again = (await gqlOk(service, ARCHIVE_APPLICATION, { slug: 'grades' }, developer)).archiveApplication;
      expect(again.archivedAt).toBe(archived.archivedAt);
      expect(dataOf(await service.gql(APPLICATION, { slug: 'grades' }, developer)).application.archived).toBe(true);
      const hidden = dataOf(await service.gql(APPLICATIONS, { filter: { search: 'grades' } }, developer)).applications;
      expect(hidden.totalCount).toBe(0);
      const shown = dataOf(await service.gql(APPLICATIONS, { filter: { search: 'grades', includeArchived: true } }, developer)).applications;
      expect(shown.edges.map((edge: any) => [edge.node.slug, edge.node.archived])).toEqual([['grades', true]]);
      const back = (await gqlOk(service, UNARCHIVE_APPLICATION, { slug: 'grades' }, developer)).unarchiveApplication;
      expect(back).toMatchObject({ archived: false, archivedAt: null });
      expect(dataOf(await service.gql(APPLICATIONS, { filter: { search: 'grades' } }, developer)).applications.totalCount).toBe(1);
    });
  });

  describe('bad input changes nothing', () => {
    const create = (change: Record<string, unknown>) => ({ input: { slug: 'fresh', name: 'Fresh', department: 'Registrar', group: 'team-a', ...change } });
    const update = (change: Record<string, unknown>) => ({ input: { slug: 'grades', ...change } });
    it.each([
      ['a duplicate slug', CREATE_APPLICATION, create({ slug: 'grades' }), 'CONFLICT', 'slug'],
      ['an upper-case slug', CREATE_APPLICATION, create({ slug: 'Fresh' }), 'BAD_USER_INPUT', 'slug'],
      ['a slug with "_"', CREATE_APPLICATION, create({ slug: 'fresh_app' }), 'BAD_USER_INPUT', 'slug'],
      ['a slug starting with "-"', CREATE_APPLICATION, create({ slug: '-fresh' }), 'BAD_USER_INPUT', 'slug'],
      ['an empty slug', CREATE_APPLICATION, create({ slug: '' }), 'BAD_USER_INPUT', 'slug'],
      ['a slug over 64 characters', CREATE_APPLICATION, create({ slug: 'a'.repeat(65) }), 'BAD_USER_INPUT', 'slug'],
      ['an unknown group', CREATE_APPLICATION, create({ group: 'team-z' }), 'NOT_FOUND', 'group'],
      ['a contact that is no e-mail', CREATE_APPLICATION, create({ contacts: ['ada@example.edu', 'ada at example'] }), 'BAD_USER_INPUT', 'contacts'],
      ['a repository URL that is no URL', CREATE_APPLICATION, create({ repositoryUrl: 'my repo' }), 'BAD_USER_INPUT', 'repositoryUrl'],
      ['a repository URL of another scheme', CREATE_APPLICATION, create({ repositoryUrl: 'ftp://example.edu/app' }), 'BAD_USER_INPUT', 'repositoryUrl'],
      ['a blank department', CREATE_APPLICATION, create({ department: '   ' }), 'BAD_USER_INPUT', 'department'],
      ['an empty name', CREATE_APPLICATION, create({ name: '' }), 'BAD_USER_INPUT', 'name'],
      ['a name of only spaces', CREATE_APPLICATION, create({ name: '   ' }), 'BAD_USER_INPUT', 'name'],
      ['renaming to only spaces', UPDATE_APPLICATION, update({ name: '  ' }), 'BAD_USER_INPUT', 'name'],
      ['updating an unknown application', UPDATE_APPLICATION, update({ slug: 'nope', name: 'X' }), 'NOT_FOUND', 'slug'],
      ['updating with a contact that is no e-mail', UPDATE_APPLICATION, update({ contacts: ['nope'] }), 'BAD_USER_INPUT', 'contacts'],
      ['updating with a bad repository URL', UPDATE_APPLICATION, update({ repositoryUrl: 'javascript:alert(1)' }), 'BAD_USER_INPUT', 'repositoryUrl'],
      ['updating with a blank department', UPDATE_APPLICATION, update({ department: ' ' }), 'BAD_USER_INPUT', 'department'],
      ['archiving an unknown application', ARCHIVE_APPLICATION, { slug: 'nope' }, 'NOT_FOUND', 'slug'],
      ['unarchiving an unknown application', UNARCHIVE_APPLICATION, { slug: 'nope' }, 'NOT_FOUND', 'slug'],
      ['transferring an unknown application', TRANSFER_APPLICATION, { slug: 'nope', toGroup: 'team-b' }, 'NOT_FOUND', 'slug'],
      ['transferring to an unknown group', TRANSFER_APPLICATION, { slug: 'grades', toGroup: 'team-z' }, 'NOT_FOUND', 'toGroup'],
    ])('%s → %s naming %s', async (_label, document, variables, code, field) => {
      const before = await databaseState(service);
      const response = await service.gql(document, variables, developer);
      expect(failure(response), response.errors?.[0]?.message).toEqual({ code, field });
      expect(await databaseState(service)).toEqual(before);
    });

    it('gives one of several concurrent creations of a slug the application, the others CONFLICT', async () => {
      const before = await databaseState(service);
      const responses = await Promise.all([1, 2, 3, 4].map((n) => service.gql(CREATE_APPLICATION, create({ slug: 'raced', name: `Raced ${n}` }), developer)));
      const outcomes = responses.map((response) => failure(response).code ?? 'OK').sort();
      expect(outcomes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
      for (const response of responses.filter((candidate) => candidate.errors)) expect(failure(response).field).toBe('slug');
      const after = await databaseState(service);
      expect(after.applications.length).toBe(before.applications.length + 1);
      await service.dataSource.query(`DELETE FROM applications WHERE slug = 'raced'`);
    });

    it('names the unknown thing in the message', async () => {
      const group = await service.gql(CREATE_APPLICATION, create({ group: 'team-z' }), developer);
      expect(group.errors![0].message).toContain('team-z');
      const slug = await service.gql(CREATE_APPLICATION, create({ slug: 'Fresh' }), developer);
      expect(slug.errors![0].message).toContain('"fresh"');
    });
  });

  describe('list filters', () => {
    const slugs = async (filter: Record<string, unknown>) => {
      const { applications } = dataOf(await service.gql(APPLICATIONS, { filter }, developer));
      expect(applications.totalCount).toBe(applications.edges.length);
      return applications.edges.map((edge: any) => edge.node.slug);
    };

    beforeAll(async () => {
      await gqlOk(service, ARCHIVE_APPLICATION, { slug: 'grades' });
      const apps = [
        { slug: 'alpha', name: 'Alpha Grades', department: 'Registrar', group: 'team-a' },
        { slug: 'bravo', name: 'Bravo Books', department: 'Library', group: 'team-a' },
        { slug: 'charlie', name: 'Charlie', department: 'Registrar', group: 'team-b' },
        { slug: 'delta', name: 'Delta Dorms', department: 'Housing', group: 'team-b' },
        { slug: 'echo', name: 'Echo', department: 'Registrar', group: 'team-a' },
        { slug: 'foxtrot', name: 'Foxtrot 100% done', department: 'Library', group: 'team-b' },
      ];
      for (const app of apps) await createApplication(service, app, developer);
      const deploy = (application: string, environment: string, runtime: string, deployedAt?: string) =>
        recordDeployment(service, { application, environment, runtime, ...(deployedAt ? { deployedAt } : {}) }, developer);
      // alpha: supported runtimes; requests pinned to what 37.22.0 bundles (a warning on 36.11.0 only).
      await deploy('alpha', 'PROD', '36.11.0');
      await deploy('alpha', 'TEST', '37.22.0');
      await submitRequirements(service, 'alpha', [{ path: 'requirements.txt', content: 'requests==2.21.0\n' }], 'a1a1a1a', developer);
      // bravo: still on 36.20.0, deployed before its end of life; Django 1.11 is a downgrade there.
      await deploy('bravo', 'PROD', '36.20.0', '2019-03-01T12:00:00Z');
      await submitRequirements(service, 'bravo', [{ path: 'requirements.txt', content: 'Django==1.11.29\n' }], 'b2b2b2b', developer);
      // charlie: on deprecated 37.21.0, requirements fine there.
      await deploy('charlie', 'PROD', '37.21.0');
      await submitRequirements(service, 'charlie', [{ path: 'requirements.txt', content: 'Django==2.1.1\n' }], 'c3c3c3c', developer);
      // delta: its snapshot failed on 37.21.0, but it moved back to 36.11.0 where it is fine.
      await deploy('delta', 'PROD', '37.21.0', '2019-05-01T12:00:00Z');
      await submitRequirements(service, 'delta', [{ path: 'requirements.txt', content: 'Django==1.11.29\n' }], 'd4d4d4d', developer);
      await deploy('delta', 'PROD', '36.11.0');
      // echo: archived, on a supported runtime.
      await deploy('echo', 'PROD', '36.11.0');
      await gqlOk(service, ARCHIVE_APPLICATION, { slug: 'echo' }, developer);
    });

    it.each([
      ['nothing', {}, ['alpha', 'bravo', 'charlie', 'delta', 'foxtrot']],
      ['department', { department: 'Registrar' }, ['alpha', 'charlie']],
      ['department, with archived', { department: 'Registrar', includeArchived: true }, ['alpha', 'charlie', 'echo', 'grades']],
      ['group', { group: 'team-a' }, ['alpha', 'bravo']],
      ['group and department', { group: 'team-b', department: 'Library' }, ['foxtrot']],
      ['environment', { environment: 'TEST' }, ['alpha']],
      ['environment PROD', { environment: 'PROD' }, ['alpha', 'bravo', 'charlie', 'delta']],
      ['runtime', { runtime: '36.11.0' }, ['alpha', 'delta']],
      ['runtime with archived', { runtime: '36.11.0', includeArchived: true }, ['alpha', 'delta', 'echo']],
      ['runtime in an environment that runs another', { runtime: '36.11.0', environment: 'TEST' }, []],
      ['runtime in the environment that runs it', { runtime: '37.22.0', environment: 'TEST' }, ['alpha']],
      ['a runtime no longer running anywhere', { runtime: '27.11.0' }, []],
      ['release status END_OF_LIFE', { releaseStatus: ['END_OF_LIFE'] }, ['bravo']],
      ['release status DEPRECATED', { releaseStatus: ['DEPRECATED'] }, ['charlie']],
      ['release status SUPPORTED', { releaseStatus: ['SUPPORTED'] }, ['alpha', 'delta']],
      ['release statuses DEPRECATED or END_OF_LIFE', { releaseStatus: ['DEPRECATED', 'END_OF_LIFE'] }, ['bravo', 'charlie']],
      ['release status ANTICIPATED', { releaseStatus: ['ANTICIPATED'] }, []],
      ['release status in an environment', { releaseStatus: ['SUPPORTED'], environment: 'TEST' }, ['alpha']],
      ['an empty release status list', { releaseStatus: [] }, ['alpha', 'bravo', 'charlie', 'delta', 'foxtrot']],
      ['errors on a runtime it runs on', { hasErrors: true }, ['bravo']],
      ['no errors on any runtime it runs on', { hasErrors: false }, ['alpha', 'charlie', 'delta', 'foxtrot']],
      ['search by slug, any case', { search: 'ALPH' }, ['alpha']],
      ['search by name', { search: 'dorms' }, ['delta']],
      ['search for "%", taken literally', { search: '%' }, ['foxtrot']],
      ['search for "_", taken literally', { search: '_' }, []],
      ['search and department', { search: 'o', department: 'Library' }, ['bravo', 'foxtrot']],
    ])('by %s', async (_label, filter, expected) => {
      expect(await slugs(filter)).toEqual(expected);
    });

    it('follows the calendar: the same deployments have other statuses on another day', async () => {
      service.clock.set('2019-12-15T15:00:00Z');
      try {
        // 37.21.0 reached its end of support on 2019-11-30; 36.11.0 is in its notice window since 2019-07-31.
        expect(await slugs({ releaseStatus: ['END_OF_LIFE'] })).toEqual(['bravo', 'charlie']);
        expect(await slugs({ releaseStatus: ['DEPRECATED'] })).toEqual(['alpha', 'delta']);
      } finally {
        service.clock.set(TODAY);
      }
    });

    it('refuses an unknown runtime with NOT_FOUND naming the filter field', async () => {
      const response = await service.gql(APPLICATIONS, { filter: { runtime: '99.1.0' } }, developer);
      expect(failure(response)).toEqual({ code: 'NOT_FOUND', field: 'filter.runtime' });
    });

    it('refuses an unknown group with NOT_FOUND naming the filter field, so a typo is not read as "no applications"', async () => {
      const response = await service.gql(APPLICATIONS, { filter: { group: 'team-z' } }, developer);
      expect(failure(response)).toEqual({ code: 'NOT_FOUND', field: 'filter.group' });
    });

    it('refuses an unknown environment or release status', async () => {
      expect(failure(await service.gql(APPLICATIONS, { filter: { environment: 'STAGING' } }, developer)).code).toBe('BAD_USER_INPUT');
      expect(failure(await service.gql(APPLICATIONS, { filter: { releaseStatus: ['RETIRED'] } }, developer)).code).toBe('BAD_USER_INPUT');
    });

    it('shows what runs where and the latest snapshot in the list', async () => {
      const query = `query($filter: ApplicationFilterInput) { applications(filter: $filter) { edges { node { slug
        deployments { environment runtimeVersion } latestSnapshot { commit scans { runtimeVersion errorCount } } owningGroup { slug } } } } }`;
      const { applications } = dataOf(await service.gql(query, { filter: { search: 'delta' } }, developer));
      expect(applications.edges[0].node).toEqual({
        slug: 'delta',
        deployments: [{ environment: 'PROD', runtimeVersion: '36.11.0' }],
        latestSnapshot: {
          commit: 'd4d4d4d',
          scans: [
            { runtimeVersion: '36.11.0', errorCount: 0 },
            { runtimeVersion: '37.21.0', errorCount: 1 },
          ],
        },
        owningGroup: { slug: 'team-b' },
      });
    });

    it('answers every field of a listed application as the application query does, whatever the list reads of it', async () => {
      const every = `id slug name description department contacts repositoryUrl archived archivedAt createdAt updatedAt
        owningGroup { id slug name description createdAt members { role } }
        deployments { id environment runtimeVersion commit deployedAt recordedBy overrideReason runtime { version } }`;
      const few = `slug deployments { environment deployedAt } owningGroup { name }`;
      for (const fields of [every, few, `...F`]) {
        const fragment = fields === '...F' ? ` fragment F on Application { ${few} archived }` : '';
        const list = dataOf(
          await service.gql(`{ applications(first: 50, filter: { includeArchived: true }) { edges { node { ${fields} } } } }${fragment}`, {}, developer),
        );
        const listed = list.applications.edges.map((edge: any) => edge.node);
        expect(listed.some((app: any) => app.deployments.length > 0)).toBe(true);
        for (const app of listed) {
          const alone = dataOf(await service.gql(`query($slug: String!) { application(slug: $slug) { ${fields} } }${fragment}`, { slug: app.slug }, developer));
          expect(app, app.slug).toEqual(alone.application);
        }
      }
    });

    it('answers the owning group and deployments a list read with its page as plain values, without their field resolvers', () => {
      const application = service.app.get(GraphQLSchemaHost).schema.getType('Application') as GraphQLObjectType;
      expect(application.getFields().owningGroup.extensions.prefetchable).toBe(true);
      expect(application.getFields().deployments.extensions.prefetchable).toBe(true);
    });

    it('loads the latest snapshots and their scans of a whole page together, each with its own', async () => {
      const fields = `slug latestSnapshot { commit scans { runtimeVersion environments errorCount warningCount } }`;
      const { applications } = dataOf(await service.gql(`{ applications(first: 50) { edges { node { ${fields} } } } }`, {}, developer));
      const listed = applications.edges.map((edge: any) => edge.node);
      expect(listed.filter((app: any) => app.latestSnapshot !== null).length).toBeGreaterThan(1);
      for (const app of listed) {
        const alone = dataOf(await service.gql(`query($slug: String!) { application(slug: $slug) { ${fields} } }`, { slug: app.slug }, developer));
        expect(app, app.slug).toEqual(alone.application);
      }
      expect(listed.find((app: any) => app.slug === 'bravo').latestSnapshot.scans.some((scan: any) => scan.errorCount > 0)).toBe(true);
    });
  });
});
