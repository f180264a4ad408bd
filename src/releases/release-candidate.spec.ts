import { describe, expect, it } from 'vitest';
import { DomainError } from '../common/errors/domain-error';
import type { CatalogRelease } from './catalog.store';
import { buildCandidate, normalizePackages } from './release-candidate';

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.details.field;
    throw error;
  }
  return undefined;
}

const DRAFT: CatalogRelease = {
  id: 'd',
  version: '312.1.0',
  pythonVersion: '3.12.7',
  track: 'LTS',
  state: 'DRAFT',
  generalAvailability: '2027-01-04',
  endOfSupport: '2029-12-31',
  noticeStart: '2029-04-30',
  migrationTargetVersion: '311.1.0',
  notes: 'draft notes',
  packages: [{ name: 'django', version: '5.2' }],
  publishedAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe('normalizePackages', () => {
  it('canonicalises names, keeps versions as published (=== compares text) and sorts', () => {
    expect(
      normalizePackages([
        { name: 'Zope.Interface', version: '5.0' },
        { name: 'Django', version: '2.2.0.RC1' },
      ]),
    ).toEqual([
      { name: 'django', version: '2.2.0.RC1' },
      { name: 'zope-interface', version: '5.0' },
    ]);
  });

  it('names the entry that repeats a package after canonicalisation', () => {
    expect(
      fieldOf(() =>
        normalizePackages([
          { name: 'ruamel.yaml', version: '1' },
          { name: 'Ruamel_Yaml', version: '2' },
        ]),
      ),
    ).toBe('packages[1].name');
  });

  it('names bad names and versions', () => {
    expect(
      fieldOf(() =>
        normalizePackages([
          { name: 'ok', version: '1' },
          { name: 'no spaces', version: '1' },
        ]),
      ),
    ).toBe('packages[1].name');
    expect(fieldOf(() => normalizePackages([{ name: 'ok', version: 'latest' }]))).toBe('packages[0].version');
  });
});

describe('buildCandidate', () => {
  it('requires every field for a new release and names the first missing one', () => {
    expect(fieldOf(() => buildCandidate('312.2.0', { pythonVersion: '3.12.7', track: 'LTS' }, null))).toBe('generalAvailability');
  });

  it('keeps the draft values that the patch leaves out, and clears with null', () => {
    const candidate = buildCandidate('312.1.0', { notes: null, endOfSupport: '2030-01-31' }, DRAFT);
    expect(candidate).toMatchObject({
      pythonVersion: '3.12.7',
      endOfSupport: '2030-01-31',
      notes: null,
      migrationTarget: '311.1.0',
      packages: [{ name: 'django', version: '5.2' }],
    });
    expect(buildCandidate('312.1.0', { migrationTarget: '' }, DRAFT).migrationTarget).toBeNull();
  });
});
