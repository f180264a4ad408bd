import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { createApplication, createGroup, createUser, gqlOk, recordDeployment, SET_MANAGED_DEPARTMENTS } from '../applications/support';
import { runMigrationsSweep } from '../migration-tracking/support';
import { startTestService, type TestService } from '../setup/test-app';

const CREATE_FEED_TOKEN = `mutation($name: String!) { createFeedToken(input: { name: $name }) { token feedToken { id } } }`;

function eventsOf(text: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
}

describe('/calendar/migrations.ics', () => {
  let service: TestService;
  let developerApiToken: string;
  let developerFeed: { token: string; feedToken: { id: string } };
  let managerFeed: string;
  const calendar = (query: string, headers: Record<string, string> = {}) => fetch(`${service.url}/calendar/migrations.ics?${query}`, { headers });

  beforeAll(async () => {
    service = await startTestService({ now: '2018-10-01T15:00:00Z', env: { PUBLIC_URL: 'https://pype.example.edu' } });
    await seedCatalog(service.dataSource, new Date('2018-01-01T12:00:00Z'));
    developerApiToken = await createUser(service, 'dev-a@example.edu', [Role.DEVELOPER]);
    const managerApiToken = await createUser(service, 'manager@example.edu', [Role.MANAGER]);
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: 'manager@example.edu', allDepartments: true });
    await createGroup(service, 'team-a', [], ['dev-a@example.edu']);
    await createGroup(service, 'team-b');
    await createApplication(service, { slug: 'grades', group: 'team-a', department: 'Registrar' });
    await createApplication(service, { slug: 'catalog', group: 'team-b', department: 'Library' });
    await createApplication(service, { slug: 'loans', group: 'team-b', department: 'Library' });
    for (const application of ['grades', 'catalog', 'loans']) {
      await recordDeployment(service, { application, environment: 'PROD', runtime: '36.20.0', deployedAt: '2018-01-10T12:00:00Z' });
    }
    // 36.20.0 entered its notice window on 2018-07-31: the sweep opens a migration for each app.
    expect((await runMigrationsSweep(service, '2018-10-01')).migrationsOpened).toBe(3);
    developerFeed = (await gqlOk(service, CREATE_FEED_TOKEN, { name: 'Outlook' }, developerApiToken)).createFeedToken;
    managerFeed = (await gqlOk(service, CREATE_FEED_TOKEN, { name: 'Outlook' }, managerApiToken)).createFeedToken.token;
  });
  afterAll(async () => service.close());

  it('lists the deadlines its owner may see, with what remains, and the maintenance windows', async () => {
    const response = await calendar(`token=${developerFeed.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    const text = await response.text();
    expect(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('America/Chicago');
    const events = eventsOf(text);
    const deadlines = events.filter((event) => event.uid.startsWith('migration-deadline-'));
    // The developer sees team-a's app only.
    expect(deadlines.map((event) => [event.uid, event.startDate.toString(), event.summary])).toEqual([
      ['migration-deadline-36.20.0-department-Registrar@pype.example.edu', '2019-03-31', 'PyPE 36.20.0 end of support: Registrar, 1 of 1 app still to migrate'],
    ]);
    expect(events.filter((event) => event.uid.startsWith('maintenance-')).length).toBeGreaterThan(80);
  });

  it('groups by department or group for a manager, and narrows to one', async () => {
    const byDepartment = eventsOf(await (await calendar(`token=${managerFeed}`)).text()).filter((event) => event.uid.startsWith('migration-deadline-'));
    expect(byDepartment.map((event) => event.summary).sort()).toEqual([
      'PyPE 36.20.0 end of support: Library, 2 of 2 apps still to migrate',
      'PyPE 36.20.0 end of support: Registrar, 1 of 1 app still to migrate',
    ]);
    const byGroup = eventsOf(await (await calendar(`token=${managerFeed}&by=GROUP`)).text()).filter((event) => event.uid.startsWith('migration-deadline-'));
    expect(byGroup.map((event) => event.uid).sort()).toEqual([
      'migration-deadline-36.20.0-group-team-a@pype.example.edu',
      'migration-deadline-36.20.0-group-team-b@pype.example.edu',
    ]);
    const library = eventsOf(await (await calendar(`token=${managerFeed}&department=Library`)).text()).filter((event) =>
      event.uid.startsWith('migration-deadline-'),
    );
    expect(library.map((event) => event.uid)).toEqual(['migration-deadline-36.20.0-department-Library@pype.example.edu']);
  });

  it('answers 304 to a client that has the calendar', async () => {
    const first = await calendar(`token=${developerFeed.token}`);
    const again = await calendar(`token=${developerFeed.token}`, { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('refuses unknown filters, naming the parameter', async () => {
    for (const [query, field] of [
      [`token=${managerFeed}&by=TEAM`, 'by'],
      [`token=${managerFeed}&department=Nowhere`, 'department'],
      [`token=${developerFeed.token}&department=Library`, 'department'],
      [`token=${managerFeed}&group=no-such-group`, 'group'],
    ]) {
      const response = await calendar(query);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('needs a valid feed token, never an API token', async () => {
    const missing = await calendar('');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('feed token') });
    const apiToken = await calendar(`token=${developerApiToken}`);
    expect(apiToken.status).toBe(401);
    expect(((await apiToken.json()) as any).message).toContain('never an API token');
    expect((await calendar('token=pypefeed_unknown')).status).toBe(401);

    await gqlOk(service, `mutation($id: ID!) { revokeFeedToken(id: $id) { id } }`, { id: developerFeed.feedToken.id }, developerApiToken);
    const revoked = await calendar(`token=${developerFeed.token}`);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as any).message).toContain('has been revoked');
  });
});
