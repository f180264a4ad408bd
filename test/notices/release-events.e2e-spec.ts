/**
 * Catalog events tell people at once, inside the catalog's own transaction: a published release
 * goes to every developer and the announcement list, a moved end of support to everyone who
 * would get the release's milestone notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { createApplication, createGroup, gqlOk, recordDeployment } from '../applications/support';
import { SET_PREFERENCES, myNotices, noticeRows, recordRows, sweep } from './support';

const PUBLISH = `mutation($input: PublishReleaseInput!) { publishRelease(input: $input) { version } }`;
const CHANGE = `mutation($input: ChangeEndOfSupportInput!) { changeEndOfSupport(input: $input) { version endOfSupport } }`;
const NEW_LTS = {
  version: '38.30.0',
  pythonVersion: '3.8.0',
  track: 'LTS',
  generalAvailability: '2020-04-01',
  endOfSupport: '2023-03-31',
  packages: [{ name: 'Django', version: '2.2.4' }],
  migrationTarget: null,
  notes: 'Python 3.8 LTS',
};

async function deliveries(service: TestService, subjectLike: string): Promise<{ channel: string; target: string }[]> {
  return service.dataSource.query(`SELECT channel, target FROM notice_deliveries WHERE subject LIKE $1 ORDER BY target`, [subjectLike]);
}

describe('notices for catalog events', () => {
  let service: TestService;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestService({
      now: '2019-08-01T15:00:00Z',
      env: { NOTICE_ANNOUNCE_TO: 'pype-announce@example.edu', PUBLIC_URL: 'https://pype.example.edu' },
    });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    tokens.dev1 = await service.tokenFor([Role.DEVELOPER], 'dev1@example.edu');
    tokens.dev2 = await service.tokenFor([Role.DEVELOPER], 'dev2@example.edu');
    tokens.manager = await service.tokenFor([Role.MANAGER], 'manager@example.edu');
    await gqlOk(service, SET_PREFERENCES, { input: { emailEnabled: false } }, tokens.dev2);
    await createGroup(service, 'team-a', ['dev1@example.edu']);
    await createApplication(service, { slug: 'a1', group: 'team-a', department: 'Registrar', contacts: ['contact@example.edu'] });
    await recordDeployment(service, { application: 'a1', environment: 'PROD', runtime: '36.11.0' });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('tells every developer and the announcement list that a release was published', async () => {
    await gqlOk(service, PUBLISH, { input: NEW_LTS }, BOOTSTRAP_TOKEN);
    const subject = '[PyPE] 38.30.0 published: Python 3.8.0 (LTS), supported 2020-04-01 to 2023-03-31';
    expect(await noticeRows(service)).toEqual([
      { recipient: 'dev1@example.edu', kind: 'RELEASE_PUBLISHED', milestone: null, apps: [], subject },
      { recipient: 'dev2@example.edu', kind: 'RELEASE_PUBLISHED', milestone: null, apps: [], subject },
    ]);
    const [inApp] = await myNotices(service, tokens.dev1);
    expect(inApp).toMatchObject({ kind: 'RELEASE_PUBLISHED', release: { version: '38.30.0' }, deadline: '2023-03-31' });
    expect(inApp.body).toContain('https://pype.example.edu/releases/38.30.0');
    expect(await myNotices(service, tokens.manager)).toEqual([]);
    // dev2 turned e-mail off: in-app only.
    expect(await deliveries(service, '[PyPE] 38.30.0 published%')).toEqual([
      { channel: 'EMAIL', target: 'dev1@example.edu' },
      { channel: 'EMAIL', target: 'pype-announce@example.edu' },
    ]);
  });

  it('tells no one when publishing is refused (the notices roll back with it)', async () => {
    const before = await noticeRows(service);
    const response = await service.gql(PUBLISH, { input: NEW_LTS }, BOOTSTRAP_TOKEN);
    expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await noticeRows(service)).toEqual(before);
  });

  it('tells everyone who would get milestone notices at once when an end of support moves', async () => {
    service.clock.set('2019-08-02T15:00:00Z');
    await gqlOk(service, CHANGE, { input: { version: '36.11.0', endOfSupport: '2020-06-30', reason: 'Extended for the spring term' } }, BOOTSTRAP_TOKEN);
    const moved = (await noticeRows(service)).filter((row) => row.kind === 'END_OF_SUPPORT_CHANGED');
    const subject = '[PyPE] 36.11.0 end of support moved later: now 2020-06-30 (was 2020-03-31); your app a1 must move to 37.22.0';
    expect(moved).toEqual([
      { recipient: 'contact@example.edu', kind: 'END_OF_SUPPORT_CHANGED', milestone: null, apps: ['a1'], subject },
      { recipient: 'dev1@example.edu', kind: 'END_OF_SUPPORT_CHANGED', milestone: null, apps: ['a1'], subject },
    ]);
    const [latest] = await myNotices(service, tokens.dev1);
    expect(latest.body).toContain('Why: Extended for the spring term');
    expect(latest.deadline).toBe('2020-06-30');
    expect(await deliveries(service, '[PyPE] 36.11.0 end of support moved%')).toEqual([
      { channel: 'EMAIL', target: 'contact@example.edu' },
      { channel: 'EMAIL', target: 'dev1@example.edu' },
    ]);
  });

  it('counts later milestones from the new end of support', async () => {
    // 30 days before the old date; under the new one (2020-06-30) only 240 and 180 are crossed.
    await sweep(service, '2020-03-02');
    expect(await recordRows(service)).toEqual([
      { app: 'a1', version: '36.11.0', milestone: 240, status: 'SUPERSEDED' },
      { app: 'a1', version: '36.11.0', milestone: 180, status: 'SENT' },
    ]);
  });
});
