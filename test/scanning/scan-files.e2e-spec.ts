/**
 * `scanFiles` through GraphQL: a set of files scanned together, so that `-r`/`-c` includes
 * resolve inside the set (relative to the including file, as pip does), and the argument
 * checks that Nest's ValidationPipe cannot do for list arguments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';
import { codesOf, firstError, SCAN_FILES, scanFilesOk } from './scan-support';

describe('scanFiles', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
    await seedCatalog(service.dataSource, service.clock.now());
  });
  afterAll(async () => service.close());

  describe('includes', () => {
    it('resolves -r and -c inside the set, relative to the including file, and keeps each file and line', async () => {
      const report = await scanFilesOk(
        service,
        [
          { path: 'requirements/prod.txt', content: '-r base.txt\n-c ../constraints.txt\ngunicorn==19.9.0\n' },
          { path: 'requirements/base.txt', content: 'Django>=3.0\nrequests\n' },
          { path: 'constraints.txt', content: 'requests==2.21.0\n' },
        ],
        '37.22.0',
      );
      expect(codesOf(report, 'INCLUDE_NOT_FOUND')).toEqual([]);
      expect(report.requirements.map((requirement) => [requirement.file, requirement.line, requirement.name, requirement.constraint])).toEqual([
        ['requirements/prod.txt', 3, 'gunicorn', false],
        ['requirements/base.txt', 1, 'django', false],
        ['requirements/base.txt', 2, 'requests', false],
        ['constraints.txt', 1, 'requests', true],
      ]);
      expect(codesOf(report, 'RUNTIME_OVERRIDE')).toEqual([expect.objectContaining({ file: 'requirements/base.txt', line: 1, package: 'django' })]);
      expect(report.runtime).toBe('37.22.0');
    });

    it('reports INCLUDE_NOT_FOUND on the -r line when the file is not in the set, and scans the rest', async () => {
      const report = await scanFilesOk(service, [
        { path: 'requirements/dev.txt', content: 'pytest==4.4.0\n-r base.txt\n--requirement=common.txt\nflake8==3.7.7\n' },
      ]);
      expect(codesOf(report, 'INCLUDE_NOT_FOUND')).toEqual([
        expect.objectContaining({ severity: 'ERROR', file: 'requirements/dev.txt', line: 2, message: expect.stringContaining('base.txt') }),
        expect.objectContaining({ severity: 'ERROR', file: 'requirements/dev.txt', line: 3, message: expect.stringContaining('common.txt') }),
      ]);
      expect(report.requirements.map((requirement) => requirement.name)).toEqual(['pytest', 'flake8']);
    });

    it('does not resolve an include against a file of the same name in another directory', async () => {
      const report = await scanFilesOk(service, [
        { path: 'app/requirements.txt', content: '-r base.txt\n' },
        { path: 'base.txt', content: 'six==1.16.0\n' },
      ]);
      expect(codesOf(report, 'INCLUDE_NOT_FOUND')).toEqual([expect.objectContaining({ file: 'app/requirements.txt', line: 1 })]);
    });

    it('reports files that include each other instead of looping', async () => {
      const report = await scanFilesOk(service, [
        { path: 'a.txt', content: '-r b.txt\nsix==1.16.0\n' },
        { path: 'b.txt', content: '-r a.txt\nclick==7.0\n' },
      ]);
      expect(codesOf(report, 'INCLUDE_CYCLE').length).toBeGreaterThan(0);
    });

    it('finds a package required twice across the include tree', async () => {
      const report = await scanFilesOk(service, [
        { path: 'requirements.txt', content: '-r base.txt\nrequests==2.21.0\n' },
        { path: 'base.txt', content: 'requests>=2.0\n' },
      ]);
      expect(codesOf(report, 'DUPLICATE').length).toBeGreaterThan(0);
      expect(codesOf(report, 'DUPLICATE').every((finding) => finding.package === 'requests')).toBe(true);
    });

    it("puts DUPLICATE on the later line in pip's reading order, naming the earlier one (the include is read where -r stands)", async () => {
      const report = await scanFilesOk(service, [
        { path: 'requirements/prod.txt', content: '-r base.txt\ngunicorn==19.9.0\nDjango==2.2.4\n' },
        { path: 'requirements/base.txt', content: 'six==1.12.0\ndjango==2.2.4\n' },
      ]);
      expect(codesOf(report, 'DUPLICATE').map((finding) => [finding.file, finding.line, finding.message])).toEqual([
        ['requirements/prod.txt', 3, 'Django is already required at requirements/base.txt line 2'],
      ]);
    });

    it('does not report HASHES_INCOMPLETE on a line whose marker is false on the runtime (37.22.0 runs Python 3.7)', async () => {
      const content = `six==1.12.0 --hash=sha256:${'a'.repeat(64)}\ndataclasses==0.8 ; python_version < "3.7"\nattrs==19.1.0\n`;
      const onRuntime = await scanFilesOk(service, [{ path: 'requirements.txt', content }], '37.22.0');
      expect(codesOf(onRuntime, 'HASHES_INCOMPLETE').map((finding) => finding.line)).toEqual([3]);
      const anywhere = await scanFilesOk(service, [{ path: 'requirements.txt', content }]);
      expect(codesOf(anywhere, 'HASHES_INCOMPLETE').map((finding) => finding.line)).toEqual([2, 3]);
    });

    it('scans pip files, pyproject.toml and Pipfile of one repository together, each by its name', async () => {
      const report = await scanFilesOk(
        service,
        [
          { path: 'requirements.txt', content: 'Django==2.1.15\n' },
          { path: 'backend/pyproject.toml', content: '[project]\nname = "backend"\nrequires-python = ">=3.8"\ndependencies = ["requests<2.21"]\n' },
          { path: 'tools/Pipfile', content: '[packages]\nsix = "==1.16.0"\n' },
        ],
        '37.22.0',
      );
      expect(report.requirements.map((requirement) => [requirement.file, requirement.name])).toEqual([
        ['requirements.txt', 'django'],
        ['backend/pyproject.toml', 'requests'],
        ['tools/Pipfile', 'six'],
      ]);
      expect(codesOf(report, 'RUNTIME_OVERRIDE').map((finding) => [finding.file, finding.package])).toEqual([
        ['requirements.txt', 'django'],
        ['backend/pyproject.toml', 'requests'],
      ]);
      expect(codesOf(report, 'PYTHON_INCOMPATIBLE').map((finding) => finding.file)).toEqual(['backend/pyproject.toml']);
    });
  });

  describe('argument checks', () => {
    const file = (path: string, content = 'six==1.16.0\n') => ({ path, content });

    it('refuses an empty list, naming files', async () => {
      const error = firstError(await service.gql(SCAN_FILES, { files: [] }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'files' });
      expect(error.message).toMatch(/at least one file/);
    });

    it('refuses more than 1000 files, naming files', async () => {
      const files = Array.from({ length: 1001 }, (_, index) => file(`f${index}.txt`, ''));
      const error = firstError(await service.gql(SCAN_FILES, { files }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'files' });
      expect(error.message).toContain('1000');
    });

    it('accepts 1000 files', async () => {
      const files = Array.from({ length: 1000 }, (_, index) => file(`f${index}.txt`, `pkg${index}==1.0\n`));
      const report = await scanFilesOk(service, files);
      expect(report.requirements).toHaveLength(1000);
    });

    it.each([
      ['an empty path', [file('a.txt'), file('')], 'files[1].path'],
      ['a blank path', [file('  ')], 'files[0].path'],
      ['a path of more than 1024 characters', [file(`${'d/'.repeat(600)}r.txt`)], 'files[0].path'],
      ['the same path twice', [file('a.txt'), file('b.txt'), file('a.txt')], 'files[2].path'],
    ])('refuses %s with BAD_USER_INPUT naming %s', async (_label, files, field) => {
      const response = await service.gql(SCAN_FILES, { files });
      expect(firstError(response)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.data).toBeNull();
    });

    it('names the file whose content is binary', async () => {
      const error = firstError(await service.gql(SCAN_FILES, { files: [file('a.txt'), file('b.txt', 'six\u0000\u0001\u0002')] }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'files[1].content' });
      expect(error.message).toContain('b.txt');
    });

    it('refuses a missing path or content as a GraphQL validation error (BAD_USER_INPUT)', async () => {
      const response = await service.gql(SCAN_FILES, { files: [{ path: 'a.txt' }] });
      expect(firstError(response).code).toBe('BAD_USER_INPUT');
    });

    it('answers an unknown runtime with NOT_FOUND naming runtime', async () => {
      const error = firstError(await service.gql(SCAN_FILES, { files: [file('a.txt')], runtime: '37.99.0' }));
      expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'runtime' });
    });
  });
});
