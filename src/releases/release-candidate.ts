/**
 * Turns GraphQL input into a complete, normalised release candidate: required fields present,
 * package names canonical and unique, versions valid PEP 440 (kept as written). Pure, so it is tested on its own.
 */
import { badInput } from '../common/errors/domain-error';
import { parseVersion } from '../requirements/pep440/version';
import { canonicalizeName, isValidName } from '../requirements/pep508/name';
import type { CatalogRelease } from './catalog.store';
import type { Track } from './release.entity';

export interface PackageSpec {
  name: string;
  version: string;
}

export interface ReleaseCandidateFields {
  version: string;
  pythonVersion: string;
  track: Track;
  generalAvailability: string;
  endOfSupport: string;
  packages: PackageSpec[];
  migrationTarget: string | null;
  notes: string | null;
}

export interface ReleaseFieldsPatch {
  pythonVersion?: string | null;
  track?: string | null;
  generalAvailability?: string | null;
  endOfSupport?: string | null;
  packages?: PackageSpec[] | null;
  migrationTarget?: string | null;
  notes?: string | null;
}

const REQUIRED_FIELDS = ['pythonVersion', 'track', 'generalAvailability', 'endOfSupport'] as const;

/** Canonical, unique, sorted packages; errors name the offending list entry. */
export function normalizePackages(packages: readonly PackageSpec[]): PackageSpec[] {
  const firstIndexByName = new Map<string, number>();
  const normalized = packages.map((pkg, index) => {
    const name = pkg.name.trim();
    if (!isValidName(name)) {
      throw badInput(
        `packages[${index}].name`,
        `packages[${index}].name ${JSON.stringify(pkg.name)} is not a valid Python package name (letters, digits, '.', '_' and '-', starting and ending with a letter or digit)`,
      );
    }
    const canonical = canonicalizeName(name);
    const earlier = firstIndexByName.get(canonical);
    if (earlier !== undefined) {
      throw badInput(`packages[${index}].name`, `packages[${index}] repeats ${canonical} (already at packages[${earlier}]); list each package once`);
    }
    firstIndexByName.set(canonical, index);
    const versionText = pkg.version.trim();
    if (parseVersion(versionText) === null) {
      throw badInput(
        `packages[${index}].version`,
        `packages[${index}].version ${JSON.stringify(pkg.version)} for ${canonical} is not a valid PEP 440 version (e.g. 2.2.4, 1.0rc1, 2019.1)`,
      );
    }
    // The text as published, not normalised: `===` (arbitrary equality) compares text, so
    // packaging's `SpecifierSet("===1.01").contains("1.01")` holds and "1.1" would not.
    return { name: canonical, version: versionText };
  });
  return normalized.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function blankToNull(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The release that results from applying `patch` on top of `base` (an existing draft, or
 * nothing when the release is new). Fields left out keep the base's value.
 */
export function buildCandidate(version: string, patch: ReleaseFieldsPatch, base: CatalogRelease | null): ReleaseCandidateFields {
  const merged = {
    pythonVersion: blankToNull(patch.pythonVersion) ?? base?.pythonVersion ?? null,
    track: (patch.track ?? base?.track ?? null) as Track | null,
    generalAvailability: patch.generalAvailability ?? base?.generalAvailability ?? null,
    endOfSupport: patch.endOfSupport ?? base?.endOfSupport ?? null,
  };
  for (const field of REQUIRED_FIELDS) {
    if (merged[field] === null) {
      throw badInput(field, `${field} is required: release ${version} does not exist yet, so give every one of ${REQUIRED_FIELDS.join(', ')}`);
    }
  }
  const migrationTarget = patch.migrationTarget === undefined ? (base?.migrationTargetVersion ?? null) : (blankToNull(patch.migrationTarget) ?? null);
  const notes = patch.notes === undefined ? (base?.notes ?? null) : (blankToNull(patch.notes) ?? null);
  return {
    version: version.trim(),
    pythonVersion: merged.pythonVersion!,
    track: merged.track!,
    generalAvailability: merged.generalAvailability!,
    endOfSupport: merged.endOfSupport!,
    packages: patch.packages ? normalizePackages(patch.packages) : [...(base?.packages ?? [])],
    migrationTarget,
    notes,
  };
}

/** What the audit log keeps of a release: everything a reader needs to see what changed. */
export function auditSnapshotOf(release: ReleaseCandidateFields & { state: string }): Record<string, unknown> {
  return {
    version: release.version,
    state: release.state,
    pythonVersion: release.pythonVersion,
    track: release.track,
    generalAvailability: release.generalAvailability,
    endOfSupport: release.endOfSupport,
    migrationTarget: release.migrationTarget,
    notes: release.notes,
    packages: release.packages.map((pkg) => `${pkg.name}==${pkg.version}`),
  };
}

export function candidateOf(release: CatalogRelease): ReleaseCandidateFields & { state: string } {
  return {
    version: release.version,
    state: release.state,
    pythonVersion: release.pythonVersion,
    track: release.track,
    generalAvailability: release.generalAvailability,
    endOfSupport: release.endOfSupport,
    packages: [...release.packages],
    migrationTarget: release.migrationTargetVersion,
    notes: release.notes,
  };
}
