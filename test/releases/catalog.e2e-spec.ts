import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { errorCode, startTestService, type TestService } from '../setup/test-app';

const RELEASE_FIELDS = `version pythonVersion track status state generalAvailability endOfSupport noticeStart recommended
  migrationTarget { version } packages { name version }`;

describe('catalog queries (seeded PyPE catalog)', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ now: '2018-10-01T15:00:00Z' });
    await seedCatalog(service.dataSource, service.clock.now());
  });
  afterAll(async () => service.close());

  it('lists every published release newest first, with statuses derived for today on campus', async () => {
    const response = await service.gql(`{ releases { ${RELEASE_FIELDS} } }`);
    expect(response.errors).toBeUndefined();
    const releases = response.data!.releases;
    expect(releases.map((release: any) => release.version)).toEqual(['37.22.0', '37.21.0', '36.20.0', '36.11.0', '27.11.0']);
    const byVersion = Object.fromEntries(releases.map((release: any) => [release.version, release]));
    // 2018-10-01: 36.20.0 ends 2019-03-31, its 8-month notice started 2018-07-31.
    expect(byVersion['36.20.0'].status).toBe('DEPRECATED');
    expect(byVersion['36.20.0'].noticeStart).toBe('2018-07-31');
    expect(byVersion['36.11.0'].status).toBe('SUPPORTED');
    expect(byVersion['37.21.0'].status).toBe('SUPPORTED');
    expect(byVersion['37.22.0'].status).toBe('ANTICIPATED');
    expect(byVersion['27.11.0'].migrationTarget).toEqual({ version: '36.11.0' });
    expect(byVersion['36.11.0'].recommended).toBe(true);
    expect(byVersion['37.22.0'].packages).toContainEqual({ name: 'django', version: '2.2' });
  });

  it('filters by status, track and day', async () => {
    const response = await service.gql(`{
      lts: releases(track: LTS) { version }
      eol: releases(status: [END_OF_LIFE], on: "2020-06-01") { version status }
      supported: supportedReleases(on: "2019-06-01") { version status }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.lts.map((r: any) => r.version)).toEqual(['37.22.0', '36.11.0', '27.11.0']);
    expect(response.data!.eol.map((r: any) => r.version)).toEqual(['37.21.0', '36.20.0', '36.11.0', '27.11.0']);
    expect(response.data!.supported).toEqual([
      { version: '37.22.0', status: 'SUPPORTED' },
      { version: '37.21.0', status: 'DEPRECATED' },
      // Ends 2020-03-31: its notice starts 2019-07-31.
      { version: '36.11.0', status: 'SUPPORTED' },
      { version: '27.11.0', status: 'DEPRECATED' },
    ]);
  });

  it('answers release(version) and recommendedRelease', async () => {
    const response = await service.gql(`{
      release(version: "37.22.0") { version track status }
      missing: release(version: "99.1.0") { version }
      recommendedRelease(on: "2019-06-01") { version }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.release).toEqual({ version: '37.22.0', track: 'LTS', status: 'ANTICIPATED' });
    expect(response.data!.missing).toBeNull();
    expect(response.data!.recommendedRelease).toEqual({ version: '37.22.0' });
  });

  it('refuses a date that is not YYYY-MM-DD with BAD_USER_INPUT', async () => {
    const response = await service.gql(`{ supportedReleases(on: "2019-02-30") { version } }`);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toContain('2019-02-30');
    const viaVariable = await service.gql(`query($on: Date) { supportedReleases(on: $on) { version } }`, { on: '01/06/2019' });
    expect(errorCode(viaVariable)).toBe('BAD_USER_INPUT');
  });
});
