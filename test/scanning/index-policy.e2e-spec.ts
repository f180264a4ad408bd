/**
 * ALLOWED_INDEX_URLS: package sources outside the allow-list are UNAPPROVED_INDEX (the seeds
 * advise running your own mirror); without an allow-list nothing is unapproved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../setup/test-app';
import { codesOf, linesOf, scanFilesOk, scanOk } from './scan-support';

const MIRROR = 'https://pypi.campus.example.edu/simple';
const WHEELS = 'https://wheels.campus.example.edu/';

const SOURCES = [
  `--index-url ${MIRROR}`, // 1 approved
  '--extra-index-url https://pypi.org/simple', // 2
  `-f ${WHEELS}linux/`, // 3 approved (prefix)
  '--find-links=https://download.example.com/wheels/', // 4
  'six==1.16.0', // 5
].join('\n');

describe('ALLOWED_INDEX_URLS', () => {
  describe('with an allow-list', () => {
    let service: TestService;
    beforeAll(async () => {
      service = await startTestService({ env: { ALLOWED_INDEX_URLS: `${MIRROR}, ${WHEELS}` } });
    });
    afterAll(async () => service.close());

    it('reports every index and find-links location outside the list as UNAPPROVED_INDEX (ERROR) on its line', async () => {
      const report = await scanOk(service, SOURCES);
      const unapproved = codesOf(report, 'UNAPPROVED_INDEX');
      expect(unapproved.map((finding) => finding.line)).toEqual([2, 4]);
      for (const finding of unapproved) expect(finding.severity).toBe('ERROR');
      expect(unapproved.find((finding) => finding.line === 2)!.message).toContain('https://pypi.org/simple');
      expect(report.requirements.map((requirement) => requirement.name)).toEqual(['six']);
    });

    it('checks index options in every file of a set, and in pyproject/Pipfile sources', async () => {
      const report = await scanFilesOk(service, [
        { path: 'requirements.txt', content: '-r base.txt\n' },
        { path: 'base.txt', content: 'six==1.16.0\n--extra-index-url https://other.example.net/simple\n' },
        { path: 'Pipfile', content: '[[source]]\nname = "pypi"\nurl = "https://pypi.org/simple"\nverify_ssl = true\n\n[packages]\nsix = "==1.16.0"\n' },
      ]);
      expect(codesOf(report, 'UNAPPROVED_INDEX').map((finding) => [finding.file, finding.line])).toEqual(
        expect.arrayContaining([
          ['base.txt', 2],
          ['Pipfile', expect.any(Number)],
        ]),
      );
    });

    it('publishes the allow-list as scanPolicy, without a token', async () => {
      const response = await service.gql(`{ scanPolicy { allowedIndexUrls } }`);
      expect(response.errors).toBeUndefined();
      expect(response.data!.scanPolicy).toEqual({ allowedIndexUrls: [MIRROR, WHEELS] });
    });

    it('reports nothing for a file that uses only the approved mirror', async () => {
      const report = await scanOk(service, `--index-url ${MIRROR}\nsix==1.16.0\n`);
      expect(codesOf(report, 'UNAPPROVED_INDEX')).toEqual([]);
    });
  });

  describe('without an allow-list', () => {
    let service: TestService;
    beforeAll(async () => {
      service = await startTestService();
    });
    afterAll(async () => service.close());

    it('publishes an empty allow-list as scanPolicy', async () => {
      expect((await service.gql(`{ scanPolicy { allowedIndexUrls } }`)).data!.scanPolicy).toEqual({ allowedIndexUrls: [] });
    });

    it('approves every https source, but still reports plain http as INSECURE_INDEX', async () => {
      const report = await scanOk(service, `${SOURCES}\n--extra-index-url http://mirror.local/simple\n`);
      expect(codesOf(report, 'UNAPPROVED_INDEX')).toEqual([]);
      expect(linesOf(report, 'INSECURE_INDEX')).toEqual([6]);
    });
  });

  describe('with an entry that names only a host', () => {
    let service: TestService;
    beforeAll(async () => {
      service = await startTestService({ env: { ALLOWED_INDEX_URLS: 'https://pypi.campus.example.edu' } });
    });
    afterAll(async () => service.close());

    it('approves that host only: not a look-alike host that starts with the same text, nor another port', async () => {
      const report = await scanOk(
        service,
        [
          '--index-url https://pypi.campus.example.edu/simple', // 1 approved
          '--extra-index-url https://PYPI.Campus.Example.edu/other/', // 2 approved: host names are case-insensitive
          '--extra-index-url https://pypi.campus.example.edu.attacker.example/simple', // 3
          '--extra-index-url https://pypi.campus.example.edu:8443/simple', // 4
          '--extra-index-url https://pypi.campus.example.edu@attacker.example/simple', // 5
        ].join('\n'),
      );
      expect(linesOf(report, 'UNAPPROVED_INDEX')).toEqual([3, 4, 5]);
    });
  });
});
