/**
 * Deprecation notices through GraphQL on the real service and database: who gets a milestone
 * digest, exactly once (even with three sweeps at once), catch-up after downtime, escalation to
 * managers, acknowledgement, preferences, pausing, and the bad inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import {
  LEGACY_REQUIREMENTS,
  SET_GROUP_MEMBER,
  SET_MANAGED_DEPARTMENTS,
  createApplication,
  createGroup,
  failure,
  gqlOk,
  recordDeployment,
  submitRequirements,
} from '../applications/support';
import { ACKNOWLEDGE, MY_PREFERENCES, PAUSE, PAUSES, RESUME, RUN_SWEEP, SET_PREFERENCES, myNotices, noticeRows, recordRows, sweep } from './support';

const PUBLIC_URL = 'https://pype.example.edu';

describe('deprecation notices', () => {
  let service: TestService;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestService({ now: '2019-08-01T15:00:00Z', env: { PUBLIC_URL } });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    for (const [name, roles] of [
      ['dev1', [Role.DEVELOPER]],
      ['dev2', [Role.DEVELOPER]],
      ['dev3', [Role.DEVELOPER]],
      ['outsider', [Role.DEVELOPER]],
      ['managerAll', [Role.MANAGER]],
      ['managerRegistrar', [Role.MANAGER]],
      ['managerLibrary', [Role.MANAGER]],
    ] as const) {
      tokens[name] = await service.tokenFor([...roles], `${name.toLowerCase()}@example.edu`);
    }
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: 'managerall@example.edu', allDepartments: true });
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: 'managerregistrar@example.edu', departments: ['Registrar'] });
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: 'managerlibrary@example.edu', departments: ['Library'] });
    await createGroup(service, 'team-a', ['dev1@example.edu'], ['dev2@example.edu']);
    await createGroup(service, 'team-b', ['dev3@example.edu']);
    await createApplication(service, { slug: 'a1', group: 'team-a', department: 'Registrar', contacts: ['contact@example.edu'] });
    await createApplication(service, { slug: 'a2', group: 'team-a', department: 'Registrar' });
    await createApplication(service, { slug: 'b1', group: 'team-b', department: 'Library', contacts: ['dev1@example.edu'] });
    await createApplication(service, { slug: 'moved', group: 'team-b', department: 'Library' });
    await recordDeployment(service, { application: 'a1', environment: 'PROD', runtime: '36.11.0' });
    await recordDeployment(service, { application: 'a1', environment: 'QUAL', runtime: '36.11.0' });
    await recordDeployment(service, { application: 'a2', environment: 'QUAL', runtime: '36.11.0' });
    await recordDeployment(service, { application: 'a2', environment: 'PROD', runtime: '37.22.0' });
    await recordDeployment(service, { application: 'b1', environment: 'PROD', runtime: '36.11.0' });
    await recordDeployment(service, { application: 'moved', environment: 'PROD', runtime: '37.22.0' });
    await submitRequirements(service, 'a1', [{ path: 'requirements.txt', content: 'requests==2.21.0\n' }]);
    await submitRequirements(service, 'a2', [{ path: 'requirements.txt', content: LEGACY_REQUIREMENTS }]);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('sends nothing before the first milestone (240 days before 2020-03-31 is 2019-08-04)', async () => {
    expect(await sweep(service, '2019-08-03')).toEqual({ asOf: '2019-08-03', noticesCreated: 0, deliveriesQueued: 0 });
    expect(await noticeRows(service)).toEqual([]);
  });

  it('sends one digest per person when the milestone is crossed, even with three sweeps at once', async () => {
    const results = await Promise.all([0, 1, 2].map(() => sweep(service, '2019-08-04')));
    expect(results.reduce((total, result) => total + result.noticesCreated, 0)).toBe(4);
    // One e-mail per digest (everyone wants e-mail by default; team-a and team-b have no webhooks).
    expect(results.reduce((total, result) => total + result.deliveriesQueued, 0)).toBe(4);
    expect(await noticeRows(service)).toEqual([
      {
        recipient: 'contact@example.edu',
        kind: 'MILESTONE',
        milestone: 240,
        apps: ['a1'],
        subject: '[PyPE] 36.11.0 loses support on 2020-03-31: your app a1 must move to 37.22.0',
      },
      {
        recipient: 'dev1@example.edu',
        kind: 'MILESTONE',
        milestone: 240,
        apps: ['a1', 'a2', 'b1'],
        subject: '[PyPE] 36.11.0 loses support on 2020-03-31: 3 of your apps must move to 37.22.0',
      },
      {
        recipient: 'dev2@example.edu',
        kind: 'MILESTONE',
        milestone: 240,
        apps: ['a1', 'a2'],
        subject: '[PyPE] 36.11.0 loses support on 2020-03-31: 2 of your apps must move to 37.22.0',
      },
      {
        recipient: 'dev3@example.edu',
        kind: 'MILESTONE',
        milestone: 240,
        apps: ['b1'],
        subject: '[PyPE] 36.11.0 loses support on 2020-03-31: your app b1 must move to 37.22.0',
      },
    ]);
    expect(await recordRows(service)).toEqual([
      { app: 'a1', version: '36.11.0', milestone: 240, status: 'SENT' },
      { app: 'a2', version: '36.11.0', milestone: 240, status: 'SENT' },
      { app: 'b1', version: '36.11.0', milestone: 240, status: 'SENT' },
    ]);
  });

  it('shows a user their digest in-app: environments, deadline, target readiness from the latest scan, links', async () => {
    const [notice] = await myNotices(service, tokens.dev2);
    expect(notice).toMatchObject({
      kind: 'MILESTONE',
      milestoneDays: 240,
      release: { version: '36.11.0' },
      deadline: '2020-03-31',
      acknowledgedAt: null,
    });
    const [a1, a2] = notice.applications;
    expect(a1).toEqual({
      slug: 'a1',
      name: 'A1',
      department: 'Registrar',
      group: 'team-a',
      environments: ['QUAL', 'PROD'],
      blockers: 0,
      url: `${PUBLIC_URL}/apps/a1`,
    });
    expect(a2.environments).toEqual(['QUAL']);
    expect(a2.blockers).toBeGreaterThan(0);
    expect(notice.body).toContain('A1 (a1) in QUAL, PROD: ready for 37.22.0 (no blockers in the latest scan)');
    expect(notice.body).toContain(`${PUBLIC_URL}/apps/a2`);
    expect(notice.body).toMatch(/A2 \(a2\) in QUAL: \d+ blockers? for 37\.22\.0 in the latest scan/);
    expect(notice.bodyHtml).toContain(`<a href="${PUBLIC_URL}/apps/a1">A1</a>`);
    // The contact without an account has no in-app list; an unrelated developer sees nothing.
    expect(await myNotices(service, tokens.outsider)).toEqual([]);
  });

  it('makes nothing on a second sweep for the same day', async () => {
    expect(await sweep(service, '2019-08-04')).toMatchObject({ noticesCreated: 0 });
    expect(await noticeRows(service)).toHaveLength(4);
  });

  it('catches up after downtime with the latest milestone only, recording the missed ones as superseded', async () => {
    // Down from before the 180-day milestone (2019-10-03) until after the 30-day one (2020-03-01).
    const result = await sweep(service, '2020-03-02');
    expect(result.noticesCreated).toBe(4);
    const rows = (await noticeRows(service)).filter((row) => row.milestone === 30);
    expect(rows.map((row) => row.recipient)).toEqual(['contact@example.edu', 'dev1@example.edu', 'dev2@example.edu', 'dev3@example.edu']);
    expect((await recordRows(service)).filter((row) => row.app === 'a1')).toEqual([
      { app: 'a1', version: '36.11.0', milestone: 240, status: 'SENT' },
      { app: 'a1', version: '36.11.0', milestone: 180, status: 'SUPERSEDED' },
      { app: 'a1', version: '36.11.0', milestone: 90, status: 'SUPERSEDED' },
      { app: 'a1', version: '36.11.0', milestone: 30, status: 'SENT' },
    ]);
  });

  it("refuses to acknowledge someone else's notice (NOT_FOUND, nothing changed) and a malformed id", async () => {
    const [notice] = await myNotices(service, tokens.dev2);
    const other = await service.gql(ACKNOWLEDGE, { id: notice.id }, tokens.dev3);
    expect(failure(other)).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect((await myNotices(service, tokens.dev2))[0].acknowledgedAt).toBeNull();
    expect(failure(await service.gql(ACKNOWLEDGE, { id: 'not-a-uuid' }, tokens.dev2)).code).toBe('BAD_USER_INPUT');
    expect(failure(await service.gql(ACKNOWLEDGE, { id: notice.id }, null)).code).toBe('UNAUTHENTICATED');
  });

  it('acknowledges a notice once and lists unread ones', async () => {
    service.clock.set('2020-03-03T16:00:00Z');
    const [latest] = await myNotices(service, tokens.dev2, true);
    expect(latest.milestoneDays).toBe(30);
    const acknowledged = (await gqlOk(service, ACKNOWLEDGE, { id: latest.id }, tokens.dev2)).acknowledgeNotice;
    expect(acknowledged).toEqual({ id: latest.id, kind: 'MILESTONE', acknowledgedAt: '2020-03-03T16:00:00.000Z' });
    service.clock.set('2020-03-04T16:00:00Z');
    expect((await gqlOk(service, ACKNOWLEDGE, { id: latest.id }, tokens.dev2)).acknowledgeNotice.acknowledgedAt).toBe('2020-03-03T16:00:00.000Z');
    const unread = await myNotices(service, tokens.dev2, true);
    expect(unread.map((notice) => notice.milestoneDays)).toEqual([240]);
  });

  it('escalates an unacknowledged 30-day notice once, after NOTICE_ESCALATION_DAYS, to the managers of the department', async () => {
    // Recorded on 2020-03-02; escalation is due on 2020-03-09. team-a acknowledged (dev2), team-b did not.
    expect(await sweep(service, '2020-03-08')).toMatchObject({ noticesCreated: 0 });
    const due = await sweep(service, '2020-03-09');
    const escalations = (await noticeRows(service)).filter((row) => row.kind === 'ESCALATION');
    expect(due.noticesCreated, JSON.stringify(escalations)).toBe(2);
    expect(escalations.map(({ recipient, apps }) => ({ recipient, apps }))).toEqual([
      { recipient: 'managerall@example.edu', apps: ['b1'] },
      { recipient: 'managerlibrary@example.edu', apps: ['b1'] },
    ]);
    expect(escalations[0].subject).toBe('[PyPE] Escalation: b1 has not acknowledged the 30-day notice for 36.11.0 (end of support 2020-03-31)');
    // The managers also get the Library's at-risk and overdue migrations (b1's, opened by the sweep, deadline in 22 days).
    const bodies = await service.dataSource.query<{ text: string; html: string }[]>(
      `SELECT body_text AS text, body_html AS html FROM notices WHERE kind = 'ESCALATION' ORDER BY recipient_email`,
    );
    expect(bodies).toHaveLength(2);
    for (const { text, html } of bodies) {
      expect(text).toContain('At-risk and overdue migrations in Library (1):\n- b1: 36.11.0 → 37.22.0, deadline 2020-03-31, NOT_STARTED, AT_RISK\n');
      expect(html).toContain(
        '<p>At-risk and overdue migrations in Library (1):</p>\n<ul>\n<li>b1: 36.11.0 → 37.22.0, deadline 2020-03-31, NOT_STARTED, AT_RISK</li>\n</ul>',
      );
      expect(text).not.toContain('Registrar');
    }
    const [inApp] = await myNotices(service, tokens.managerLibrary);
    expect(inApp).toMatchObject({ kind: 'ESCALATION', milestoneDays: 30, applications: [{ slug: 'b1', group: 'team-b' }] });
    expect(await myNotices(service, tokens.managerRegistrar)).toEqual([]);
    expect(await sweep(service, '2020-03-10')).toMatchObject({ noticesCreated: 0 });
  });

  it('lets users read and change their own delivery preferences; without digests they get one notice per app', async () => {
    expect((await gqlOk(service, MY_PREFERENCES, {}, tokens.dev1)).myNoticePreferences).toEqual({ emailEnabled: true, digest: true });
    expect((await gqlOk(service, SET_PREFERENCES, { input: { digest: false } }, tokens.dev1)).setMyNoticePreferences).toEqual({
      emailEnabled: true,
      digest: false,
    });
    expect((await gqlOk(service, SET_PREFERENCES, { input: { emailEnabled: false } }, tokens.dev1)).setMyNoticePreferences).toEqual({
      emailEnabled: false,
      digest: false,
    });
    expect((await gqlOk(service, MY_PREFERENCES, {}, tokens.dev2)).myNoticePreferences).toEqual({ emailEnabled: true, digest: true });
    expect(failure(await service.gql(SET_PREFERENCES, { input: { digest: 'yes' } }, tokens.dev1)).code).toBe('BAD_USER_INPUT');

    expect(await sweep(service, '2020-03-24')).toMatchObject({ noticesCreated: 6 });
    const sevenDay = (await noticeRows(service)).filter((row) => row.milestone === 7);
    expect(sevenDay.filter((row) => row.recipient === 'dev1@example.edu').map((row) => row.apps)).toEqual([['a1'], ['a2'], ['b1']]);
    expect(sevenDay.filter((row) => row.recipient === 'dev2@example.edu').map((row) => row.apps)).toEqual([['a1', 'a2']]);
  });

  it('lets admins pause and resume notices for a release, recorded with the reason; resuming catches up', async () => {
    const paused = (await gqlOk(service, PAUSE, { input: { version: '36.11.0', reason: 'End of support under review' } })).pauseReleaseNotices;
    expect(paused).toMatchObject({ release: '36.11.0', reason: 'End of support under review', pausedBy: 'bootstrap-admin' });
    expect(failure(await service.gql(PAUSE, { input: { version: '36.11.0', reason: 'again' } }, BOOTSTRAP_TOKEN))).toEqual({
      code: 'CONFLICT',
      field: 'version',
    });
    expect(failure(await service.gql(PAUSE, { input: { version: '36.11.0', reason: 'mine' } }, tokens.dev1)).code).toBe('FORBIDDEN');
    expect(failure(await service.gql(PAUSE, { input: { version: '99.1.0', reason: 'none' } }, BOOTSTRAP_TOKEN)).code).toBe('NOT_FOUND');
    expect(failure(await service.gql(PAUSE, { input: { version: '37.22.0', reason: '   ' } }, BOOTSTRAP_TOKEN)).code).toBe('BAD_USER_INPUT');
    expect((await gqlOk(service, PAUSES)).noticePauses).toEqual([{ release: '36.11.0', reason: 'End of support under review', pausedBy: 'bootstrap-admin' }]);

    expect(await sweep(service, '2020-03-31')).toMatchObject({ noticesCreated: 0 });
    expect((await gqlOk(service, RESUME, { input: { version: '36.11.0', reason: 'Date confirmed' } })).resumeReleaseNotices).toEqual({
      release: '36.11.0',
      reason: 'End of support under review',
    });
    expect(failure(await service.gql(RESUME, { input: { version: '36.11.0' } }, BOOTSTRAP_TOKEN))).toEqual({ code: 'CONFLICT', field: 'version' });
    const audit = await service.dataSource.query(`SELECT action, reason FROM release_audit_events WHERE action LIKE 'NOTICES_%' ORDER BY id`);
    expect(audit).toEqual([
      { action: 'NOTICES_PAUSED', reason: 'End of support under review' },
      { action: 'NOTICES_RESUMED', reason: 'Date confirmed' },
    ]);
    const resumed = await sweep(service, '2020-04-02');
    expect(resumed.noticesCreated).toBeGreaterThan(0);
    const dayOf = (await noticeRows(service)).filter((row) => row.milestone === 0);
    expect(dayOf.find((row) => row.recipient === 'dev2@example.edu')?.subject).toBe(
      '[PyPE] 36.11.0 reached end of support on 2020-03-31: 2 of your apps must move to 37.22.0',
    );
  });

  it('refuses an asOf that is not a date and callers who are not admins, changing nothing', async () => {
    const before = await noticeRows(service);
    for (const asOf of ['2020-02-30', 'tomorrow', '2020-3-1']) {
      const response = await service.gql(RUN_SWEEP, { asOf }, BOOTSTRAP_TOKEN);
      expect(failure(response).code).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toContain('YYYY-MM-DD');
    }
    expect(failure(await service.gql(`mutation { runLifecycleSweep(asOf: "2020-13-01") { asOf } }`, {}, BOOTSTRAP_TOKEN)).code).toBe('BAD_USER_INPUT');
    expect(failure(await service.gql(RUN_SWEEP, { asOf: '2020-04-03' }, tokens.dev1)).code).toBe('FORBIDDEN');
    expect(failure(await service.gql(RUN_SWEEP, { asOf: '2020-04-03' }, tokens.managerAll)).code).toBe('FORBIDDEN');
    expect(failure(await service.gql(RUN_SWEEP, { asOf: '2020-04-03' }, null)).code).toBe('UNAUTHENTICATED');
    expect(await noticeRows(service)).toEqual(before);
  });

  it('prices a sweep so that one request cannot alias dozens of them', async () => {
    const aliased = Array.from({ length: 45 }, (_, index) => `s${index}: runLifecycleSweep(asOf: "2020-04-03") { noticesCreated }`).join(' ');
    const response = await service.gql(`mutation { ${aliased} }`, {}, BOOTSTRAP_TOKEN);
    expect(response.errors?.[0]?.message).toMatch(/cost/i);
    expect(response.data ?? null).toBeNull();
  });

  it('reports notices made and the last sweep on /metrics', async () => {
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    const created = (kind: string) => Number(new RegExp(`^pype_notices_created_total\\{kind="${kind}"\\} (\\d+)`, 'm').exec(metrics)?.[1]);
    const rows = await noticeRows(service);
    expect(created('MILESTONE')).toBe(rows.filter((row) => row.kind === 'MILESTONE').length);
    expect(created('ESCALATION')).toBe(rows.filter((row) => row.kind === 'ESCALATION').length);
    expect(created('ESCALATION')).toBeGreaterThan(0);
    expect(created('WAIVER_EXPIRED')).toBe(0);
    const lastRun = Number(/^pype_lifecycle_sweep_last_run_timestamp_seconds (\S+)/m.exec(metrics)?.[1]);
    expect(lastRun).toBe(service.clock.now().getTime() / 1000);
    expect(Number(/^pype_lifecycle_sweep_last_duration_seconds (\S+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
  });

  it('sweeps today on campus when asOf is left out', async () => {
    // 04:30 UTC on 5 April 2020 is still the 4th in Chicago.
    service.clock.set('2020-04-05T04:30:00Z');
    expect((await gqlOk(service, RUN_SWEEP, {}, BOOTSTRAP_TOKEN)).runLifecycleSweep.asOf).toBe('2020-04-04');
  });

  it('adds a group member to later notices', async () => {
    await gqlOk(service, SET_GROUP_MEMBER, { input: { group: 'team-b', email: 'outsider@example.edu', role: 'MEMBER' } });
    await recordDeployment(service, {
      application: 'moved',
      environment: 'TEST',
      runtime: '36.11.0',
      deployedAt: '2020-04-05T00:00:00Z',
      overrideReason: 'Reproducing a bug on the old runtime',
    });
    // 'moved' now runs 36.11.0 in TEST: it catches up with the day-of notice only.
    await sweep(service, '2020-04-06');
    const [notice] = await myNotices(service, tokens.outsider);
    expect(notice).toMatchObject({ milestoneDays: 0, applications: [{ slug: 'moved', environments: ['TEST'] }] });
  });
});
