/**
 * Every paged list refuses an `after` that is not a cursor of that list and order as
 * BAD_USER_INPUT naming `after`, before any query runs (issue 13, items 5 and 12): forged ids out of
 * bigint range, impossible dates, garbage, raw keys of the old formats, and cursors of other lists.
 * Before the one cursor codec, the first two were INTERNAL_SERVER_ERROR (PostgreSQL refused the
 * value) and `advisories` and `releaseImpact` paged from wherever the garbage sorted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { createApplication, createGroup, failure, gqlOk } from '../applications/support';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';

const LISTS = {
  auditLog: `query($after: String) { auditLog(first: 1, after: $after) { pageInfo { endCursor } } }`,
  inventoryAuditLog: `query($after: String) { inventoryAuditLog(first: 1, after: $after) { pageInfo { endCursor } } }`,
  applications: `query($after: String, $orderBy: ApplicationOrderInput) { applications(first: 1, after: $after, orderBy: $orderBy) { pageInfo { endCursor } } }`,
  advisories: `query($after: String) { advisories(first: 1, after: $after) { pageInfo { endCursor } } }`,
  releaseImpact: `query($after: String) { releaseImpact(version: "37.22.0", first: 1, after: $after) { applications { pageInfo { endCursor } } } }`,
} as const;
type List = keyof typeof LISTS;
type Paged = { pageInfo: { endCursor: string } };

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

/** A real cursor with one key value replaced, as a client forging cursors would send. */
function tampered(cursor: string, index: number, value: string): string {
  const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { key: string[] };
  payload.key[index] = value;
  return base64url(JSON.stringify(payload));
}

describe('list cursors', () => {
  let service: TestService;
  const cursors = {} as Record<List, string>;

  const page = async (list: List, after: string | null, variables: Record<string, unknown> = {}) =>
    service.gql(LISTS[list], { after, ...variables }, BOOTSTRAP_TOKEN);
  /** The end cursor of the one list a response holds (releaseImpact holds it in `applications`). */
  const endCursorOf = (data: Record<string, unknown>): string => {
    const list = Object.values(data)[0] as { applications?: Paged } & Paged;
    return (list.applications ?? list).pageInfo.endCursor;
  };

  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T18:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    await createGroup(service, 'team-a');
    for (const slug of ['a1', 'a2', 'a3']) await createApplication(service, { slug, group: 'team-a' });
    const advisory = (id: string) => ({ id, modified: '2026-01-10T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'widget' } }] });
    await gqlOk(service, `mutation($document: String!) { importAdvisories(document: $document) { added } }`, {
      document: JSON.stringify([advisory('PYPE-2026-0001'), advisory('PYPE-2026-0002')]),
    });
    for (const list of Object.keys(LISTS) as List[]) {
      const response = await page(list, null);
      expect(response.errors, `${list}: ${JSON.stringify(response.errors)}`).toBeUndefined();
      cursors[list] = endCursorOf(response.data!);
      expect(cursors[list], list).toEqual(expect.any(String));
    }
  });
  afterAll(async () => service.close());

  it.each(Object.keys(LISTS) as List[])('%s continues after its own cursor', async (list) => {
    const response = await page(list, cursors[list]);
    expect(response.errors).toBeUndefined();
  });

  it.each(['auditLog', 'inventoryAuditLog'] as const)('%s refuses an id beyond bigint, in the old format and forged into the new one', async (list) => {
    const kind = list === 'auditLog' ? 'audit' : 'inventory-audit';
    for (const after of [base64url(`${kind}:9999999999999999999`), tampered(cursors[list], 0, '9999999999999999999'), tampered(cursors[list], 0, '0')]) {
      expect(failure(await page(list, after))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('applications refuses a cursor holding 2026-02-30, in the old format and forged into the new one', async () => {
    const byCreation = endCursorOf(await gqlOk<Record<string, unknown>>(service, LISTS.applications, { orderBy: { field: 'CREATED_AT' } }));
    const oldFormat = base64url(JSON.stringify(['CREATED_AT', '2026-02-30 10:00:00+00', '7f1c1b7e-2a4c-4d53-9f7e-0a1b2c3d4e5f']));
    for (const after of [oldFormat, tampered(byCreation, 0, '2026-02-30 10:00:00+00'), tampered(byCreation, 1, 'not-a-uuid')]) {
      const response = await page('applications', after, { orderBy: { field: 'CREATED_AT' } });
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it.each(['advisories', 'releaseImpact'] as const)('%s refuses garbage and a bare key instead of paging from where it sorts', async (list) => {
    for (const after of ['garbage', 'a1', 'PYPE-2026-0001', base64url('{"list":"x"}'), tampered(cursors[list], 0, 'x'.repeat(300))]) {
      expect(failure(await page(list, after))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('bounds first on every list, top-level and under an application, naming first', async () => {
    const bounded = [
      ['auditLog', 'auditLog(first: $first) { totalCount }', 100],
      ['inventoryAuditLog', 'inventoryAuditLog(first: $first) { totalCount }', 100],
      ['applications', 'applications(first: $first) { totalCount }', 200],
      ['advisories', 'advisories(first: $first) { totalCount }', 100],
      ['releaseImpact', 'releaseImpact(version: "37.22.0", first: $first) { totalApplications }', 500],
      ['auditEvents', 'application(slug: "a1") { auditEvents(first: $first) { totalCount } }', 100],
      ['deploymentHistory', 'application(slug: "a1") { deploymentHistory(first: $first) { totalCount } }', 200],
      ['snapshots', 'application(slug: "a1") { snapshots(first: $first) { totalCount } }', 100],
    ] as const;
    for (const [list, selection, max] of bounded) {
      const query = `query($first: Int!) { ${selection} }`;
      for (const first of [0, max + 1]) {
        const response = await service.gql(query, { first }, BOOTSTRAP_TOKEN);
        expect(failure(response), `${list}(first: ${first})`).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
      }
      expect((await service.gql(query, { first: max }, BOOTSTRAP_TOKEN)).errors, `${list}(first: ${max})`).toBeUndefined();
    }
  });

  it('refuses a cursor of any other list, saying whose it is', async () => {
    const lists = Object.keys(LISTS) as List[];
    for (const list of lists) {
      for (const other of lists.filter((candidate) => candidate !== list)) {
        const response = await page(list, cursors[other]);
        expect(failure(response), `${other}'s cursor given to ${list}`).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
        expect(response.errors![0].message).toContain(`cursor of another list (${other})`);
      }
    }
  });
});
