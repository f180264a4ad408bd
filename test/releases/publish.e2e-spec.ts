import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, errorCode, startTestService, type TestService } from '../setup/test-app';

const PUBLISH = `mutation($input: PublishReleaseInput!) {
  publishRelease(input: $input) { version pythonVersion track state status generalAvailability endOfSupport noticeStart
    migrationTarget { version } packages { name version } notes }
}`;

// "Today" in these tests is 2026-11-22 on campus; the 8-month notice reaches 2027-07-22.
const NEW_LTS = {
  version: '311.30.0',
  pythonVersion: '3.11.9',
  track: 'LTS',
  generalAvailability: '2027-01-04',
  endOfSupport: '2029-12-31',
  packages: [
    { name: 'Django', version: '4.2.16' },
    { name: 'gunicorn', version: '23.0.0' },
  ],
  migrationTarget: null,
  notes: 'Python 3.11 LTS',
};

/** Everything a failed mutation must leave untouched. */
async function databaseState(service: TestService) {
  const [row] = await service.dataSource.query(`SELECT
    (SELECT count(*)::int FROM runtime_releases) AS releases,
    (SELECT count(*)::int FROM runtime_release_packages) AS packages,
    (SELECT count(*)::int FROM release_audit_events) AS audit,
    (SELECT revision FROM catalog_revision) AS revision,
    (SELECT string_agg(version || ':' || state || ':' || end_of_support, ',' ORDER BY version) FROM runtime_releases) AS rows`);
  return row;
}

describe('publishing and editing releases', () => {
  let service: TestService;
  let admin: string;
  let developer: string;
  let manager: string;

  beforeAll(async () => {
    service = await startTestService({ now: '2026-11-22T15:00:00Z' });
    await seedCatalog(service.dataSource, service.clock.now());
    admin = await service.tokenFor([Role.ADMIN]);
    developer = await service.tokenFor([Role.DEVELOPER]);
    manager = await service.tokenFor([Role.MANAGER]);
  });
  afterAll(async () => service.close());
  beforeEach(() => service.clock.set('2026-11-22T15:00:00Z'));

  describe('who may publish', () => {
    it.each([
      ['no token', null, 'UNAUTHENTICATED'],
      ['an unknown token', 'pype_not-a-real-token', 'UNAUTHENTICATED'],
    ])('refuses %s with %s and changes nothing', async (_label, token, code) => {
      const before = await databaseState(service);
      const response = await service.gql(PUBLISH, { input: NEW_LTS }, token);
      expect(errorCode(response)).toBe(code);
      expect(await databaseState(service)).toEqual(before);
    });

    it('refuses developers and managers with FORBIDDEN', async () => {
      for (const token of [developer, manager]) {
        const response = await service.gql(PUBLISH, { input: NEW_LTS }, token);
        expect(errorCode(response)).toBe('FORBIDDEN');
        expect(response.errors![0].message).toContain('ADMIN');
      }
    });

    it('refuses a malformed Authorization header even on public queries', async () => {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Token abc' },
        body: JSON.stringify({ query: '{ releases { version } }' }),
      });
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  it('creates and publishes in one step, canonicalising package names, and audits it', async () => {
    const response = await service.gql(PUBLISH, { input: NEW_LTS }, admin);
    expect(response.errors).toBeUndefined();
    expect(response.data!.publishRelease).toMatchObject({
      version: '311.30.0',
      state: 'PUBLISHED',
      status: 'ANTICIPATED',
      noticeStart: '2029-04-30',
      packages: [
        { name: 'django', version: '4.2.16' },
        { name: 'gunicorn', version: '23.0.0' },
      ],
    });
    const anonymous = await service.gql(`{ release(version: "311.30.0") { version state } }`);
    expect(anonymous.data!.release).toEqual({ version: '311.30.0', state: 'PUBLISHED' });
    const audit = await service.gql(`{ auditLog(version: "311.30.0") { totalCount edges { node { action actor after } } } }`, {}, admin);
    expect(audit.data!.auditLog.totalCount).toBe(1);
    expect(audit.data!.auditLog.edges[0].node.action).toBe('PUBLISHED');
    expect(audit.data!.auditLog.edges[0].node.actor).toMatch(/@example\.edu$/);
    expect(JSON.parse(audit.data!.auditLog.edges[0].node.after)).toMatchObject({ version: '311.30.0', endOfSupport: '2029-12-31' });
  });

  it('accepts the bootstrap admin token', async () => {
    const response = await service.gql(PUBLISH, { input: { ...NEW_LTS, version: '311.31.0', migrationTarget: null } }, BOOTSTRAP_TOKEN);
    expect(response.errors).toBeUndefined();
    expect(response.data!.publishRelease.version).toBe('311.31.0');
  });

  describe('bad input is refused with the right code and leaves the database as it was', () => {
    const cases: [string, Record<string, unknown>, string, string, RegExp][] = [
      ['an invalid version', { version: 'abc' }, 'BAD_USER_INPUT', 'version', /x\.y\.z/],
      ['a version whose Python does not match', { version: '310.1.0' }, 'BAD_USER_INPUT', 'version', /3\.11/],
      ['an invalid Python version', { version: '311.40.0', pythonVersion: 'three' }, 'BAD_USER_INPUT', 'pythonVersion', /three/],
      ['an existing version', { version: '37.22.0', pythonVersion: '3.7.3' }, 'CONFLICT', 'version', /already published/],
      ['an end before the start', { version: '311.41.0', endOfSupport: '2026-12-01' }, 'BAD_USER_INPUT', 'endOfSupport', /after/],
      ['an unknown migration target', { version: '311.42.0', migrationTarget: '399.1.0' }, 'BAD_USER_INPUT', 'migrationTarget', /399\.1\.0/],
      [
        'duplicate packages after canonicalisation',
        {
          version: '311.43.0',
          packages: [
            { name: 'Django', version: '4.2' },
            { name: 'django', version: '4.2.1' },
          ],
        },
        'BAD_USER_INPUT',
        'packages[1].name',
        /packages\[0\]/,
      ],
      [
        'an invalid package version',
        { version: '311.44.0', packages: [{ name: 'django', version: 'four' }] },
        'BAD_USER_INPUT',
        'packages[0].version',
        /PEP 440/,
      ],
      ['an invalid package name', { version: '311.45.0', packages: [{ name: '-bad-', version: '1.0' }] }, 'BAD_USER_INPUT', 'packages[0].name', /package name/],
      ['a window outside policy without a reason', { version: '311.46.0', track: 'STABLE' }, 'BAD_USER_INPUT', 'endOfSupport', /policyOverrideReason/],
      [
        'too little notice without a security reason',
        { version: '311.47.0', generalAvailability: '2026-12-01', endOfSupport: '2027-03-01', track: 'STABLE' },
        'BAD_USER_INPUT',
        'endOfSupport',
        /securityExceptionReason/,
      ],
      ['a missing required field', { version: '311.48.0', pythonVersion: null }, 'BAD_USER_INPUT', 'pythonVersion', /required/],
    ];
    it.each(cases)('%s', async (_label, override, code, field, message) => {
      const before = await databaseState(service);
      const response = await service.gql(PUBLISH, { input: { ...NEW_LTS, ...override } }, admin);
      expect(errorCode(response)).toBe(code);
      expect(response.errors![0].extensions!.field).toBe(field);
      expect(response.errors![0].message).toMatch(message);
      expect(await databaseState(service)).toEqual(before);
    });

    it('names the field for a wrong enum or date in the request itself', async () => {
      const response = await service.gql(PUBLISH, { input: { ...NEW_LTS, version: '311.49.0', generalAvailability: '2027-02-30' } }, admin);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toMatch(/generalAvailability|2027-02-30/);
    });
  });

  it('publishes outside the window with a policy override reason, and records the reason', async () => {
    const response = await service.gql(
      PUBLISH,
      { input: { ...NEW_LTS, version: '311.50.0', track: 'STABLE', policyOverrideReason: 'Bridge release until 312.x' } },
      admin,
    );
    expect(response.errors).toBeUndefined();
    const audit = await service.gql(`{ auditLog(version: "311.50.0") { edges { node { reason after } } } }`, {}, admin);
    const event = audit.data!.auditLog.edges[0].node;
    expect(event.reason).toContain('Bridge release until 312.x');
    expect(JSON.parse(event.after).overriddenViolations).toEqual(['LIFECYCLE_TOO_LONG']);
  });

  describe('changing the end of support', () => {
    const CHANGE = `mutation($input: ChangeEndOfSupportInput!) { changeEndOfSupport(input: $input) { version endOfSupport status } }`;

    it('refuses an earlier end inside the notice period without a security exception', async () => {
      const before = await databaseState(service);
      const response = await service.gql(CHANGE, { input: { version: '311.30.0', endOfSupport: '2027-05-01' } }, admin);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toContain('2027-07-22');
      expect(response.errors![0].extensions!.violations).toContainEqual(
        expect.objectContaining({ code: 'NOTICE_PERIOD_TOO_SHORT', requires: 'SECURITY_EXCEPTION_REASON' }),
      );
      expect(await databaseState(service)).toEqual(before);
    });

    it('accepts it with a security exception and audits before, after and why', async () => {
      const response = await service.gql(
        CHANGE,
        {
          input: {
            version: '311.30.0',
            endOfSupport: '2027-05-01',
            reason: 'CVE in the bundled OpenSSL cannot be patched',
            securityExceptionReason: 'CVE-2026-9999',
            policyOverrideReason: 'Short window forced by the CVE',
          },
        },
        admin,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.changeEndOfSupport).toEqual({ version: '311.30.0', endOfSupport: '2027-05-01', status: 'ANTICIPATED' });
      const audit = await service.gql(
        `{ auditLog(version: "311.30.0", actions: [END_OF_SUPPORT_CHANGED]) { edges { node { before after reason } } } }`,
        {},
        manager,
      );
      const event = audit.data!.auditLog.edges[0].node;
      expect(JSON.parse(event.before)).toEqual({ endOfSupport: '2029-12-31' });
      expect(JSON.parse(event.after).endOfSupport).toBe('2027-05-01');
      expect(event.reason).toContain('CVE-2026-9999');
    });

    it('moves it later without any reason', async () => {
      const response = await service.gql(CHANGE, { input: { version: '311.31.0', endOfSupport: '2030-02-28' } }, admin);
      expect(response.errors).toBeUndefined();
      expect(response.data!.changeEndOfSupport.endOfSupport).toBe('2030-02-28');
    });

    it('answers NOT_FOUND for an unknown release', async () => {
      const response = await service.gql(CHANGE, { input: { version: '99.0.0', endOfSupport: '2030-01-01' } }, admin);
      expect(errorCode(response)).toBe('NOT_FOUND');
    });
  });

  describe('drafts', () => {
    const CREATE = `mutation($input: CreateReleaseDraftInput!) { createReleaseDraft(input: $input) { version state } }`;
    const UPDATE = `mutation($input: UpdateReleaseDraftInput!) { updateReleaseDraft(input: $input) { version state notes migrationTarget { version } } }`;

    it('are visible to admins only', async () => {
      const created = await service.gql(CREATE, { input: { ...NEW_LTS, version: '312.1.0', pythonVersion: '3.12.7' } }, admin);
      expect(created.data!.createReleaseDraft).toEqual({ version: '312.1.0', state: 'DRAFT' });
      expect((await service.gql(`{ release(version: "312.1.0") { version } }`)).data!.release).toBeNull();
      expect((await service.gql(`{ release(version: "312.1.0") { version } }`, {}, developer)).data!.release).toBeNull();
      expect((await service.gql(`{ release(version: "312.1.0") { state } }`, {}, admin)).data!.release).toEqual({ state: 'DRAFT' });
      const listing = await service.gql(`{ releases { version } }`, {}, admin);
      expect(listing.data!.releases.map((r: any) => r.version)).not.toContain('312.1.0');
      const withDrafts = await service.gql(`{ releases(includeDrafts: true) { version } }`, {}, admin);
      expect(withDrafts.data!.releases.map((r: any) => r.version)).toContain('312.1.0');
      expect(errorCode(await service.gql(`{ releases(includeDrafts: true) { version } }`, {}, developer))).toBe('FORBIDDEN');
    });

    it('are edited field by field and refuse a migration cycle', async () => {
      await service.gql(CREATE, { input: { ...NEW_LTS, version: '312.2.0', pythonVersion: '3.12.7', migrationTarget: '312.1.0' } }, admin);
      const edited = await service.gql(UPDATE, { input: { version: '312.2.0', notes: 'edited' } }, admin);
      expect(edited.data!.updateReleaseDraft).toEqual({ version: '312.2.0', state: 'DRAFT', notes: 'edited', migrationTarget: { version: '312.1.0' } });
      const before = await databaseState(service);
      const cycle = await service.gql(UPDATE, { input: { version: '312.1.0', migrationTarget: '312.2.0' } }, admin);
      expect(errorCode(cycle)).toBe('BAD_USER_INPUT');
      expect(cycle.errors![0].extensions!.field).toBe('migrationTarget');
      expect(cycle.errors![0].message).toMatch(/312\.1\.0.*312\.2\.0.*312\.1\.0/);
      expect(await databaseState(service)).toEqual(before);
    });

    it('cannot be withdrawn while another release migrates to it', async () => {
      const response = await service.gql(`mutation { withdrawReleaseDraft(version: "312.1.0") }`, {}, admin);
      expect(errorCode(response)).toBe('CONFLICT');
    });

    it('refuses to publish a release whose migration target is still a draft', async () => {
      const response = await service.gql(PUBLISH, { input: { version: '312.2.0' } }, admin);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].extensions!.field).toBe('migrationTarget');
    });

    it('publish by version alone, keeping the draft fields', async () => {
      const first = await service.gql(PUBLISH, { input: { version: '312.1.0' } }, admin);
      expect(first.errors).toBeUndefined();
      expect(first.data!.publishRelease).toMatchObject({ version: '312.1.0', state: 'PUBLISHED', pythonVersion: '3.12.7' });
      const second = await service.gql(PUBLISH, { input: { version: '312.2.0', notes: 'final notes' } }, admin);
      expect(second.data!.publishRelease).toMatchObject({ state: 'PUBLISHED', notes: 'final notes', migrationTarget: { version: '312.1.0' } });
      const again = await service.gql(PUBLISH, { input: { version: '312.2.0' } }, admin);
      expect(errorCode(again)).toBe('CONFLICT');
    });

    it('are withdrawn, and an unknown draft is NOT_FOUND', async () => {
      await service.gql(CREATE, { input: { ...NEW_LTS, version: '312.3.0', pythonVersion: '3.12.7' } }, admin);
      const withdrawn = await service.gql(`mutation { withdrawReleaseDraft(version: "312.3.0") }`, {}, admin);
      expect(withdrawn.data!.withdrawReleaseDraft).toBe('312.3.0');
      expect((await service.gql(`{ release(version: "312.3.0") { version } }`, {}, admin)).data!.release).toBeNull();
      expect(errorCode(await service.gql(`mutation { withdrawReleaseDraft(version: "312.3.0") }`, {}, admin))).toBe('NOT_FOUND');
      expect(errorCode(await service.gql(`mutation { withdrawReleaseDraft(version: "37.22.0") }`, {}, admin))).toBe('CONFLICT');
    });

    it('refuses a duplicate draft version with CONFLICT', async () => {
      const response = await service.gql(CREATE, { input: { ...NEW_LTS, version: '311.30.0' } }, admin);
      expect(errorCode(response)).toBe('CONFLICT');
    });
  });

  it('previews policy violations without changing anything (admins only)', async () => {
    const before = await databaseState(service);
    const query = `query($input: PublishReleaseInput!) { releasePolicyCheck(input: $input) { code field requires message } }`;
    const response = await service.gql(query, { input: { ...NEW_LTS, version: '311.60.0', track: 'STABLE', endOfSupport: '2027-03-01' } }, admin);
    expect(response.errors).toBeUndefined();
    expect(response.data!.releasePolicyCheck.map((violation: any) => violation.code).sort()).toEqual(['LIFECYCLE_TOO_SHORT', 'NOTICE_PERIOD_TOO_SHORT']);
    const clean = await service.gql(query, { input: { ...NEW_LTS, version: '311.61.0' } }, admin);
    expect(clean.data!.releasePolicyCheck).toEqual([]);
    expect(errorCode(await service.gql(query, { input: { ...NEW_LTS, version: '311.62.0' } }, developer))).toBe('FORBIDDEN');
    expect(await databaseState(service)).toEqual(before);
  });

  describe('audit log', () => {
    it('pages newest first with cursors, for admins and managers only', async () => {
      const query = `query($after: String) { auditLog(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id action releaseVersion } } } }`;
      const first = await service.gql(query, {}, manager);
      expect(first.errors).toBeUndefined();
      const page1 = first.data!.auditLog;
      expect(page1.edges).toHaveLength(2);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const second = await service.gql(query, { after: page1.pageInfo.endCursor }, manager);
      const page2 = second.data!.auditLog;
      expect(Number(page2.edges[0].node.id)).toBeLessThan(Number(page1.edges[1].node.id));
      expect(page2.totalCount).toBe(page1.totalCount);
      expect(errorCode(await service.gql(query, {}, developer))).toBe('FORBIDDEN');
      expect(errorCode(await service.gql(query, {}))).toBe('UNAUTHENTICATED');
      expect(errorCode(await service.gql(query, { after: 'garbage' }, admin))).toBe('BAD_USER_INPUT');
      expect(errorCode(await service.gql(`{ auditLog(first: 500) { totalCount } }`, {}, admin))).toBe('BAD_USER_INPUT');
    });

    // Issue 13 item 11: managers read draft contents through the audit log while release/releases hide drafts.
    it('keeps drafts’ history (and their notes) from managers, as release and releases keep the drafts', async () => {
      const draft = { ...NEW_LTS, version: '313.1.0', pythonVersion: '3.13.1', notes: 'embargoed: CVE fix not yet public' };
      const created = await service.gql(`mutation($input: CreateReleaseDraftInput!) { createReleaseDraft(input: $input) { state } }`, { input: draft }, admin);
      expect(created.errors).toBeUndefined();
      await service.gql(`mutation { updateReleaseDraft(input: { version: "313.1.0", notes: "still embargoed" }) { state } }`, {}, admin);
      const log = `query($version: String, $actions: [AuditAction!]) {
        auditLog(version: $version, actions: $actions, first: 100) { totalCount edges { node { action releaseVersion before after } } } }`;

      expect((await service.gql(`{ release(version: "313.1.0") { version } }`, {}, manager)).data!.release).toBeNull();
      const managers = await service.gql(log, { version: '313.1.0' }, manager);
      expect(managers.errors).toBeUndefined();
      expect(managers.data!.auditLog).toEqual({ totalCount: 0, edges: [] });
      const everything = await service.gql(log, {}, manager);
      expect(JSON.stringify(everything.data!.auditLog)).not.toContain('embargoed');
      expect(everything.data!.auditLog.edges.map((edge: any) => edge.node.action)).not.toContain('DRAFT_CREATED');
      expect(errorCode(await service.gql(log, { actions: ['DRAFT_CREATED'] }, manager))).toBe('FORBIDDEN');

      const admins = await service.gql(log, { version: '313.1.0' }, admin);
      expect(admins.data!.auditLog.edges.map((edge: any) => edge.node.action)).toEqual(['DRAFT_UPDATED', 'DRAFT_CREATED']);
      expect(JSON.parse(admins.data!.auditLog.edges[1].node.after)).toMatchObject({ notes: 'embargoed: CVE fix not yet public' });
    });
  });
});
