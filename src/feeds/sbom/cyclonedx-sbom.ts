/**
 * A CycloneDX 1.6 JSON software bill of materials of an application on a PyPE runtime: what is
 * installed when the app's requirements are installed on that runtime. The runtime's bundled
 * packages, except those a requirement replaces (pip reinstalls a package whose bundled version
 * the requirement excludes, or that it takes from a URL), plus the packages the requirements add.
 *
 * Pure (no clock, no randomness: the caller passes the time and serial number), so the service's
 * SBOM export and the CLI's `scan --format cyclonedx` build the same document.
 * What counts: requirements of the main list (not Pipfile dev-packages, Poetry groups or
 * optional extras) whose marker holds on the runtime; constraints (`-c`) install nothing but pin
 * the version of what is required.
 */
import type { DeclaredRequirement } from '../../requirements';
import { defaultLinuxCPythonEnvironment } from '../../requirements/pep508/marker';
import { markerHolds, runtimeContext } from '../../requirements/scan/checks/runtime-checks';
import { acceptsVersion } from '../../requirements/scan/requirement-versions';

export const CYCLONEDX_SPEC_VERSION = '1.6';
export const CYCLONEDX_MEDIA_TYPE = 'application/vnd.cyclonedx+json; version=1.6';

export type SbomRequirement = Pick<DeclaredRequirement, 'name' | 'specifiers' | 'alternatives' | 'marker' | 'url' | 'constraint' | 'group' | 'file' | 'line'>;

export interface SbomInput {
  /** The application (or, from the CLI, the scanned project). */
  subject: { name: string; version?: string | null; description?: string | null; properties?: Record<string, string> };
  /** The runtime the requirements are installed on; null: only the requirements (unknown platform). */
  runtime: { version: string; pythonVersion: string; packages: ReadonlyArray<{ name: string; version: string }> } | null;
  requirements: readonly SbomRequirement[];
  /** Who made the document. */
  tool: { name: string; version: string };
  timestamp: Date;
  /** `urn:uuid:…`, unique per document. */
  serialNumber: string;
}

interface Property {
  name: string;
  value: string;
}

export interface CycloneDxComponent {
  type: 'library' | 'application' | 'platform';
  'bom-ref': string;
  name: string;
  version?: string;
  description?: string;
  purl?: string;
  externalReferences?: Array<{ type: 'distribution' | 'vcs'; url: string }>;
  properties?: Property[];
}

export interface CycloneDxBom {
  $schema: string;
  bomFormat: 'CycloneDX';
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    tools: { components: CycloneDxComponent[] };
    component: CycloneDxComponent;
    properties?: Property[];
  };
  components: CycloneDxComponent[];
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
}

/**
 * `pkg:pypi/<name>@<version>` (the purl spec: the name lower case with `_` as `-`, the version
 * percent-encoded, so a local version's `+` is `%2B`); without `@` when the version is unknown.
 */
export function pypiPurl(name: string, version: string | null): string {
  const purlName = encodeURIComponent(name.toLowerCase().replace(/[-_.]+/g, '-'));
  return version === null ? `pkg:pypi/${purlName}` : `pkg:pypi/${purlName}@${encodeURIComponent(version)}`;
}

/** The one version a requirement pins (`==1.2`, `===1.2`), or null when it allows a range. */
export function pinnedVersion(requirement: Pick<SbomRequirement, 'specifiers' | 'alternatives' | 'url'>): string | null {
  if (requirement.url !== null || requirement.alternatives !== null || requirement.specifiers.length !== 1) return null;
  const [{ operator, version }] = requirement.specifiers;
  return (operator === '==' && !version.endsWith('.*')) || operator === '===' ? version : null;
}

const specifierText = (requirement: SbomRequirement): string => requirement.specifiers.map((clause) => `${clause.operator}${clause.version}`).join(',');

interface Installed {
  name: string;
  version: string | null;
  source: 'runtime' | 'requirements';
  /** The bundled version a requirement replaces. */
  replaces: string | null;
  requirement: SbomRequirement | null;
}

/** What is installed, by canonical name, in the order bundled packages then added ones (each sorted by name). */
export function installedPackages(input: Pick<SbomInput, 'runtime' | 'requirements'>): Installed[] {
  const installed = new Map<string, Installed>();
  const bundled = new Map<string, string>();
  const context = input.runtime === null ? null : runtimeContext(input.runtime, defaultLinuxCPythonEnvironment(input.runtime.pythonVersion));
  if (context !== null) for (const [name, version] of context.bundled) bundled.set(name, version);
  for (const [name, version] of [...bundled].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    installed.set(name, { name, version, source: 'runtime', replaces: null, requirement: null });
  }
  const added: Installed[] = [];
  for (const requirement of input.requirements) {
    const name = requirement.name;
    if (name === null || requirement.constraint || requirement.group !== null) continue;
    if (context !== null && markerHolds(requirement.marker, context) !== true) continue;
    const bundledVersion = bundled.get(name);
    const current = installed.get(name);
    if (bundledVersion !== undefined && current?.source === 'runtime') {
      // pip keeps the platform's copy when it satisfies the requirement.
      if (requirement.url === null && acceptsVersion(requirement, bundledVersion)) continue;
      installed.set(name, { name, version: pinnedVersion(requirement), source: 'requirements', replaces: bundledVersion, requirement });
      continue;
    }
    if (current !== undefined) {
      // Named twice (two files): an exact pin tells more than a range.
      if (current.version === null && pinnedVersion(requirement) !== null) current.version = pinnedVersion(requirement);
      continue;
    }
    const entry: Installed = { name, version: pinnedVersion(requirement), source: 'requirements', replaces: null, requirement };
    installed.set(name, entry);
    added.push(entry);
  }
  // A constraint installs nothing, but pins what something else requires.
  for (const requirement of input.requirements) {
    const entry = requirement.constraint && requirement.name !== null ? installed.get(requirement.name) : undefined;
    if (entry !== undefined && entry.source === 'requirements' && entry.version === null) entry.version = pinnedVersion(requirement);
  }
  added.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...[...installed.values()].filter((entry) => !added.includes(entry)), ...added];
}

function componentOf(entry: Installed): CycloneDxComponent {
  const properties: Property[] = [{ name: 'pype:source', value: entry.source }];
  if (entry.replaces !== null) properties.push({ name: 'pype:replacesBundledVersion', value: entry.replaces });
  if (entry.requirement !== null) {
    properties.push({ name: 'pype:declaredIn', value: `${entry.requirement.file}:${entry.requirement.line}` });
    if (entry.version === null && entry.requirement.specifiers.length > 0) properties.push({ name: 'pype:specifier', value: specifierText(entry.requirement) });
  }
  const purl = pypiPurl(entry.name, entry.version);
  return {
    type: 'library',
    'bom-ref': entry.version === null ? `${purl}#${entry.source}` : purl,
    name: entry.name,
    ...(entry.version === null ? {} : { version: entry.version }),
    purl,
    ...(entry.requirement?.url ? { externalReferences: [{ type: 'distribution' as const, url: entry.requirement.url }] } : {}),
    properties,
  };
}

const asProperties = (record: Record<string, string> | undefined): Property[] => Object.entries(record ?? {}).map(([name, value]) => ({ name, value }));

export function buildCycloneDxSbom(input: SbomInput): CycloneDxBom {
  const subjectRef = `application:${input.subject.name}`;
  const libraries = installedPackages(input).map(componentOf);
  const components: CycloneDxComponent[] = [...libraries];
  if (input.runtime !== null) {
    components.unshift({
      type: 'platform',
      'bom-ref': `pype-runtime:${input.runtime.version}`,
      name: 'pype-runtime',
      version: input.runtime.version,
      description: `PyPE runtime ${input.runtime.version} (Python ${input.runtime.pythonVersion})`,
      properties: [{ name: 'pype:pythonVersion', value: input.runtime.pythonVersion }],
    });
  }
  const subjectProperties = asProperties(input.subject.properties);
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: CYCLONEDX_SPEC_VERSION,
    serialNumber: input.serialNumber,
    version: 1,
    metadata: {
      timestamp: input.timestamp.toISOString(),
      tools: { components: [{ type: 'application', 'bom-ref': `tool:${input.tool.name}`, name: input.tool.name, version: input.tool.version }] },
      component: {
        type: 'application',
        'bom-ref': subjectRef,
        name: input.subject.name,
        ...(input.subject.version ? { version: input.subject.version } : {}),
        ...(input.subject.description ? { description: input.subject.description } : {}),
        ...(subjectProperties.length > 0 ? { properties: subjectProperties } : {}),
      },
    },
    components,
    // Only what the app depends on: the packages' own dependencies are not known here (an empty list would claim they have none).
    dependencies: [{ ref: subjectRef, dependsOn: components.map((component) => component['bom-ref']) }],
  };
}
