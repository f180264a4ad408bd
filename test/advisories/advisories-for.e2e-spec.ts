/**
 * `advisoriesFor(packages)`: public, the advisories in force about the named packages as OSV
 * records the CLI reads back into the same advisories; names compared per PEP 503; the list
 * bounded with BAD_USER_INPUT naming the argument.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ADVISORY_QUERY_PACKAGES } from '../../src/advisories/utils/advisory-query-limits';
import { parseOsvDocument } from '../../src/requirements';
import { firstError } from '../scanning/scan-support';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';

const QUERY = `query($packages: [String!]!) { advisoriesFor(packages: $packages) }`;

const ADVISORIES = [
  {
    id: 'PYPE-2026-0100',
    modified: '2026-01-10T00:00:00Z',
    aliases: ['CVE-2026-0100'],
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Widget_Tools' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.5.0' }] }],
        versions: ['0.9'],
      },
    ],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
  },
  {
    id: 'PYPE-2026-0101',
    modified: '2026-01-10T00:00:00Z',
    affected: [
      { package: { ecosystem: 'PyPI', name: 'widget-tools' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0.5' }] }] },
      { package: { ecosystem: 'PyPI', name: 'gizmo' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] },
    ],
    database_specific: { severity: 'LOW' },
  },
  {
    id: 'PYPE-2026-0200',
    modified: '2026-01-10T00:00:00Z',
    withdrawn: '2026-02-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'PyPI', name: 'widget-tools' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }],
  },
];

describe('advisoriesFor', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    const imported = await service.gql(
      `mutation($d: String!) { importAdvisories(document: $d) { added } }`,
      { d: JSON.stringify(ADVISORIES) },
      BOOTSTRAP_TOKEN,
    );
    expect(imported.errors).toBeUndefined();
  });
  afterAll(async () => service.close());

  const ask = (packages: unknown) => service.gql<{ advisoriesFor: Record<string, unknown>[] }>(QUERY, { packages });

  it('answers without a token, each advisory about any named package once, by id, whatever the spelling', async () => {
    const response = await ask(['WIDGET.tools', 'widget_tools', 'six']);
    expect(response.errors).toBeUndefined();
    expect(response.data!.advisoriesFor.map((record) => record.id)).toEqual(['PYPE-2026-0100', 'PYPE-2026-0101']);
    expect((await ask(['Gizmo'])).data!.advisoriesFor.map((record) => record.id)).toEqual(['PYPE-2026-0101']);
    expect((await ask(['six'])).data!.advisoriesFor).toEqual([]);
    expect((await ask([])).data!.advisoriesFor).toEqual([]);
  });

  it('leaves out withdrawn advisories, as scans do', async () => {
    const ids = (await ask(['widget-tools'])).data!.advisoriesFor.map((record) => record.id);
    expect(ids).not.toContain('PYPE-2026-0200');
  });

  it('answers OSV records that read back as the stored advisories', async () => {
    const [record] = (await ask(['widget-tools'])).data!.advisoriesFor;
    expect(record).toMatchObject({ id: 'PYPE-2026-0100', affected: [{ package: { ecosystem: 'PyPI', name: 'widget-tools' } }] });
    const [parsed] = parseOsvDocument([record]);
    const [{ document }] = await service.dataSource.query('SELECT document FROM advisories WHERE id = $1', ['PYPE-2026-0100']);
    expect(parsed).toEqual(document);
    expect(parsed).toMatchObject({ severity: 'HIGH', cvssScore: 7.5, aliases: ['CVE-2026-0100'] });
  });

  it('refuses more names than the limit with BAD_USER_INPUT naming the argument', async () => {
    const names = Array.from({ length: MAX_ADVISORY_QUERY_PACKAGES + 1 }, (_, index) => `pkg${index}`);
    const error = firstError(await ask(names));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.field).toBe('packages');
    expect(error.message).toContain(`at most ${MAX_ADVISORY_QUERY_PACKAGES}`);
    expect((await ask(names.slice(1))).errors).toBeUndefined();
  });

  it('refuses a blank name, naming the entry, and a list of non-strings', async () => {
    const blank = firstError(await ask(['six', ' ']));
    expect(blank.code).toBe('BAD_USER_INPUT');
    expect(blank.field).toBe('packages[1]');
    expect(firstError(await ask([1, null])).code).toBe('BAD_USER_INPUT');
  });
});
