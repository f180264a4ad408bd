import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdvisoryIndex } from './advisory-index';
import { parseOsvAdvisory, parseOsvJson } from './osv';

const advisories = parseOsvJson(readFileSync(join(__dirname, '../../../test/requirements/fixtures/osv/pypi-advisories.json'), 'utf8'));
const index = new AdvisoryIndex(advisories);
const ids = (name: string, version: string) => index.findAdvisoriesFor(name, version).map((match) => match.advisory.id);

describe('AdvisoryIndex.findAdvisoriesFor', () => {
  it('matches ECOSYSTEM ranges by PEP 440 order, with fixed versions above the one asked', () => {
    expect(ids('Django', '2.0.7')).toEqual(['GHSA-6rr2-2v3q-mh48']);
    expect(index.findAdvisoriesFor('django', '2.0.7')[0].fixedVersions).toEqual(['2.0.8']);
    expect(ids('django', '2.0.8')).toEqual([]);
    expect(ids('django', '1.11.14')).toEqual(['GHSA-6rr2-2v3q-mh48']);
    expect(ids('django', '1.10.8')).toEqual([]);
    expect(ids('django', '2.0rc1')).toEqual([]);
  });

  it('folds aliases of one vulnerability into the first id', () => {
    // PYSEC-2018-2 also lists 2.0.7 explicitly and aliases the GHSA record.
    expect(index.findAdvisoriesFor('django', '2.0.7')).toHaveLength(1);
  });

  it('honours last_affected, limit, explicit versions, pre-releases and withdrawal', () => {
    expect(ids('requests', '2.30.0')).toEqual(['PYSEC-2023-74']);
    expect(ids('requests', '2.31.0')).toEqual([]);
    expect(index.findAdvisoriesFor('requests', '2.19.1')[0].fixedVersions).toEqual([]);
    expect(ids('jinja2', '2.10')).toEqual(['PYSEC-2020-limit']);
    expect(ids('jinja2', '2.10.1')).toEqual([]);
    expect(ids('pyyaml', '5.1.1')).toEqual(['PYSEC-2019-132']);
    expect(ids('PyYAML', '5.1.0')).toEqual(['PYSEC-2019-132']);
    expect(ids('pyyaml', '5.2')).toEqual([]);
    expect(ids('celery', '5.2.0rc1')).toEqual(['PYSEC-2022-pre']);
    expect(ids('six', '1.11.0')).toEqual([]);
  });

  it('ignores other ecosystems and versions that are not PEP 440', () => {
    expect(ids('urllib3', 'not-a-version')).toEqual([]);
    expect(index.size).toBe(8);
  });

  it('answers quickly over thousands of advisories', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      parseOsvAdvisory({
        id: `PYSEC-9999-${i}`,
        modified: '2023-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'PyPI', name: `pkg${i % 500}` },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: `${i % 7}.0` }, { fixed: `${(i % 7) + 1}.0` }] }],
          },
        ],
      }),
    );
    const big = new AdvisoryIndex(many);
    let found = 0;
    for (let i = 0; i < 20_000; i += 1) found += big.findAdvisoriesFor(`pkg${i % 500}`, `${i % 8}.5`).length;
    expect(found).toBeGreaterThan(0);
  });
});

describe('AdvisoryIndex.advisoriesAbout', () => {
  it('lists each advisory naming any of the packages once, by id, whatever the spelling of the names', () => {
    const found = index.advisoriesAbout(['PyYAML', 'requests', 'pyyaml', 'no-such-package']);
    expect(found.map((advisory) => advisory.id)).toEqual([...new Set(found.map((advisory) => advisory.id))].sort());
    expect(found.map((advisory) => advisory.id)).toEqual(expect.arrayContaining(['PYSEC-2019-132']));
    for (const advisory of found) expect(advisory.affected.some((affected) => ['pyyaml', 'requests'].includes(affected.name))).toBe(true);
    expect(index.advisoriesAbout(['six'])).toEqual([]);
    expect(index.advisoriesAbout([])).toEqual([]);
  });

  it('leaves out withdrawn advisories, as matching does', () => {
    const withdrawn = parseOsvAdvisory({
      id: 'PYSEC-0000-gone',
      modified: '2023-01-01T00:00:00Z',
      withdrawn: '2023-02-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'PyPI', name: 'gadget' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }],
    });
    expect(new AdvisoryIndex([withdrawn]).advisoriesAbout(['gadget'])).toEqual([]);
  });
});
