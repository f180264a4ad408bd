/**
 * Sorting and cursor pagination of `applications`: for every sort field and direction, walking
 * all pages gives every application exactly once, in the order of one big page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { APPLICATIONS, UPDATE_APPLICATION, createApplication, createGroup, dataOf, failure, gqlOk } from './support';

const FIELDS = ['SLUG', 'NAME', 'DEPARTMENT', 'CREATED_AT', 'UPDATED_AT'] as const;
const DIRECTIONS = ['ASC', 'DESC'] as const;
const PAGE = 4;

// Names and departments repeat, so ties must be broken the same way on every page.
const APPS = Array.from({ length: 15 }, (_, i) => ({
  slug: `app-${String.fromCharCode(97 + ((i * 7) % 15))}`,
  name: ['Grades', 'Books', 'Dorms', 'grades'][i % 4],
  department: ['Registrar', 'Library', 'Housing'][i % 3],
}));

interface Node {
  slug: string;
  name: string;
  department: string;
  createdAt: string;
  updatedAt: string;
}

describe('sorting and pagination', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
    await createGroup(service, 'team-a');
    for (const app of APPS) await createApplication(service, { ...app, group: 'team-a' });
    // Touch some so that updatedAt differs from createdAt order.
    for (const slug of ['app-c', 'app-a', 'app-m']) await gqlOk(service, UPDATE_APPLICATION, { input: { slug, description: 'touched' } });
  });
  afterAll(async () => service.close());

  const onePage = async (field: string, direction: string): Promise<Node[]> => {
    const { applications } = await gqlOk(service, APPLICATIONS, { orderBy: { field, direction }, first: 200 });
    expect(applications.pageInfo.hasNextPage).toBe(false);
    return applications.edges.map((edge: any) => edge.node);
  };

  describe.each(FIELDS)('by %s', (field) => {
    it.each(DIRECTIONS)('%s: every page in order, nothing twice, nothing left out', async (direction) => {
      const all = await onePage(field, direction);
      expect(all).toHaveLength(APPS.length);
      const walked: Node[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages += 1) {
        const { applications }: Record<string, any> = await gqlOk(service, APPLICATIONS, { orderBy: { field, direction }, first: PAGE, after });
        expect(applications.totalCount).toBe(APPS.length);
        walked.push(...applications.edges.map((edge: any) => edge.node));
        expect(applications.pageInfo).toMatchObject({
          hasPreviousPage: after !== null,
          startCursor: applications.edges.at(0)?.cursor ?? null,
          endCursor: applications.edges.at(-1)?.cursor ?? null,
        });
        if (!applications.pageInfo.hasNextPage) break;
        expect(applications.edges).toHaveLength(PAGE);
        after = applications.pageInfo.endCursor;
      }
      expect(walked.map((node) => node.slug)).toEqual(all.map((node) => node.slug));
      expect(new Set(walked.map((node) => node.slug)).size).toBe(APPS.length);
    });

    it('sorts by the field, the reverse direction being the reverse order', async () => {
      const ascending = await onePage(field, 'ASC');
      const descending = await onePage(field, 'DESC');
      expect(descending.map((node) => node.slug)).toEqual(ascending.map((node) => node.slug).reverse());
      const key: Record<(typeof FIELDS)[number], (node: Node) => string | number> = {
        SLUG: (node) => node.slug,
        NAME: (node) => node.name,
        DEPARTMENT: (node) => node.department,
        CREATED_AT: (node) => new Date(node.createdAt).getTime(),
        UPDATED_AT: (node) => new Date(node.updatedAt).getTime(),
      };
      const values = ascending.map(key[field]);
      for (let i = 1; i < values.length; i += 1) {
        if (typeof values[i] === 'number') expect(values[i] >= values[i - 1]).toBe(true);
        else expect((values[i] as string).localeCompare(values[i - 1] as string, 'en', { sensitivity: 'base' })).toBeGreaterThanOrEqual(0);
      }
    });
  });

  it('sorts by slug ascending by default, 25 to a page', async () => {
    const { applications } = await gqlOk(service, APPLICATIONS, {});
    expect(applications.edges.map((edge: any) => edge.node.slug)).toEqual(APPS.map((app) => app.slug).sort());
    const { applications: many } = await gqlOk(service, `{ applications { edges { cursor } } }`);
    expect(many.edges).toHaveLength(APPS.length);
  });

  it('puts the most recently updated first with UPDATED_AT DESC', async () => {
    const nodes = await onePage('UPDATED_AT', 'DESC');
    expect(nodes.slice(0, 3).map((node) => node.slug)).toEqual(['app-m', 'app-a', 'app-c']);
  });

  it('pages inside a filter', async () => {
    const filter = { department: 'Library' };
    const expected = APPS.filter((app) => app.department === 'Library')
      .map((app) => app.slug)
      .sort();
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { applications }: Record<string, any> = await gqlOk(service, APPLICATIONS, { filter, first: 2, after });
      expect(applications.totalCount).toBe(expected.length);
      seen.push(...applications.edges.map((edge: any) => edge.node.slug));
      after = applications.pageInfo.hasNextPage ? applications.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
  });

  it('gives an empty last page and no cursor past the end', async () => {
    const all = await onePage('SLUG', 'ASC');
    const last = await gqlOk(service, APPLICATIONS, { first: APPS.length });
    const past = await gqlOk(service, APPLICATIONS, { first: 5, after: last.applications.pageInfo.endCursor });
    expect(all).toHaveLength(APPS.length);
    expect(past.applications).toMatchObject({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
      totalCount: APPS.length,
    });
  });

  it.each([
    ['first below 1', { first: 0 }, 'first'],
    ['first above 200', { first: 201 }, 'first'],
    ['a cursor that is not one', { after: 'not-a-cursor' }, 'after'],
    ['a cursor of another shape', { after: Buffer.from('{"a":1}').toString('base64url') }, 'after'],
  ])('refuses %s naming %s', async (_label, variables, field) => {
    const response = await service.gql(APPLICATIONS, variables, BOOTSTRAP_TOKEN);
    expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a cursor of another order, even of the same field, instead of paging from the wrong place', async () => {
    const bySlug = await gqlOk(service, APPLICATIONS, { first: 2 });
    const after = bySlug.applications.pageInfo.endCursor;
    for (const orderBy of [{ field: 'CREATED_AT' }, { field: 'NAME' }, { field: 'SLUG', direction: 'DESC' }]) {
      const response = await service.gql(APPLICATIONS, { first: 2, after, orderBy }, BOOTSTRAP_TOKEN);
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(response.errors?.[0]?.message).toMatch(/another order \(SLUG ASC\)/);
    }
    expect(dataOf(await service.gql(APPLICATIONS, { first: 1 }, BOOTSTRAP_TOKEN)).applications.edges).toHaveLength(1);
  });
});
