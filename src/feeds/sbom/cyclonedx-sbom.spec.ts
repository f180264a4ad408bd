import { describe, expect, it } from 'vitest';
import { scan } from '../../requirements';
import { cycloneDxViolations } from '../../../test/setup/cyclonedx-schema';
import { buildCycloneDxSbom, installedPackages, pinnedVersion, pypiPurl } from './cyclonedx-sbom';

const runtime = {
  version: '36.11.0',
  pythonVersion: '3.6.1',
  packages: [
    { name: 'Django', version: '1.11' },
    { name: 'requests', version: '2.13.0' },
    { name: 'six', version: '1.10.0' },
  ],
};

function requirementsOf(content: string, path = 'requirements.txt') {
  return scan({ files: [{ path, content }], runtime }).requirements;
}

const base = {
  subject: { name: 'grades', description: 'Grades' },
  tool: { name: 'pype-lifecycle', version: '0.1.0' },
  timestamp: new Date('2026-12-06T12:00:00Z'),
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
};

describe('installedPackages', () => {
  it('keeps bundled packages a requirement accepts, replaces those it excludes, adds the rest', () => {
    const installed = installedPackages({
      runtime,
      requirements: requirementsOf(
        [
          'django>=1.11,<2',
          'requests==2.20.0',
          'flask==1.0.2',
          'celery>=4',
          'pywin32==223; sys_platform == "win32"',
          'pytest==3.0 ; python_version < "3"',
        ].join('\n'),
      ),
    });
    expect(installed.map(({ name, version, source, replaces }) => ({ name, version, source, replaces }))).toEqual([
      { name: 'django', version: '1.11', source: 'runtime', replaces: null },
      { name: 'requests', version: '2.20.0', source: 'requirements', replaces: '2.13.0' },
      { name: 'six', version: '1.10.0', source: 'runtime', replaces: null },
      { name: 'celery', version: null, source: 'requirements', replaces: null },
      { name: 'flask', version: '1.0.2', source: 'requirements', replaces: null },
    ]);
  });

  it('takes versions from constraints, installs nothing from them, and leaves out groups not installed in production', () => {
    const constraints = scan({
      files: [
        { path: 'requirements.txt', content: '-c constraints.txt\nflask\n' },
        { path: 'constraints.txt', content: 'flask==1.0.2\nrequests==2.20.0\n' },
      ],
      runtime,
    }).requirements;
    const names = installedPackages({ runtime, requirements: constraints }).map((entry) => `${entry.name}@${entry.version}`);
    expect(names).toEqual(['django@1.11', 'requests@2.13.0', 'six@1.10.0', 'flask@1.0.2']);
    const pipfile = requirementsOf('[packages]\nflask = "==1.0.2"\n[dev-packages]\npytest = "==3.0"\n', 'Pipfile');
    expect(installedPackages({ runtime: null, requirements: pipfile }).map((entry) => entry.name)).toEqual(['flask']);
  });
});

describe('buildCycloneDxSbom', () => {
  it('builds a CycloneDX 1.6 document that the schema accepts', () => {
    const bom = buildCycloneDxSbom({ ...base, runtime, requirements: requirementsOf('requests==2.20.0\nflask>=1\nlocal-thing==1.0+campus.1\n') });
    expect(cycloneDxViolations(bom)).toEqual([]);
    expect(bom.metadata.component).toMatchObject({ type: 'application', name: 'grades' });
    expect(bom.metadata.tools.components[0]).toMatchObject({ name: 'pype-lifecycle', version: '0.1.0' });
    expect(bom.components.map((component) => component.purl ?? component.name)).toEqual([
      'pype-runtime',
      'pkg:pypi/django@1.11',
      'pkg:pypi/requests@2.20.0',
      'pkg:pypi/six@1.10.0',
      'pkg:pypi/flask',
      'pkg:pypi/local-thing@1.0%2Bcampus.1',
    ]);
    const requests = bom.components.find((component) => component.name === 'requests')!;
    expect(requests.properties).toContainEqual({ name: 'pype:replacesBundledVersion', value: '2.13.0' });
    expect(bom.dependencies[0].dependsOn).toHaveLength(bom.components.length);
  });

  it('is valid without a runtime and without requirements', () => {
    expect(cycloneDxViolations(buildCycloneDxSbom({ ...base, runtime: null, requirements: [] }))).toEqual([]);
    expect(cycloneDxViolations(buildCycloneDxSbom({ ...base, runtime, requirements: [] }))).toEqual([]);
  });

  it('is refused by the schema when broken (the validator checks something)', () => {
    const bom = buildCycloneDxSbom({ ...base, runtime, requirements: [] }) as unknown as Record<string, unknown>;
    expect(cycloneDxViolations({ ...bom, specVersion: 1.6, components: [{ name: 'x' }] }).length).toBeGreaterThan(0);
  });
});

describe('purls and pins', () => {
  it('writes purls as the purl spec wants them for PyPI', () => {
    expect(pypiPurl('Zope.Interface', '5.0')).toBe('pkg:pypi/zope-interface@5.0');
    expect(pypiPurl('django', null)).toBe('pkg:pypi/django');
  });

  it('reads a pin only from a single == or ===', () => {
    const clause = (operator: '==' | '>=' | '===', version: string) => ({ operator, version });
    expect(pinnedVersion({ specifiers: [clause('==', '1.2')], alternatives: null, url: null })).toBe('1.2');
    expect(pinnedVersion({ specifiers: [clause('===', '1.2')], alternatives: null, url: null })).toBe('1.2');
    expect(pinnedVersion({ specifiers: [clause('==', '1.*')], alternatives: null, url: null })).toBeNull();
    expect(pinnedVersion({ specifiers: [clause('>=', '1.2')], alternatives: null, url: null })).toBeNull();
  });
});
