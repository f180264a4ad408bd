/**
 * `scanRequirements` through GraphQL over HTTP: the PRODUCT.md contract (fields, PARSE_ERROR,
 * RUNTIME_OVERRIDE), file formats by filename, and runtimes (unknown, drafts). The seed
 * catalog supplies the runtimes: 37.22.0 runs Python 3.7.3 with Django 2.2 and requests
 * 2.21.0; 36.20.0 runs Python 3.6.3 with Django 2.0 and python-ldap 3.0.0b2 (a pre-release).
 * Expected `contains` answers were checked with Python's packaging 26.2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, errorCode, startTestService, type TestService } from '../setup/test-app';
import { codesOf, firstError, linesOf, SCAN_REQUIREMENTS, scanOk } from './scan-support';

const SHA = 'a'.repeat(64);
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

describe('scanRequirements', () => {
  let service: TestService;
  let developer: string;

  beforeAll(async () => {
    service = await startTestService();
    await seedCatalog(service.dataSource, service.clock.now());
    developer = await service.tokenFor([Role.DEVELOPER]);
  });
  afterAll(async () => service.close());

  describe('the PRODUCT.md contract', () => {
    it('returns every Requirement field: canonical name, extras, specifiers, marker, url, editable, hashes, start line', async () => {
      const content = [
        '# Application requirements', // 1
        'Django[Argon2,bcrypt]>=2.2,<3.0 ; python_version >= "3.6"', // 2
        'requests==2.21.0 \\', // 3
        `    --hash=sha256:${SHA}`, // 4
        `-e git+https://github.com/org/tool.git@${COMMIT}#egg=Tool_Kit`, // 5
        'Internal.Lib @ https://files.example.edu/internal_lib-1.0.tar.gz', // 6
        '', // 7
        'Flask_SQLAlchemy ~= 2.4', // 8
      ].join('\n');
      const report = await scanOk(service, content);
      expect(report.runtime).toBeNull();
      expect(report.requirements).toEqual([
        {
          line: 2,
          name: 'django',
          extras: ['argon2', 'bcrypt'],
          specifiers: [
            { operator: '>=', version: '2.2' },
            { operator: '<', version: '3.0' },
          ],
          marker: 'python_version >= "3.6"',
          url: null,
          editable: false,
          hashes: [],
          file: 'requirements.txt',
          constraint: false,
          group: null,
        },
        {
          line: 3,
          name: 'requests',
          extras: [],
          specifiers: [{ operator: '==', version: '2.21.0' }],
          marker: null,
          url: null,
          editable: false,
          hashes: [`sha256:${SHA}`],
          file: 'requirements.txt',
          constraint: false,
          group: null,
        },
        {
          line: 5,
          name: 'tool-kit',
          extras: [],
          specifiers: [],
          marker: null,
          url: `git+https://github.com/org/tool.git@${COMMIT}#egg=Tool_Kit`,
          editable: true,
          hashes: [],
          file: 'requirements.txt',
          constraint: false,
          group: null,
        },
        {
          line: 6,
          name: 'internal-lib',
          extras: [],
          specifiers: [],
          marker: null,
          url: 'https://files.example.edu/internal_lib-1.0.tar.gz',
          editable: false,
          hashes: [],
          file: 'requirements.txt',
          constraint: false,
          group: null,
        },
        {
          line: 8,
          name: 'flask-sqlalchemy',
          extras: [],
          specifiers: [{ operator: '~=', version: '2.4' }],
          marker: null,
          url: null,
          editable: false,
          hashes: [],
          file: 'requirements.txt',
          constraint: false,
          group: null,
        },
      ]);
    });

    it('returns every Finding field, with a severity from the Severity enum and a summary that counts them', async () => {
      const report = await scanOk(service, 'celery>=5.2\nnot a requirement!!\n');
      expect(report.findings).toEqual([
        expect.objectContaining({ code: 'UNPINNED', severity: 'WARNING', line: 1, package: 'celery', message: expect.stringContaining('celery') }),
        expect.objectContaining({ code: 'PARSE_ERROR', severity: 'ERROR', line: 2, package: null, message: expect.any(String) }),
      ]);
      for (const finding of report.findings) {
        expect(finding.file).toBe('requirements.txt');
        expect(finding.hint).toEqual(expect.any(String));
      }
      expect(report.summary).toEqual({ errors: 1, warnings: 1, infos: 0 });
    });

    it('answers the exact contract selection with nothing else required', async () => {
      const response = await service.gql(
        `query($content: String!) { scanRequirements(content: $content) {
          requirements { line name extras specifiers { operator version } marker url editable hashes }
          findings { code severity line package message } } }`,
        { content: 'six==1.16.0\n' },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        scanRequirements: {
          requirements: [
            { line: 1, name: 'six', extras: [], specifiers: [{ operator: '==', version: '1.16.0' }], marker: null, url: null, editable: false, hashes: [] },
          ],
          findings: [],
        },
      });
    });

    it('scans an empty file to an empty report', async () => {
      const report = await scanOk(service, '');
      expect(report).toMatchObject({ requirements: [], findings: [], summary: { errors: 0, warnings: 0, infos: 0 } });
    });
  });

  describe('PARSE_ERROR', () => {
    it('reports every invalid line with its number and still scans the rest', async () => {
      const content = [
        'requests==2.21.0', // 1
        'requests-toolbelt>=2.0,,<3', // 2  doubled comma
        'flask==1.0.2', // 3
        '-z nonsense', // 4  unknown option
        '===', // 5  no name
        'django==2.2 ; python_version >>> "3"', // 6  bad marker operator
        'six==1.16.0', // 7
        'pyyaml==5.1 ; (python_version > "3"', // 8  unclosed parenthesis
        'attrs[==19.1', // 9  broken extras
        'click==7.0', // 10
      ].join('\n');
      const report = await scanOk(service, content);
      expect(linesOf(report, 'PARSE_ERROR')).toEqual([2, 4, 5, 6, 8, 9]);
      for (const finding of codesOf(report, 'PARSE_ERROR')) expect(finding.severity).toBe('ERROR');
      expect(report.requirements.map((requirement) => [requirement.line, requirement.name])).toEqual([
        [1, 'requests'],
        [3, 'flask'],
        [7, 'six'],
        [10, 'click'],
      ]);
    });

    it('numbers a continued line by the physical line where it starts, with CRLF line ends', async () => {
      const content = 'six==1.16.0\r\nbroken \\\r\n  ==1.0 !!\r\nclick==7.0\r\n';
      const report = await scanOk(service, content);
      expect(linesOf(report, 'PARSE_ERROR')).toEqual([2]);
      expect(report.requirements.map((requirement) => [requirement.line, requirement.name])).toEqual([
        [1, 'six'],
        [4, 'click'],
      ]);
    });

    it('still checks the valid lines against the runtime', async () => {
      const report = await scanOk(service, 'Django>=3.0\n%%% garbage\n', { runtime: '37.22.0' });
      expect(linesOf(report, 'PARSE_ERROR')).toEqual([2]);
      expect(linesOf(report, 'RUNTIME_OVERRIDE')).toEqual([1]);
    });
  });

  describe('RUNTIME_OVERRIDE', () => {
    // 37.22.0: Python 3.7.3 on Linux, CPython; Django 2.2, requests 2.21.0.
    it.each([
      ['Django>=3.0', 'django'],
      ['django==2.1.15', 'django'],
      ['DJANGO!=2.2', 'django'],
      ['Django===2.2.0', 'django'], // arbitrary equality compares text
      ['django~=2.1.0', 'django'],
      ['requests<2.21', 'requests'],
      ['Django>=3 ; python_version >= "3.7"', 'django'],
      ['Django>=3 ; sys_platform == "linux" and platform_python_implementation == "CPython"', 'django'],
      ['Django>=3 ; python_full_version == "3.7.3" and os_name == "posix"', 'django'],
    ])('is reported on 37.22.0 for %s', async (line, name) => {
      const report = await scanOk(service, `${line}\n`, { runtime: '37.22.0' });
      const overrides = codesOf(report, 'RUNTIME_OVERRIDE');
      expect(overrides).toHaveLength(1);
      expect(overrides[0]).toMatchObject({ severity: 'WARNING', line: 1, package: name });
      expect(overrides[0].message).toContain(name === 'django' ? '2.2' : '2.21.0');
    });

    it.each([
      ['Django>=2.2,<3'],
      ['Django==2.2.0'], // 2.2 == 2.2.0
      ['Django~=2.2'],
      ['Django==2.*'],
      ['Django===2.2'],
      ['Django'],
      ['requests>=2.0'],
      ['Django>=3 ; python_version < "3.7"'], // marker false on Python 3.7.3
      ['Django>=3 ; sys_platform == "win32"'],
      ['Django>=3 ; platform_python_implementation == "PyPy"'],
      ['flask>=99'], // not bundled
    ])('is absent on 37.22.0 for %s', async (line) => {
      const report = await scanOk(service, `${line}\n`, { runtime: '37.22.0' });
      expect(codesOf(report, 'RUNTIME_OVERRIDE')).toEqual([]);
    });

    // 36.20.0 bundles python-ldap 3.0.0b2: an installed pre-release counts (contains(..., prereleases=True)).
    it.each([
      ['python-ldap>=3.0.0b1'],
      ['python-ldap<3.1'],
      ['python-ldap==3.0.0b2'],
      ['python_ldap>=2.4'],
      ['Python.LDAP~=3.0.0b1'],
      ['python-ldap==3.0.*'],
      ['python-ldap<=3.0'],
    ])('counts the bundled pre-release as installed: absent for %s', async (line) => {
      const report = await scanOk(service, `${line}\n`, { runtime: '36.20.0' });
      expect(codesOf(report, 'RUNTIME_OVERRIDE')).toEqual([]);
    });

    it.each([['python-ldap>=3.0'], ['python-ldap==3.0.0'], ['python-ldap>3.0.0b2'], ['python-ldap!=3.0.0b2'], ['python-ldap<3.0']])(
      'reports a bundled pre-release that the specifier excludes: present for %s',
      async (line) => {
        const report = await scanOk(service, `${line}\n`, { runtime: '36.20.0' });
        expect(codesOf(report, 'RUNTIME_OVERRIDE')).toEqual([expect.objectContaining({ line: 1, package: 'python-ldap' })]);
      },
    );

    it('is not checked without a runtime', async () => {
      const report = await scanOk(service, 'Django>=3.0\n');
      expect(codesOf(report, 'RUNTIME_OVERRIDE')).toEqual([]);
      expect(report.runtime).toBeNull();
    });

    it('names the runtime it scanned against', async () => {
      expect((await scanOk(service, 'six\n', { runtime: ' 37.22.0 ' })).runtime).toBe('37.22.0');
    });
  });

  describe('arbitrary equality (===) against the bundled version as published', () => {
    beforeAll(async () => {
      const response = await service.gql(
        `mutation { publishRelease(input: { version: "311.40.0", pythonVersion: "3.11.9", track: LTS,
           generalAvailability: "2027-01-04", endOfSupport: "2029-12-31",
           packages: [{ name: "Legacy_Tool", version: "1.01" }, { name: "Django", version: "4.2.0.RC1" }] }) { version packages { name version } } }`,
        {},
        BOOTSTRAP_TOKEN,
      );
      expect(response.errors).toBeUndefined();
      // Kept as published: packaging compares === against the text, so "1.01" is not "1.1".
      expect(response.data!.publishRelease.packages).toEqual([
        { name: 'django', version: '4.2.0.RC1' },
        { name: 'legacy-tool', version: '1.01' },
      ]);
    });

    it.each([
      // [requirement, RUNTIME_OVERRIDE?] — packaging 26.2: SpecifierSet(spec).contains("1.01", prereleases=True)
      ['legacy-tool===1.01', false],
      ['legacy-tool===1.1', true],
      ['legacy-tool==1.1', false],
      ['legacy-tool==1.01', false],
      ['django===4.2.0.rc1', false], // text compared without regard to case
      ['django===4.2rc1', true],
      ['django==4.2rc1', false],
    ])('%s: RUNTIME_OVERRIDE %s', async (requirement, overrides) => {
      const report = await scanOk(service, `${requirement}\n`, { runtime: '311.40.0' });
      expect(linesOf(report, 'RUNTIME_OVERRIDE')).toEqual(overrides ? [1] : []);
    });
  });

  describe('file formats by filename', () => {
    it('reads pyproject.toml (PEP 621) and checks requires-python against the runtime', async () => {
      const content = [
        '[project]', // 1
        'name = "portal"', // 2
        'requires-python = ">=3.8"', // 3
        'dependencies = [', // 4
        '  "Django>=3.0",', // 5
        '  "requests==2.21.0",', // 6
        ']', // 7
        '[project.optional-dependencies]', // 8
        'test = ["pytest==4.4.0"]', // 9
      ].join('\n');
      const report = await scanOk(service, content, { filename: 'services/portal/pyproject.toml', runtime: '37.22.0' });
      expect(report.requirements.map((requirement) => [requirement.line, requirement.name, requirement.group])).toEqual([
        [5, 'django', null],
        [6, 'requests', null],
        [9, 'pytest', 'optional:test'],
      ]);
      expect(linesOf(report, 'PYTHON_INCOMPATIBLE')).toEqual([3]);
      expect(linesOf(report, 'RUNTIME_OVERRIDE')).toEqual([5]);
      expect(codesOf(report, 'PARSE_ERROR')).toEqual([]);
    });

    it('reads Poetry dependencies in pyproject.toml, translating ^ to PEP 440', async () => {
      const content = ['[tool.poetry.dependencies]', 'python = "^3.6"', 'django = "^2.1"', 'requests = "2.21.0"'].join('\n');
      const report = await scanOk(service, content, { filename: 'pyproject.toml', runtime: '37.22.0' });
      const django = report.requirements.find((requirement) => requirement.name === 'django')!;
      expect(django.line).toBe(3);
      expect(django.specifiers).toEqual([
        { operator: '>=', version: '2.1' },
        { operator: '<', version: '3.0' },
      ]);
      expect(codesOf(report, 'RUNTIME_OVERRIDE')).toEqual([]); // 2.2 is within ^2.1
      expect(codesOf(report, 'PYTHON_INCOMPATIBLE')).toEqual([]);
    });

    it('reads a Pipfile, its dev-packages and [requires] python_version', async () => {
      const content = ['[packages]', 'django = "==2.1.15"', '', '[dev-packages]', 'pytest = "*"', '', '[requires]', 'python_version = "3.6"'].join('\n');
      const report = await scanOk(service, content, { filename: 'Pipfile', runtime: '37.22.0' });
      expect(report.requirements.map((requirement) => [requirement.line, requirement.name, requirement.group])).toEqual([
        [2, 'django', null],
        [5, 'pytest', 'dev-packages'],
      ]);
      expect(linesOf(report, 'RUNTIME_OVERRIDE')).toEqual([2]);
      expect(linesOf(report, 'PYTHON_INCOMPATIBLE')).toEqual([8]);
    });

    it('reports invalid TOML as PARSE_ERROR on its line instead of failing the request', async () => {
      const report = await scanOk(service, '[project]\nname = "x"\ndependencies = ["django>=2"\n', { filename: 'pyproject.toml' });
      expect(codesOf(report, 'PARSE_ERROR').length).toBeGreaterThan(0);
      expect(codesOf(report, 'PARSE_ERROR')[0].line).toBeGreaterThanOrEqual(3);
    });

    it('reads a file named like requirements/dev.in as a pip file, whatever it contains', async () => {
      const report = await scanOk(service, '[packages]\ndjango==2.2\n', { filename: 'requirements/dev.in' });
      expect(linesOf(report, 'PARSE_ERROR')).toEqual([1]);
      expect(report.requirements.map((requirement) => requirement.name)).toEqual(['django']);
    });
  });

  describe('runtimes', () => {
    it('answers an unknown runtime with NOT_FOUND naming the runtime argument and the known releases', async () => {
      const response = await service.gql(SCAN_REQUIREMENTS, { content: 'six\n', runtime: '99.1.0' });
      const error = firstError(response);
      expect(error.code).toBe('NOT_FOUND');
      expect(error.field).toBe('runtime');
      expect(error.message).toContain('99.1.0');
      expect(error.message).toContain('37.22.0');
      expect(response.data).toBeNull();
    });

    it('refuses a blank runtime as BAD_USER_INPUT instead of looking it up', async () => {
      const error = firstError(await service.gql(SCAN_REQUIREMENTS, { content: 'six\n', runtime: '   ' }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'runtime' });
    });

    it('scans against a draft for admins only; others get NOT_FOUND as if it did not exist', async () => {
      const draft = await service.gql(
        `mutation($input: CreateReleaseDraftInput!) { createReleaseDraft(input: $input) { version state } }`,
        {
          input: {
            version: '38.30.0',
            pythonVersion: '3.8.2',
            track: 'LTS',
            generalAvailability: '2027-04-01',
            endOfSupport: '2030-03-31',
            packages: [{ name: 'Django', version: '3.0.5' }],
          },
        },
        BOOTSTRAP_TOKEN,
      );
      expect(draft.errors).toBeUndefined();
      expect(draft.data!.createReleaseDraft.state).toBe('DRAFT');

      const admin = await service.tokenFor([Role.ADMIN]);
      for (const token of [BOOTSTRAP_TOKEN, admin]) {
        const report = await scanOk(service, 'Django==2.2\n', { runtime: '38.30.0', token });
        expect(report.runtime).toBe('38.30.0');
        expect(linesOf(report, 'RUNTIME_OVERRIDE')).toEqual([1]);
      }
      for (const token of [null, developer]) {
        const response = await service.gql(SCAN_REQUIREMENTS, { content: 'Django==2.2\n', runtime: '38.30.0' }, token);
        expect(errorCode(response)).toBe('NOT_FOUND');
        expect(response.errors![0].message).not.toMatch(/known releases: .*38\.30\.0/); // drafts are not listed
      }
    });

    it('is readable without a token, like the catalog', async () => {
      const response = await service.gql(SCAN_REQUIREMENTS, { content: 'six==1.16.0\n', runtime: '37.22.0' }, null);
      expect(response.errors).toBeUndefined();
    });
  });

  describe('findingCodes', () => {
    it('lists every code once with severity, title, description, example and hint', async () => {
      const response = await service.gql(`{ findingCodes { code severity title description example hint needsRuntime } }`);
      const codes = response.data!.findingCodes as { code: string; severity: string; needsRuntime: boolean; example: string }[];
      expect(new Set(codes.map((entry) => entry.code)).size).toBe(codes.length);
      for (const entry of codes) {
        expect(entry.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
        expect(['ERROR', 'WARNING', 'INFO']).toContain(entry.severity);
        expect(entry.example.length).toBeGreaterThan(0);
      }
      expect(codes).toContainEqual(expect.objectContaining({ code: 'PARSE_ERROR', severity: 'ERROR', needsRuntime: false }));
      expect(codes).toContainEqual(expect.objectContaining({ code: 'RUNTIME_OVERRIDE', needsRuntime: true }));
    });
  });
  describe('a .pype-lifecycle.toml among the files of scanFiles', () => {
    const SCAN_FILES = `query($files: [ScanFileInput!]!) { scanFiles(files: $files) {
      findings { code file line package } summary { errors warnings infos }
      suppressed { finding { code file line package } reason until file line } } }`;

    it('moves the findings its entries match to suppressed (judged on the service day), and reports bad entries', async () => {
      const today = service.clock.now().toISOString().slice(0, 10);
      const nextMonth = new Date(service.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
      const files = [
        { path: 'requirements.txt', content: 'celery>=4\nkombu>=4\n' },
        {
          path: '.pype-lifecycle.toml',
          content: `[[ignore]]\ncode = "UNPINNED"\npackage = "Celery"\nreason = "pinned by the base image"\nuntil = ${nextMonth}\n\n[[ignore]]\ncode = "UNPINNED"\nuntil = ${today}\n`,
        },
      ];
      const response = await service.gql(SCAN_FILES, { files });
      expect(response.errors).toBeUndefined();
      const report = response.data!.scanFiles;
      expect(report.findings).toEqual([
        { code: 'UNPINNED', file: 'requirements.txt', line: 2, package: 'kombu' },
        { code: 'SUPPRESSION_INVALID', file: '.pype-lifecycle.toml', line: 7, package: null },
      ]);
      expect(report.summary).toEqual({ errors: 1, warnings: 1, infos: 0 });
      expect(report.suppressed).toEqual([
        {
          finding: { code: 'UNPINNED', file: 'requirements.txt', line: 1, package: 'celery' },
          reason: 'pinned by the base image',
          until: nextMonth,
          file: '.pype-lifecycle.toml',
          line: 1,
        },
      ]);
    });
  });
  describe('lock files', () => {
    const SCAN = `query($content: String!, $filename: String) { scanRequirements(content: $content, filename: $filename, runtime: "37.21.0") {
      requirements { line name specifiers { operator version } marker hashes } findings { code line package } } }`;

    it('reads pylock.toml (PEP 751) by its filename: exact pins, markers, hashes, findings on their lines', async () => {
      const content = [
        'lock-version = "1.0"',
        '',
        '[[packages]]',
        'name = "Django"',
        'version = "1.11.29"',
        'wheels = [{ name = "Django-1.11.29-py2.py3-none-any.whl", hashes = { sha256 = "abcd" } }]',
        '',
        '[[packages]]',
        'name = "dataclasses"',
        'version = "0.8"',
        'marker = "python_version < \'3.7\'"',
        '',
      ].join('\n');
      const response = await service.gql(SCAN, { content, filename: 'pylock.toml' });
      expect(response.errors).toBeUndefined();
      const report = response.data!.scanRequirements;
      expect(report.requirements).toEqual([
        { line: 3, name: 'django', specifiers: [{ operator: '==', version: '1.11.29' }], marker: null, hashes: ['sha256:abcd'] },
        { line: 8, name: 'dataclasses', specifiers: [{ operator: '==', version: '0.8' }], marker: 'python_version < "3.7"', hashes: [] },
      ]);
      expect(report.findings).toContainEqual({ code: 'RUNTIME_DOWNGRADE', line: 3, package: 'django' });
      expect(report.findings).toContainEqual({ code: 'MARKER_EXCLUDES_RUNTIME', line: 8, package: 'dataclasses' });
      expect(report.findings.filter((finding: { code: string }) => finding.code === 'PARSE_ERROR')).toEqual([]);
    });

    it('reads uv.lock, and answers another lock format with one UNSUPPORTED_FILE finding', async () => {
      const uv = await service.gql(SCAN, {
        content: 'version = 1\n\n[[package]]\nname = "requests"\nversion = "2.19.1"\nsource = { registry = "https://pypi.org/simple" }\n',
        filename: 'uv.lock',
      });
      expect(uv.data!.scanRequirements.requirements).toEqual([
        { line: 3, name: 'requests', specifiers: [{ operator: '==', version: '2.19.1' }], marker: null, hashes: [] },
      ]);
      const other = await service.gql(SCAN, { content: '[metadata]\nlock_version = "4.4"\n\n[[package]]\nname = "x"\nversion = "1"\n', filename: 'pdm.lock' });
      // One finding about the file (and, on the test's day, 37.21.0's own end of life), no PARSE_ERROR flood.
      expect(other.data!.scanRequirements).toEqual({
        requirements: [],
        findings: [
          { code: 'UNSUPPORTED_FILE', line: null, package: null },
          { code: 'RUNTIME_END_OF_LIFE', line: null, package: null },
        ],
      });
    });
  });
});
