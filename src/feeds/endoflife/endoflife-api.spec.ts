import { describe, expect, it } from 'vitest';
import { cycleV0, latestRelease, productRelease, productResponse, RELEASE_NAME, type EndoflifeRelease } from './endoflife-api';

const lts: EndoflifeRelease = {
  version: '36.11.0',
  pythonVersion: '3.6.1',
  track: 'LTS',
  generalAvailability: '2017-04-01',
  noticeStart: '2019-07-31',
  endOfSupport: '2020-03-31',
  migrationTargetVersion: '37.22.0',
};
const upcoming: EndoflifeRelease = { ...lts, version: '37.22.0', generalAvailability: '2019-04-01', noticeStart: '2021-07-31', endOfSupport: '2022-03-31' };
const context = { today: '2019-08-01', noticeMonths: 8, publicUrl: 'https://pype.example.edu', generatedAt: new Date('2019-08-01T12:00:00Z') };

describe('endoflife.date shapes', () => {
  it('maps the notice start to the end of active support and the end of support to end of life', () => {
    expect(productRelease(lts, context)).toMatchObject({ isEoas: true, eoasFrom: '2019-07-31', isEol: false, eolFrom: '2020-03-31', isMaintained: true });
    expect(productRelease(lts, { ...context, today: '2020-03-31' })).toMatchObject({ isEol: true, isMaintained: false });
    expect(productRelease(lts, { ...context, today: '2019-07-30' })).toMatchObject({ isEoas: false, custom: { status: 'SUPPORTED' } });
  });

  it('sends every field of the schema: no extended support, not discontinued', () => {
    expect(productRelease(lts, context)).toMatchObject({ isEoes: null, eoesFrom: null, isDiscontinued: false, discontinuedFrom: null });
  });

  it('wraps the product with schema version and times', () => {
    const response = productResponse([upcoming, lts], { ...context, lastModified: new Date('2019-07-31T05:00:00Z') });
    expect(response).toMatchObject({ schema_version: '1.1.0', generated_at: '2019-08-01T12:00:00.000Z', last_modified: '2019-07-31T05:00:00.000Z' });
    expect(response.result.releases.map((release) => release.name)).toEqual(['37.22.0', '36.11.0']);
  });

  it('takes the newest generally available release as the latest one', () => {
    expect(latestRelease([upcoming, lts], '2019-03-31')).toBe(lts);
    expect(latestRelease([upcoming, lts], '2019-04-01')).toBe(upcoming);
    expect(latestRelease([upcoming], '2019-03-31')).toBe(upcoming);
    expect(latestRelease([], '2019-03-31')).toBeNull();
  });

  it('writes v0 cycles with the notice start as the end of support', () => {
    expect(cycleV0(lts, 'https://pype.example.edu')).toEqual({
      cycle: '36.11.0',
      releaseDate: '2017-04-01',
      eol: '2020-03-31',
      latest: '36.11.0',
      latestReleaseDate: '2017-04-01',
      lts: true,
      support: '2019-07-31',
      link: 'https://pype.example.edu/releases/36.11.0',
    });
  });

  it('accepts versions as release names and nothing odd', () => {
    expect(RELEASE_NAME.test('36.11.0')).toBe(true);
    expect(RELEASE_NAME.test('37.0.0rc1')).toBe(true);
    for (const odd of ['', '../x', '<script>', 'a b', '%00', 'x'.repeat(65)]) expect(RELEASE_NAME.test(odd)).toBe(false);
  });
});
