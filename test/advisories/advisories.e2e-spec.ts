/**
 * OSV advisories through GraphQL: `importAdvisories` (admin only, validated, idempotent by id,
 * a later `modified` replaces, all or nothing), `advisory` and `advisories`, and their use by
 * scans (VULNERABLE, RUNTIME_VULNERABLE) on this replica and on another one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { codesOf, firstError, scanOk } from '../scanning/scan-support';
import { BOOTSTRAP_TOKEN, errorCode, startTestService, type TestService } from '../setup/test-app';
import { eventually } from '../setup/eventually';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const DJANGO_DOCUMENT = fixture('django-advisories.json');
const PYYAML_DOCUMENT = fixture('pyyaml-advisory.json');

const IMPORT = `mutation Import($document: String!) { importAdvisories(document: $document) { added updated unchanged } }`;
const ADVISORY = `query($id: String!) { advisory(id: $id) {
  id modified published withdrawn aliases summary details severity cvssScore
  affected { name versions ranges { type events { introduced fixed lastAffected limit } } }
  references { type url } } }`;
const LIST = `query($package: String, $first: Int, $after: String) {
  advisories(package: $package, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;

/** An advisory about the made-up package `widget`, affected from 1.0 until `fixed`. */
function widgetAdvisory(overrides: Record<string, unknown> = {}, fixed = '1.5.0'): Record<string, unknown> {
  return {
    id: 'PYPE-2026-0100',
    modified: '2026-01-10T00:00:00Z',
    summary: 'first version',
    affected: [{ package: { ecosystem: 'PyPI', name: 'Widget' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed }] }] }],
    database_specific: { severity: 'LOW' },
    ...overrides,
  };
}

async function importOk(service: TestService, document: string | object, token: string | null = BOOTSTRAP_TOKEN) {
  const response = await service.gql<{ importAdvisories: { added: string[]; updated: string[]; unchanged: string[] } }>(
    IMPORT,
    { document: typeof document === 'string' ? document : JSON.stringify(document) },
    token,
  );
  if (response.errors) throw new Error(`importAdvisories failed: ${JSON.stringify(response.errors)}`);
  return response.data!.importAdvisories;
}

async function storedState(service: TestService) {
  const [row] = await service.dataSource.query(`SELECT
    (SELECT count(*)::int FROM advisories) AS advisories,
    (SELECT revision FROM advisory_revision) AS revision,
    (SELECT string_agg(id || ':' || modified::text || ':' || coalesce(summary, ''), ',' ORDER BY id) FROM advisories) AS rows`);
  return row;
}

describe('advisories', () => {
  let service: TestService;
  let developer: string;
  let manager: string;
  let admin: string;

  beforeAll(async () => {
    service = await startTestService();
    await seedCatalog(service.dataSource, service.clock.now());
    developer = await service.tokenFor([Role.DEVELOPER]);
    manager = await service.tokenFor([Role.MANAGER]);
    admin = await service.tokenFor([Role.ADMIN]);
  });
  afterAll(async () => service.close());

  describe('who may import', () => {
    it.each([
      ['no token', null, 'UNAUTHENTICATED'],
      ['a developer', 'developer', 'FORBIDDEN'],
      ['a manager', 'manager', 'FORBIDDEN'],
    ])('refuses %s with %s and stores nothing', async (_label, who, code) => {
      const token = who === 'developer' ? developer : who === 'manager' ? manager : null;
      const before = await storedState(service);
      const response = await service.gql(IMPORT, { document: PYYAML_DOCUMENT }, token);
      expect(errorCode(response)).toBe(code);
      expect(await storedState(service)).toEqual(before);
    });

    it('lets anyone read advisories, like the catalog', async () => {
      const response = await service.gql(LIST, {}, null);
      expect(response.errors).toBeUndefined();
    });
  });

  describe('validation', () => {
    it.each([
      ['JSON that does not parse', '{"id": ', '(document)'],
      ['an advisory without id', JSON.stringify({ modified: '2026-01-01T00:00:00Z' }), 'id'],
      ['a modified time that is not RFC 3339', JSON.stringify(widgetAdvisory({ modified: '10 January 2026' })), 'modified'],
      ['a missing modified time', JSON.stringify(widgetAdvisory({ modified: undefined })), 'modified'],
      [
        'a range type OSV does not know',
        JSON.stringify(
          widgetAdvisory({ affected: [{ package: { ecosystem: 'PyPI', name: 'w' }, ranges: [{ type: 'DATES', events: [{ introduced: '0' }] }] }] }),
        ),
        'affected[0].ranges[0].type',
      ],
      [
        'an event with two keys',
        JSON.stringify(
          widgetAdvisory({
            affected: [{ package: { ecosystem: 'PyPI', name: 'w' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0', fixed: '1' }] }] }],
          }),
        ),
        'affected[0].ranges[0].events[0]',
      ],
      ['a package without a name', JSON.stringify(widgetAdvisory({ affected: [{ package: { ecosystem: 'PyPI' } }] })), 'affected[0].package.name'],
      ['aliases that are not strings', JSON.stringify(widgetAdvisory({ aliases: ['CVE-1', 2] })), 'aliases[1]'],
      // Valid for the OSV reader, refused by PostgreSQL: must be the caller's error, not a server error.
      ['a NUL character in the details', JSON.stringify(widgetAdvisory({ details: 'before\u0000after' })), 'details'],
      [
        'a NUL character in an affected version',
        JSON.stringify(widgetAdvisory({ affected: [{ package: { ecosystem: 'PyPI', name: 'w' }, versions: ['1.0', '2\u0000'] }] })),
        'affected[0].versions[1]',
      ],
      ['February 30th', JSON.stringify(widgetAdvisory({ modified: '2023-02-30T00:00:00Z' })), 'modified'],
      ['year 0000', JSON.stringify(widgetAdvisory({ published: '0000-01-01T00:00:00Z' })), 'published'],
      ['an id of 300 characters', JSON.stringify(widgetAdvisory({ id: `PYPE-${'9'.repeat(295)}` })), 'id'],
      [
        'a package name of 3000 characters',
        JSON.stringify(widgetAdvisory({ affected: [{ package: { ecosystem: 'PyPI', name: 'n'.repeat(3000) }, versions: ['1'] }] })),
        'affected[].package.name',
      ],
    ])('refuses %s with BAD_USER_INPUT naming the OSV field %s', async (_label, document, osvField) => {
      const before = await storedState(service);
      const error = firstError(await service.gql(IMPORT, { document }, BOOTSTRAP_TOKEN));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document' });
      expect(error.extensions.osvField).toBe(osvField);
      expect(error.message).toContain(osvField);
      expect(await storedState(service)).toEqual(before);
    });

    it('names the advisory at fault in a list, and imports nothing of the list', async () => {
      const before = await storedState(service);
      const document = JSON.stringify([widgetAdvisory({ id: 'PYPE-2026-0900' }), widgetAdvisory({ id: 'PYPE-2026-0901', published: 'yesterday' })]);
      const error = firstError(await service.gql(IMPORT, { document }, BOOTSTRAP_TOKEN));
      expect(error.extensions).toMatchObject({ osvField: 'published', advisory: 'PYPE-2026-0901' });
      expect(await storedState(service)).toEqual(before);
      expect((await service.gql(ADVISORY, { id: 'PYPE-2026-0900' })).data!.advisory).toBeNull();
    });

    it('refuses a document larger than 32 MiB, naming document and pointing to the CLI', async () => {
      const document = JSON.stringify({ ...widgetAdvisory(), details: 'x'.repeat(32 * 1024 * 1024) });
      const response = await service.gql(IMPORT, { document }, BOOTSTRAP_TOKEN);
      expect(response.status).toBe(200);
      const error = firstError(response);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document' });
      expect(error.message).toContain('advisories:import');
    });

    it('accepts an empty list and changes nothing', async () => {
      const before = await storedState(service);
      expect(await importOk(service, '[]')).toEqual({ added: [], updated: [], unchanged: [] });
      expect(await storedState(service)).toEqual(before);
    });
  });

  describe('import, re-import and modified', () => {
    it('adds advisories from {"vulns": [...]} and from a single advisory, normalised', async () => {
      expect(await importOk(service, DJANGO_DOCUMENT)).toEqual({ added: ['PYPE-2019-0001', 'PYPE-2018-0007'], updated: [], unchanged: [] });
      expect(await importOk(service, PYYAML_DOCUMENT, admin)).toEqual({ added: ['PYPE-2020-0042'], updated: [], unchanged: [] });

      const django = (await service.gql(ADVISORY, { id: 'PYPE-2019-0001' })).data!.advisory;
      expect(django).toMatchObject({
        id: 'PYPE-2019-0001',
        modified: '2019-08-01T12:00:00.000Z',
        aliases: ['CVE-2019-14232'],
        severity: 'HIGH',
        cvssScore: 7.5,
        withdrawn: null,
        references: [{ type: 'ADVISORY', url: expect.stringContaining('djangoproject.com') }],
      });
      expect(django.affected).toEqual([
        {
          name: 'django',
          versions: [],
          ranges: [
            {
              type: 'ECOSYSTEM',
              events: [
                { introduced: '1.11', fixed: null, lastAffected: null, limit: null },
                { introduced: null, fixed: '1.11.23', lastAffected: null, limit: null },
              ],
            },
            {
              type: 'ECOSYSTEM',
              events: [
                { introduced: '2.1', fixed: null, lastAffected: null, limit: null },
                { introduced: null, fixed: '2.1.11', lastAffected: null, limit: null },
              ],
            },
            {
              type: 'ECOSYSTEM',
              events: [
                { introduced: '2.2', fixed: null, lastAffected: null, limit: null },
                { introduced: null, fixed: '2.2.4', lastAffected: null, limit: null },
              ],
            },
          ],
        },
      ]);
      // The npm entry of the requests advisory is not about PyPI: dropped.
      const requests = (await service.gql(ADVISORY, { id: 'PYPE-2018-0007' })).data!.advisory;
      expect(requests.affected.map((affected: { name: string }) => affected.name)).toEqual(['requests']);
      expect(requests.severity).toBe('HIGH'); // from the CVSS vector (7.5)
      expect((await service.gql(ADVISORY, { id: 'PYPE-0000-0000' })).data!.advisory).toBeNull();
    });

    it('is idempotent: importing the same documents again reports them unchanged and changes nothing', async () => {
      const before = await storedState(service);
      expect(await importOk(service, DJANGO_DOCUMENT)).toEqual({ added: [], updated: [], unchanged: ['PYPE-2019-0001', 'PYPE-2018-0007'] });
      expect(await importOk(service, PYYAML_DOCUMENT)).toEqual({ added: [], updated: [], unchanged: ['PYPE-2020-0042'] });
      expect(await storedState(service)).toEqual(before);
    });

    it('replaces an advisory with a later modified, and ignores an older or equal one', async () => {
      expect(await importOk(service, widgetAdvisory())).toMatchObject({ added: ['PYPE-2026-0100'] });
      const later = widgetAdvisory({ modified: '2026-02-01T00:00:00Z', summary: 'second version' }, '1.6.0');
      expect(await importOk(service, later)).toEqual({ added: [], updated: ['PYPE-2026-0100'], unchanged: [] });
      const older = widgetAdvisory({ modified: '2025-12-01T00:00:00Z', summary: 'stale copy' });
      expect(await importOk(service, older)).toEqual({ added: [], updated: [], unchanged: ['PYPE-2026-0100'] });
      const sameTime = widgetAdvisory({ modified: '2026-02-01T00:00:00Z', summary: 'same time, other text' });
      expect(await importOk(service, sameTime)).toEqual({ added: [], updated: [], unchanged: ['PYPE-2026-0100'] });

      const stored = (await service.gql(ADVISORY, { id: 'PYPE-2026-0100' })).data!.advisory;
      expect(stored).toMatchObject({ summary: 'second version', modified: '2026-02-01T00:00:00.000Z' });
      expect(stored.affected[0].ranges[0].events[1].fixed).toBe('1.6.0');
    });

    it('keeps the newest of several copies of one id within a document', async () => {
      const document = [
        widgetAdvisory({ id: 'PYPE-2026-0200', modified: '2026-03-02T00:00:00Z', summary: 'newest' }),
        widgetAdvisory({ id: 'PYPE-2026-0200', modified: '2026-03-01T00:00:00Z', summary: 'older' }),
      ];
      expect(await importOk(service, document)).toEqual({ added: ['PYPE-2026-0200'], updated: [], unchanged: [] });
      expect((await service.gql(ADVISORY, { id: 'PYPE-2026-0200' })).data!.advisory.summary).toBe('newest');
    });
  });

  describe('other ecosystems and aliases', () => {
    const SKIPPING_IMPORT = `mutation($document: String!) { importAdvisories(document: $document) { added updated unchanged skipped } }`;

    it('skips an advisory about other ecosystems only: reported as skipped, not stored, not listed', async () => {
      const npmOnly = widgetAdvisory({
        id: 'PYPE-2026-0700',
        affected: [{ package: { ecosystem: 'npm', name: 'widget' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }],
      });
      const mixed = widgetAdvisory({ id: 'PYPE-2026-0701', affected: [...(npmOnly.affected as object[]), ...(widgetAdvisory().affected as object[])] });
      const before = await storedState(service);
      const response = await service.gql(SKIPPING_IMPORT, { document: JSON.stringify([npmOnly, mixed]) }, BOOTSTRAP_TOKEN);
      expect(response.errors).toBeUndefined();
      expect(response.data!.importAdvisories).toEqual({ added: ['PYPE-2026-0701'], updated: [], unchanged: [], skipped: ['PYPE-2026-0700'] });
      expect((await storedState(service)).advisories).toBe(before.advisories + 1);
      expect((await service.gql(ADVISORY, { id: 'PYPE-2026-0700' })).data!.advisory).toBeNull();
      const listed = (await service.gql(LIST, { first: 100 })).data!.advisories.edges.map((edge: { node: { id: string } }) => edge.node.id);
      expect(listed).not.toContain('PYPE-2026-0700');
      expect(listed).toContain('PYPE-2026-0701');
      // An import of nothing but skipped advisories changes nothing, not even the revision.
      const unchanged = await storedState(service);
      expect((await service.gql(SKIPPING_IMPORT, { document: JSON.stringify(npmOnly) }, BOOTSTRAP_TOKEN)).data!.importAdvisories.skipped).toEqual([
        'PYPE-2026-0700',
      ]);
      expect(await storedState(service)).toEqual(unchanged);
    });

    it('finds an advisory by one of its aliases; its own id first, and the smallest id when several share the alias', async () => {
      expect((await service.gql(ADVISORY, { id: 'CVE-2019-14232' })).data!.advisory).toMatchObject({ id: 'PYPE-2019-0001' });
      await importOk(service, [
        widgetAdvisory({ id: 'PYPE-2026-0801', aliases: ['CVE-2026-0800', 'PYPE-2026-0803'] }),
        widgetAdvisory({ id: 'PYPE-2026-0802', aliases: ['CVE-2026-0800'] }),
        widgetAdvisory({ id: 'PYPE-2026-0803', aliases: [] }),
      ]);
      expect((await service.gql(ADVISORY, { id: 'CVE-2026-0800' })).data!.advisory.id).toBe('PYPE-2026-0801');
      expect((await service.gql(ADVISORY, { id: 'PYPE-2026-0803' })).data!.advisory.id).toBe('PYPE-2026-0803');
      expect((await service.gql(ADVISORY, { id: 'CVE-0000-0000' })).data!.advisory).toBeNull();
    });
  });

  describe('listing', () => {
    it('lists by id, filters by package under its canonical name, and pages with first/after', async () => {
      const all = (await service.gql(LIST, { first: 100 })).data!.advisories;
      const ids = all.edges.map((edge: { node: { id: string } }) => edge.node.id);
      expect(ids).toEqual([...ids].sort());
      expect(all.totalCount).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(['PYPE-2018-0007', 'PYPE-2019-0001', 'PYPE-2020-0042', 'PYPE-2026-0100']));

      const django = (await service.gql(LIST, { package: 'DJANGO' })).data!.advisories;
      expect(django).toEqual({
        totalCount: 1,
        pageInfo: { hasNextPage: false, endCursor: django.edges[0].cursor },
        edges: [{ cursor: expect.any(String), node: { id: 'PYPE-2019-0001' } }],
      });
      expect((await service.gql(LIST, { package: 'py_yaml' })).data!.advisories.totalCount).toBe(0);
      expect((await service.gql(LIST, { package: 'PyYAML' })).data!.advisories.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
        { id: 'PYPE-2020-0042' },
      ]);

      const pages: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } = (
          await service.gql(LIST, { first: 2, after })
        ).data!.advisories;
        expect(page.totalCount).toBe(ids.length);
        pages.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toEqual(ids);
    });

    it.each([[0], [101], [-1]])('refuses first: %i with BAD_USER_INPUT naming first', async (first) => {
      expect(firstError(await service.gql(LIST, { first }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });
  });

  describe('scans after import', () => {
    it('reports VULNERABLE for a pinned affected version, naming the advisory, its severity and the fixed versions', async () => {
      const report = await scanOk(service, 'Django==2.2.1\nrequests==2.19.1\nPyYAML==5.1.2\nsix==1.16.0\nDjango-extensions==2.2.1\n');
      const vulnerable = codesOf(report, 'VULNERABLE');
      expect(vulnerable.map((finding) => [finding.line, finding.package, finding.severity])).toEqual([
        [1, 'django', 'ERROR'],
        [2, 'requests', 'ERROR'],
        [3, 'pyyaml', 'ERROR'],
      ]);
      expect(vulnerable[0].message).toContain('PYPE-2019-0001');
      expect(vulnerable[0].message).toContain('HIGH');
      expect(vulnerable[0].message).toContain('2.2.4');
      expect(vulnerable[1].message).toContain('PYPE-2018-0007');
      expect(vulnerable[1].message).toContain('2.20.0');
      expect(vulnerable[2].message).toContain('PYPE-2020-0042');
      expect(vulnerable[2].message).toContain('CRITICAL');
    });

    it('gives the advisory as fields on Finding.vulnerability (id, aliases, package, version, fixed versions)', async () => {
      const response = await service.gql(
        `{ scanRequirements(content: "Django==2.2.1\\nsix==1.16.0\\n") { findings { code line vulnerability { id aliases severity package version fixedVersions } } } }`,
      );
      expect(response.errors).toBeUndefined();
      const findings = response.data!.scanRequirements.findings as { code: string; vulnerability: Record<string, unknown> | null }[];
      const vulnerable = findings.find((finding) => finding.code === 'VULNERABLE')!;
      expect(vulnerable.vulnerability).toMatchObject({ id: 'PYPE-2019-0001', severity: 'HIGH', package: 'django', version: '2.2.1' });
      expect(vulnerable.vulnerability!.fixedVersions).toContain('2.2.4');
      expect(Array.isArray(vulnerable.vulnerability!.aliases)).toBe(true);
      expect(
        findings.filter((finding) => finding.code !== 'VULNERABLE' && finding.code !== 'RUNTIME_VULNERABLE').every((finding) => finding.vulnerability === null),
      ).toBe(true);
    });

    it('does not report fixed or unaffected versions, nor unpinned ranges', async () => {
      const report = await scanOk(service, 'Django==2.2.4\nrequests==2.20.0\nPyYAML==5.3.1\nDjango==1.10\n');
      expect(codesOf(report, 'VULNERABLE')).toEqual([]);
    });

    it("reports RUNTIME_VULNERABLE for the runtime's bundled version that the files keep", async () => {
      // 37.22.0 bundles Django 2.2 (affected until 2.2.4) and requests 2.21.0 (fixed).
      const kept = await scanOk(service, 'six==1.16.0\n', { runtime: '37.22.0' });
      expect(codesOf(kept, 'RUNTIME_VULNERABLE')).toEqual([
        expect.objectContaining({ package: 'django', severity: 'WARNING', message: expect.stringContaining('PYPE-2019-0001') }),
      ]);
      const replaced = await scanOk(service, 'Django==2.2.4\n', { runtime: '37.22.0' });
      expect(codesOf(replaced, 'RUNTIME_VULNERABLE')).toEqual([]);
      expect(codesOf(replaced, 'VULNERABLE')).toEqual([]);
    });

    it('stops reporting an advisory once a later import withdraws it', async () => {
      const naming0100 = async () =>
        codesOf(await scanOk(service, 'widget==1.2\n'), 'VULNERABLE').filter((finding) => finding.message.includes('PYPE-2026-0100'));
      expect(await naming0100()).toHaveLength(1);
      const withdrawn = widgetAdvisory({ modified: '2026-04-01T00:00:00Z', withdrawn: '2026-04-01T00:00:00Z', summary: 'withdrawn' }, '1.6.0');
      expect(await importOk(service, withdrawn)).toEqual({ added: [], updated: ['PYPE-2026-0100'], unchanged: [] });
      expect(await naming0100()).toEqual([]);
      expect((await service.gql(ADVISORY, { id: 'PYPE-2026-0100' })).data!.advisory.withdrawn).toBe('2026-04-01T00:00:00.000Z');
    });

    it('survives advisories whose versions are not PEP 440: no server error, no false finding', async () => {
      await importOk(service, {
        id: 'PYPE-2026-0300',
        modified: '2026-05-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'oddball' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: 'banana' }, { fixed: 'release-2' }] }],
            versions: ['not a version', '1.0'],
          },
          {
            package: { ecosystem: 'PyPI', name: 'oddball' },
            ranges: [{ type: 'GIT', repo: 'https://github.com/org/oddball', events: [{ introduced: '0' }, { fixed: 'abc123' }] }],
          },
        ],
      });
      const response = await service.gql(`query($content: String!) { scanRequirements(content: $content) { findings { code line package } } }`, {
        content: 'oddball==1.0\noddball==2.0\n',
      });
      expect(response.errors).toBeUndefined();
      const vulnerable = (response.data!.scanRequirements.findings as { code: string; line: number }[]).filter((finding) => finding.code === 'VULNERABLE');
      expect(vulnerable.map((finding) => finding.line)).toEqual([1]); // listed in versions
    });
  });
});

describe('advisories across replicas', () => {
  let first: TestService;
  let second: TestService;

  beforeAll(async () => {
    first = await startTestService();
    second = await startTestService({ databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const vulnerableCount = async (service: TestService, content: string) => codesOf(await scanOk(service, content), 'VULNERABLE').length;

  it('uses an import at once on the importing replica, and on the other as soon as it is notified', async () => {
    // Both replicas have built their matcher (with no advisories) before the import.
    expect(await vulnerableCount(first, 'PyYAML==5.1\n')).toBe(0);
    expect(await vulnerableCount(second, 'PyYAML==5.1\n')).toBe(0);

    await importOk(first, PYYAML_DOCUMENT);
    expect(await vulnerableCount(first, 'PyYAML==5.1\n')).toBe(1);
    expect(
      await eventually(
        () => vulnerableCount(second, 'PyYAML==5.1\n'),
        (count) => count === 1,
      ),
    ).toBe(1);

    const later = {
      ...JSON.parse(PYYAML_DOCUMENT),
      modified: '2021-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'PyPI', name: 'PyYAML' }, versions: ['5.3'] }],
    };
    expect((await importOk(second, later)).updated).toEqual(['PYPE-2020-0042']);
    expect(await vulnerableCount(second, 'PyYAML==5.1\n')).toBe(0);
    expect(
      await eventually(
        () => vulnerableCount(first, 'PyYAML==5.1\n'),
        (count) => count === 0,
      ),
    ).toBe(0);
    expect(await vulnerableCount(first, 'PyYAML==5.3\n')).toBe(1);
  });

  it('stays correct while the change listener connection is lost, checking the revision on every scan', async () => {
    await first.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pype-lifecycle-advisory-listener' AND datname = current_database()`,
    );
    const withdrawn = { ...JSON.parse(PYYAML_DOCUMENT), modified: '2022-01-01T00:00:00Z', withdrawn: '2022-01-01T00:00:00Z' };
    expect((await importOk(first, withdrawn)).updated).toEqual(['PYPE-2020-0042']);
    // No notification reached anyone (both listeners are down): the revision check alone must see it.
    expect(await vulnerableCount(second, 'PyYAML==5.3\n')).toBe(0);
    expect(await vulnerableCount(first, 'PyYAML==5.3\n')).toBe(0);
    // After the listeners reconnect, imports are noticed again.
    await importOk(second, { ...withdrawn, modified: '2023-01-01T00:00:00Z', withdrawn: undefined });
    expect(
      await eventually(
        () => vulnerableCount(first, 'PyYAML==5.3\n'),
        (count) => count === 1,
        10_000,
      ),
    ).toBe(1);
  });

  it('gives concurrent scans during an import either the old or the new advisories, never an error', async () => {
    const scans = Array.from({ length: 20 }, () => scanOk(second, 'requests==2.19.1\n'));
    const imported = importOk(first, DJANGO_DOCUMENT);
    const reports = await Promise.all(scans);
    await imported;
    for (const report of reports) expect(codesOf(report, 'VULNERABLE').length).toBeLessThanOrEqual(1);
    expect(
      await eventually(
        () => vulnerableCount(second, 'requests==2.19.1\n'),
        (count) => count === 1,
      ),
    ).toBe(1);
  });

  it('does not read the database for a scan while nothing changed and the listener is up', async () => {
    const queries: string[] = [];
    const dataSource = second.dataSource as unknown as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
    const original = dataSource.query;
    dataSource.query = function (this: unknown, sql: string, ...rest: unknown[]) {
      queries.push(sql);
      return original.call(this, sql, ...rest);
    };
    const queriesOfOneScan = async () => {
      const before = queries.length;
      await scanOk(second, 'PyYAML==5.1\n');
      return queries.length - before;
    };
    try {
      // Once the listener is up (the test before cut it) and the revision checked, scans read nothing.
      expect(await eventually(queriesOfOneScan, (count) => count === 0)).toBe(0);
      expect(await queriesOfOneScan()).toBe(0);
      expect(await vulnerableCount(second, 'PyYAML==5.1\n')).toBe(1);

      const onlyLater = {
        ...JSON.parse(PYYAML_DOCUMENT),
        modified: '2024-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'PyPI', name: 'PyYAML' }, versions: ['9.9'] }],
      };
      const before = queries.length;
      await importOk(first, onlyLater);
      expect(
        await eventually(
          () => vulnerableCount(second, 'PyYAML==5.1\n'),
          (count) => count === 0,
        ),
      ).toBe(0);
      // The notification made the replica read the revision and rebuild its matcher.
      expect(queries.slice(before).some((query) => query.includes('FROM advisories'))).toBe(true);
    } finally {
      dataSource.query = original;
    }
  });
});
