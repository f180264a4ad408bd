import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOsvAdvisory, parseOsvJson } from './osv';
import { toOsvRecord } from './to-osv-record';

const advisories = parseOsvJson(readFileSync(join(__dirname, '../../../test/requirements/fixtures/osv/pypi-advisories.json'), 'utf8'));

describe('toOsvRecord', () => {
  it('reads back as the same advisory, for every kind in the fixture (ranges, versions, withdrawn, CVSS only, database severity)', () => {
    expect(advisories.length).toBeGreaterThan(5);
    for (const advisory of advisories) {
      const withoutGit = {
        ...advisory,
        affected: advisory.affected.map((affected) => ({ ...affected, ranges: affected.ranges.filter((range) => range.type !== 'GIT') })),
      };
      expect(parseOsvAdvisory(toOsvRecord(advisory))).toEqual(withoutGit);
    }
  });

  it('keeps UNKNOWN severity unknown and a CVSS rating as it was', () => {
    const bare = parseOsvAdvisory({ id: 'X-1', modified: '2024-01-01T00:00:00Z' });
    expect(bare.severity).toBe('UNKNOWN');
    expect(parseOsvAdvisory(toOsvRecord(bare))).toEqual(bare);
    const rated = parseOsvAdvisory({
      id: 'X-2',
      modified: '2024-01-01T00:00:00Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
    });
    expect(parseOsvAdvisory(toOsvRecord(rated))).toEqual(rated);
  });

  it('drops GIT ranges, which lost their repository when normalised', () => {
    const git = parseOsvAdvisory({
      id: 'X-3',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'Widget' },
          ranges: [
            { type: 'GIT', repo: 'https://example.com/w.git', events: [{ introduced: '0' }] },
            { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }] },
          ],
        },
      ],
    });
    expect(parseOsvAdvisory(toOsvRecord(git)).affected).toEqual([
      { name: 'widget', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }] }], versions: [] },
    ]);
  });
});
