/**
 * Checks against a runtime release: which requirements replace a bundled package
 * (RUNTIME_OVERRIDE, RUNTIME_DOWNGRADE), which are skipped there (MARKER_EXCLUDES_RUNTIME),
 * and whether the project accepts the runtime's Python (PYTHON_INCOMPATIBLE).
 */
import type { Finding, MarkerEnvironment } from '../../types';
import { canonicalizeName } from '../../pep508/name';
import { evaluateMarker, parseMarker } from '../../pep508/marker';
import { parseSpecifierSet } from '../../pep440/specifier';
import { parseVersion } from '../../pep440/version';
import { makeFinding, NO_FINDINGS } from '../findings';
import type { DeclaredRequirement, PythonRequirement } from '../../file-model/model';
import { acceptsVersion, allowsAtOrAbove } from '../requirement-versions';
import { describeSpecifiers } from './requirement-checks';

export interface RuntimeRelease {
  /** The platform release, e.g. `36.11.0`. */
  version: string;
  /** Python version of the release, e.g. `3.6` or `3.6.8`. */
  pythonVersion: string;
  packages: ReadonlyArray<{ name: string; version: string }>;
  /** Where the release stands in its lifecycle on the day of the scan; without it, no lifecycle findings. */
  lifecycle?: RuntimeLifecycle | null;
}

/** A release's lifecycle as judged on the day of the scan (the caller derives the status from the dates). */
export interface RuntimeLifecycle {
  status: 'ANTICIPATED' | 'SUPPORTED' | 'DEPRECATED' | 'END_OF_LIFE';
  /** YYYY-MM-DD. */
  generalAvailability: string;
  endOfSupport: string;
  /** From the day of the scan until end of support (negative once ended). */
  daysUntilEndOfSupport: number;
  /** The release apps on this one should move to. */
  migrationTarget: string | null;
}

export interface RuntimeContext {
  release: RuntimeRelease;
  environment: MarkerEnvironment;
  /** Bundled version by canonical name. */
  bundled: Map<string, string>;
  /** Marker results on this runtime by marker text: files repeat the same few markers. */
  markerResults: Map<string, boolean | null>;
}

export function runtimeContext(release: RuntimeRelease, environment: MarkerEnvironment): RuntimeContext {
  const bundled = new Map<string, string>();
  for (const pkg of release.packages) bundled.set(canonicalizeName(pkg.name), pkg.version);
  return { release, environment, bundled, markerResults: new Map() };
}

function evaluateOnRuntime(marker: string, environment: MarkerEnvironment): boolean | null {
  try {
    return evaluateMarker(parseMarker(marker), { ...environment, extra: environment.extra ?? '' });
  } catch {
    return null;
  }
}

/** Whether the marker holds on the runtime; a requirement without marker always applies. Null when it cannot be evaluated. */
export function markerHolds(marker: string | null, context: Pick<RuntimeContext, 'environment' | 'markerResults'>): boolean | null {
  if (marker === null) return true;
  let result = context.markerResults.get(marker);
  if (result === undefined) {
    result = evaluateOnRuntime(marker, context.environment);
    context.markerResults.set(marker, result);
  }
  return result;
}

function label(requirement: DeclaredRequirement): string {
  return requirement.rawName ?? requirement.name ?? requirement.text;
}

/**
 * RUNTIME_OVERRIDE exactly as the product defines it: the specifier excludes the bundled version.
 * A direct reference (URL, VCS, path, editable) has no specifier, so it is not an override in that
 * sense, but it replaces the copy all the same: RUNTIME_REPLACED_BY_REFERENCE says so.
 */
export function checkRuntimeOverride(requirement: DeclaredRequirement, context: RuntimeContext): readonly Finding[] {
  if (requirement.name === null) return NO_FINDINGS;
  const bundledVersion = context.bundled.get(requirement.name);
  if (bundledVersion === undefined) return NO_FINDINGS;
  if (markerHolds(requirement.marker, context) !== true) return NO_FINDINGS;
  const at = { file: requirement.file, line: requirement.line, package: requirement.name };
  const runtime = context.release.version;
  if (requirement.url !== null) {
    return [
      makeFinding('RUNTIME_REPLACED_BY_REFERENCE', {
        ...at,
        message: `${label(requirement)} is installed from ${requirement.source === 'path' ? 'a local path' : 'a direct reference'}, replacing ${requirement.name} ${bundledVersion} bundled with runtime ${runtime}`,
      }),
    ];
  }
  if (acceptsVersion(requirement, bundledVersion)) return NO_FINDINGS;
  const findings = [
    makeFinding('RUNTIME_OVERRIDE', {
      ...at,
      message: `${label(requirement)} ${describeSpecifiers(requirement)} excludes ${bundledVersion}, the version bundled with runtime ${runtime}: pip installs another version over it`,
    }),
  ];
  // "Older" needs an order: a bundled version that is not PEP 440 has none.
  if (parseVersion(bundledVersion) !== null && !allowsAtOrAbove(requirement, bundledVersion)) {
    findings.push(
      makeFinding('RUNTIME_DOWNGRADE', {
        ...at,
        message: `${label(requirement)} ${describeSpecifiers(requirement)} allows only versions older than ${bundledVersion}, the version bundled with runtime ${runtime}`,
      }),
    );
  }
  return findings;
}

export function checkMarkerOnRuntime(requirement: DeclaredRequirement, context: RuntimeContext): readonly Finding[] {
  if (requirement.marker === null || requirement.constraint) return NO_FINDINGS;
  if (markerHolds(requirement.marker, context) !== false) return NO_FINDINGS;
  return [
    makeFinding('MARKER_EXCLUDES_RUNTIME', {
      file: requirement.file,
      line: requirement.line,
      package: requirement.name,
      message: `${label(requirement)} is not installed on runtime ${context.release.version}: its marker ${requirement.marker} is false for Python ${context.environment.python_full_version} on Linux`,
    }),
  ];
}

export function checkPythonRequirement(requirement: PythonRequirement, context: RuntimeContext): readonly Finding[] {
  const python = context.environment.python_full_version;
  const accepted = requirement.specifiers.some((specifier) => {
    try {
      return parseSpecifierSet(specifier).contains(python, { prereleases: true });
    } catch {
      return true;
    }
  });
  if (accepted) return NO_FINDINGS;
  return [
    makeFinding('PYTHON_INCOMPATIBLE', {
      file: requirement.file,
      line: requirement.line,
      package: null,
      message: `${requirement.origin} "${requirement.text}" excludes Python ${python}, which runtime ${context.release.version} runs`,
    }),
  ];
}
