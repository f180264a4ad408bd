import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { endoflifeV0CycleViolations, endoflifeV1Violations, endoflifeV1Version } from '../setup/endoflife-schema';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';

const PUBLIC_URL = 'https://pype.example.edu';

describe('endoflife.date API (seeded PyPE catalog, 2018-10-01 on campus)', () => {
  let service: TestService;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}${path}`, { headers });

  beforeAll(async () => {
    service = await startTestService({ now: '2018-10-01T15:00:00Z', env: { PUBLIC_URL } });
    await seedCatalog(service.dataSource, service.clock.now());
    // A draft nobody but admins may see: no feed shows it, whoever asks.
    const draft = await service.gql(
      `mutation { createReleaseDraft(input: { version: "38.30.0", pythonVersion: "3.8.0", track: LTS, generalAvailability: "2019-10-01", endOfSupport: "2022-09-30" }) { version } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(draft.errors).toBeUndefined();
  });
  afterAll(async () => service.close());

  it('validates against the checked-in OpenAPI document of API v1 1.1.0', () => {
    expect(endoflifeV1Version()).toBe('1.1.0');
  });

  it('answers /api/v1/products/pype/ as a ProductResponse with every published release, newest first', async () => {
    const response = await get('/api/v1/products/pype/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as any;
    expect(endoflifeV1Violations('ProductResponse', body)).toEqual([]);
    expect(body.schema_version).toBe('1.1.0');
    // The catalog's last change (later than the start of today here), not the time of rendering: every replica sends the same bytes.
    expect(body.generated_at).toBe(body.last_modified);
    expect(new Date(body.last_modified).toUTCString()).toBe(response.headers.get('last-modified'));
    expect(body.result).toMatchObject({ name: 'pype', label: 'PyPE', category: 'service', links: { html: `${PUBLIC_URL}/` } });
    expect(body.result.releases.map((release: any) => release.name)).toEqual(['37.22.0', '37.21.0', '36.20.0', '36.11.0', '27.11.0']);
    const byName = Object.fromEntries(body.result.releases.map((release: any) => [release.name, release]));
    // 36.20.0 ends 2019-03-31; its 8-month notice started 2018-07-31: no longer actively supported, still maintained.
    expect(byName['36.20.0']).toEqual({
      name: '36.20.0',
      codename: null,
      label: '36.20.0',
      releaseDate: '2017-12-01',
      isLts: false,
      ltsFrom: null,
      isEoas: true,
      eoasFrom: '2018-07-31',
      isEol: false,
      eolFrom: '2019-03-31',
      isEoes: null,
      eoesFrom: null,
      isDiscontinued: false,
      discontinuedFrom: null,
      isMaintained: true,
      latest: { name: '36.20.0', date: '2017-12-01', link: `${PUBLIC_URL}/releases/36.20.0` },
      custom: { pythonVersion: expect.any(String), track: 'STABLE', status: 'DEPRECATED', migrationTarget: expect.any(String) },
    });
    expect(byName['36.11.0']).toMatchObject({ label: '36.11.0 (LTS)', isLts: true, isEoas: false, isEol: false, isMaintained: true });
    expect(byName['37.22.0'].custom.status).toBe('ANTICIPATED');
    expect(body.result.releases.map((release: any) => release.name)).not.toContain('38.30.0');
  });

  it('answers the same without the trailing slash, and never shows drafts to admins either', async () => {
    const response = await get('/api/v1/products/pype', { authorization: `Bearer ${BOOTSTRAP_TOKEN}` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.result.releases).toHaveLength(5);
    expect((await get('/api/v1/products/pype/releases/38.30.0', { authorization: `Bearer ${BOOTSTRAP_TOKEN}` })).status).toBe(404);
  });

  it('answers one release and the latest one as ProductReleaseResponse', async () => {
    const release = (await (await get('/api/v1/products/pype/releases/27.11.0')).json()) as any;
    expect(endoflifeV1Violations('ProductReleaseResponse', release)).toEqual([]);
    expect(release.result).toMatchObject({ name: '27.11.0', isLts: true, eolFrom: '2019-12-31', custom: { migrationTarget: '36.11.0' } });

    // 37.22.0 is only announced (April 2019): the latest released one is 37.21.0 (September 2018).
    const latest = (await (await get('/api/v1/products/pype/releases/latest')).json()) as any;
    expect(endoflifeV1Violations('ProductReleaseResponse', latest)).toEqual([]);
    expect(latest.result.name).toBe('37.21.0');
  });

  it('answers v0: every cycle, and one cycle', async () => {
    const response = await get('/api/pype.json');
    expect(response.status).toBe(200);
    const cycles = (await response.json()) as any[];
    expect(cycles.map((cycle) => cycle.cycle)).toEqual(['37.22.0', '37.21.0', '36.20.0', '36.11.0', '27.11.0']);
    for (const cycle of cycles) expect(endoflifeV0CycleViolations(cycle)).toEqual([]);
    const one = (await (await get('/api/pype/36.11.0.json')).json()) as any;
    expect(endoflifeV0CycleViolations(one)).toEqual([]);
    expect(one).toEqual({
      cycle: '36.11.0',
      releaseDate: '2017-04-01',
      eol: '2020-03-31',
      latest: '36.11.0',
      latestReleaseDate: '2017-04-01',
      lts: true,
      support: '2019-07-31',
      link: `${PUBLIC_URL}/releases/36.11.0`,
    });
  });

  it('sends ETag and Last-Modified and answers 304 to a client that has the document', async () => {
    for (const path of ['/api/v1/products/pype/', '/api/v1/products/pype/releases/36.11.0', '/api/pype.json', '/api/pype/36.11.0.json']) {
      const first = await get(path);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(new Date(lastModified).toUTCString()).toBe(lastModified);
      const byTag = await get(path, { 'if-none-match': etag });
      expect(byTag.status).toBe(304);
      expect(await byTag.text()).toBe('');
      expect((await get(path, { 'if-modified-since': lastModified })).status).toBe(304);
      expect((await get(path, { 'if-none-match': '"something-else"' })).status).toBe(200);
    }
  });

  it('changes the answer and its ETag when the catalog changes', async () => {
    const before = await get('/api/v1/products/pype/releases/37.21.0');
    const etag = before.headers.get('etag')!;
    const changed = await service.gql(
      `mutation { changeEndOfSupport(input: { version: "37.21.0", endOfSupport: "2019-12-31", reason: "longer support", policyOverrideReason: "test" }) { endOfSupport } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(changed.errors).toBeUndefined();
    const after = await get('/api/v1/products/pype/releases/37.21.0', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(((await after.json()) as any).result.eolFrom).toBe('2019-12-31');
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('answers unknown products and releases, and odd names, with a JSON 404 and no stack trace', async () => {
    for (const path of [
      '/api/v1/products/pype/releases/99.1.0',
      '/api/v1/products/python/',
      '/api/v1/products/pype/releases/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '/api/v1/products/pype/releases/..%2F..%2Fetc%2Fpasswd',
      '/api/v1/products/pype/releases/%00',
      `/api/v1/products/pype/releases/${'9'.repeat(5000)}`,
      '/api/pype/99.1.0.json',
      '/api/pype/36.11.0',
      '/api/python.json',
      '/api/python/3.6.json',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      const body = (await response.json()) as any;
      expect(body, path).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND' });
      expect(JSON.stringify(body), path).not.toMatch(/ at \S+\.(ts|js):\d+/);
    }
  });

  it('refuses malformed percent-encoding with a 400, not a stack trace', async () => {
    const response = await get('/api/v1/products/pype/releases/%E0%A4%A');
    expect([400, 404]).toContain(response.status);
    expect(await response.text()).not.toMatch(/ at \S+\.(ts|js):\d+/);
  });
});
