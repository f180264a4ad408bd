/**
 * Random and mutated files through the whole API (engine, mapper, GraphQL non-null fields,
 * serialisation), every format and runtime: the answer is a report or a BAD_USER_INPUT, never a
 * server error, and every report keeps the invariants clients rely on. The engine's own fuzz
 * test covers the parser with a million inputs; this one covers what lies around it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../src/requirements';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';
import { SCAN_FILES, SCAN_REQUIREMENTS, type ScanReport } from './scan-support';

const FRAGMENTS = [
  'Django',
  'requests',
  'python-ldap',
  'zope.interface',
  'a',
  '_',
  '-',
  '.',
  'Flask_SQLAlchemy',
  '[security]',
  '[',
  ']',
  ',',
  '==',
  '>=',
  '<=',
  '~=',
  '!=',
  '===',
  '<',
  '>',
  '(',
  ')',
  '*',
  '.*',
  '2.2',
  '1.0a1',
  '3.0.0b2',
  '1!2.0',
  '1.0+local',
  '1.0.post1.dev2',
  'v1',
  ';',
  ' and ',
  ' or ',
  'python_version',
  'sys_platform',
  'extra',
  'os.name',
  '"3.7"',
  "'linux'",
  ' in ',
  ' not in ',
  '-r base.txt',
  '-c constraints.txt',
  '-e ',
  '--hash=sha256:',
  'abcdef0123456789'.repeat(4),
  '--index-url ',
  '--extra-index-url ',
  '-f ',
  '--no-index',
  '--pre',
  '--trusted-host ',
  '--config-settings',
  ' --global-option=x',
  'https://pypi.org/simple',
  'http://mirror.local/simple',
  'git+https://github.com/o/r.git@main#egg=r',
  'git+ssh://git@github.com/o/r.git@0123456789abcdef0123456789abcdef01234567',
  '@',
  ' @ ',
  'file:///tmp/x.whl',
  './libs/x',
  'x-1.0-py3-none-any.whl',
  '#egg=',
  '${HOME}',
  '$',
  '{',
  '}',
  '#',
  ' # comment',
  '\\',
  '\\\n',
  '\t',
  ' ',
  '\u00e9',
  '\u{1F40D}',
  '\ud800',
  '\uFFFD',
  '\u202e',
  '\r',
  '[project]',
  'dependencies = [',
  '"django>=2",',
  ']',
  '[tool.poetry.dependencies]',
  'python = "^3.6"',
  'django = "^2.1 || ^3.0"',
  '= {',
  'version = "*"',
  '[packages]',
  '[requires]',
  'python_version = "3.6"',
  '[[source]]',
  'url = ',
  '"',
  "'",
  '"""',
  '[[package]]',
  'name = "six"',
  '{"_meta": {}, "default": {',
];

const FILENAMES = ['requirements.txt', 'requirements/dev.in', 'pyproject.toml', 'Pipfile', 'poetry.lock', 'Pipfile.lock', 'constraints.txt', 'README'];
const RUNTIMES = [null, '37.22.0', '36.20.0', '27.11.0'];

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

function randomFile(random: () => number): string {
  const lines: string[] = [];
  const count = 1 + (random() % 25);
  for (let line = 0; line < count; line += 1) {
    const parts: string[] = [];
    const length = random() % 9;
    for (let part = 0; part < length; part += 1) parts.push(FRAGMENTS[random() % FRAGMENTS.length]);
    lines.push(parts.join(random() % 3 === 0 ? ' ' : ''));
  }
  return lines.join(random() % 5 === 0 ? '\r\n' : '\n');
}

const SEVERITY_OF = new Map(FINDING_CODES.map((info) => [info.code, info.severity]));

function checkReport(report: ScanReport, files: { path: string; content: string }[]): void {
  const lineCounts = new Map(files.map((file) => [file.path, file.content.split(/\r\n|\r|\n/).length]));
  for (const requirement of report.requirements) {
    expect(requirement.name).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$|^[a-z0-9]$/); // PEP 503 canonical
    expect(lineCounts.has(requirement.file)).toBe(true);
    expect(requirement.line).toBeGreaterThanOrEqual(1);
    expect(requirement.line).toBeLessThanOrEqual(lineCounts.get(requirement.file)!);
  }
  for (const finding of report.findings) {
    expect(SEVERITY_OF.get(finding.code), `unknown code ${finding.code}`).toBe(finding.severity);
    if (finding.line !== null) expect(finding.line).toBeGreaterThanOrEqual(1);
  }
  expect(report.summary.errors + report.summary.warnings + report.summary.infos).toBe(report.findings.length);
}

describe('API fuzz', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
    await seedCatalog(service.dataSource, service.clock.now());
  });
  afterAll(async () => service.close());

  it('answers 250 random single files with a report or BAD_USER_INPUT, never a server error', async () => {
    const random = generator(20261122);
    const cases = Array.from({ length: 250 }, () => ({
      content: randomFile(random),
      filename: FILENAMES[random() % FILENAMES.length],
      runtime: RUNTIMES[random() % RUNTIMES.length],
    }));
    for (let start = 0; start < cases.length; start += 20) {
      const batch = cases.slice(start, start + 20);
      const responses = await Promise.all(batch.map((variables) => service.gql<{ scanRequirements: ScanReport }>(SCAN_REQUIREMENTS, variables)));
      responses.forEach((response, index) => {
        const input = JSON.stringify(batch[index]);
        expect(response.status, input).toBe(200);
        if (response.errors) {
          expect(
            response.errors.map((error) => error.extensions?.code),
            input,
          ).toEqual(['BAD_USER_INPUT']);
        } else {
          checkReport(response.data!.scanRequirements, [{ path: batch[index].filename, content: batch[index].content }]);
        }
      });
    }
  });

  it('answers 60 random file sets with includes between them', async () => {
    const random = generator(42);
    for (let round = 0; round < 60; round += 1) {
      const count = 1 + (random() % 4);
      const files = Array.from({ length: count }, (_, index) => ({
        path: index === 0 ? 'requirements.txt' : ['base.txt', 'constraints.txt', 'sub/dev.txt', 'pyproject.toml'][index - 1],
        content: randomFile(random),
      }));
      const response = await service.gql<{ scanFiles: ScanReport }>(SCAN_FILES, { files, runtime: RUNTIMES[random() % RUNTIMES.length] });
      const input = JSON.stringify(files);
      expect(response.status, input).toBe(200);
      if (response.errors)
        expect(
          response.errors.map((error) => error.extensions?.code),
          input,
        ).toEqual(['BAD_USER_INPUT']);
      else checkReport(response.data!.scanFiles, files);
    }
  });
});
