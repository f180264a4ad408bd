/**
 * Checks that a release's fields are well-formed and consistent with each other. These are facts,
 * not policy: no reason can override them.
 */
import { parse as parseSemver } from 'semver';
import { compareDates, isCalendarDate } from '../../calendar/calendar-date';
import type { PolicyViolation } from './policy-violation';
import { isReleaseTrack, RELEASE_TRACKS } from './release-track';

export interface ReleaseShapeCandidate {
  version: string;
  pythonVersion: string;
  /** Checked, so typed loosely: input may come from a file or a CLI as well as from GraphQL. */
  track: string;
  generalAvailability: string;
  endOfSupport: string;
}

/**
 * The Python a runtime ships, as `X.Y` or `X.Y.Z`, digits only and without leading zeros.
 * Every such string is a valid PEP 440 version already in canonical form. The rest of PEP 440
 * (pre-, post- and dev-releases, epochs, local labels) never names the CPython a production
 * runtime ships, and a canonical form keeps `3.07` and `3.7` from being two different values.
 * Major and minor are required because the release version encodes them.
 */
const PYTHON_VERSION_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/;

const PLAIN_SEMVER_PATTERN = /^\d+\.\d+\.\d+$/;

export interface PythonRelease {
  major: number;
  minor: number;
  micro: number | null;
}

export function parsePythonVersion(text: string): PythonRelease | null {
  const match = PYTHON_VERSION_PATTERN.exec(text);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), micro: match[3] === undefined ? null : Number(match[3]) };
}

/** The first number of a runtime version for a Python: major followed by minor (3.10 → 310). */
export function versionPrefixForPython(python: Pick<PythonRelease, 'major' | 'minor'>): string {
  return `${python.major}${python.minor}`;
}

function versionViolations(version: string): PolicyViolation[] {
  const parsed = parseSemver(version); // strict: no leading zeros, no loose whitespace or "="
  if (parsed !== null && PLAIN_SEMVER_PATTERN.test(version)) return [];
  const hasSuffix = parsed !== null && (parsed.prerelease.length > 0 || parsed.build.length > 0);
  const message = hasSuffix
    ? `version ${JSON.stringify(version)} has a pre-release or build suffix; runtime releases are plain x.y.z such as 37.22.0`
    : `version must be a semantic version x.y.z without leading zeros, such as 37.22.0 (Python 3.7, series 22, patch 0); got ${JSON.stringify(version)}`;
  return [{ code: 'INVALID_VERSION', field: 'version', message, requires: 'NOTHING_CAN_OVERRIDE' }];
}

function pythonVersionViolations(pythonVersion: string): PolicyViolation[] {
  if (parsePythonVersion(pythonVersion) !== null) return [];
  return [
    {
      code: 'INVALID_PYTHON_VERSION',
      field: 'pythonVersion',
      message: `pythonVersion must be a Python release written X.Y or X.Y.Z with digits only, such as 3.7 or 3.7.4; got ${JSON.stringify(pythonVersion)}`,
      requires: 'NOTHING_CAN_OVERRIDE',
    },
  ];
}

function versionMatchesPythonViolations(version: string, pythonVersion: string): PolicyViolation[] {
  const python = parsePythonVersion(pythonVersion);
  const parsed = PLAIN_SEMVER_PATTERN.test(version) ? parseSemver(version) : null;
  if (python === null || parsed === null) return []; // already reported as malformed
  const expected = versionPrefixForPython(python);
  if (String(parsed.major) === expected) return [];
  return [
    {
      code: 'VERSION_PYTHON_MISMATCH',
      field: 'version',
      message:
        `version ${version} starts with ${parsed.major}, but pythonVersion ${pythonVersion} needs it to start with ${expected} ` +
        `(Python major ${python.major} followed by minor ${python.minor}, e.g. ${expected}.${parsed.minor}.${parsed.patch}); fix whichever is wrong`,
      requires: 'NOTHING_CAN_OVERRIDE',
    },
  ];
}

function trackViolations(track: string): PolicyViolation[] {
  if (isReleaseTrack(track)) return [];
  return [
    {
      code: 'INVALID_TRACK',
      field: 'track',
      message: `track must be ${RELEASE_TRACKS.join(' or ')}; got ${JSON.stringify(track)}`,
      requires: 'NOTHING_CAN_OVERRIDE',
    },
  ];
}

function dateViolations(candidate: Pick<ReleaseShapeCandidate, 'generalAvailability' | 'endOfSupport'>): PolicyViolation[] {
  const malformed = (['generalAvailability', 'endOfSupport'] as const)
    .filter((field) => !isCalendarDate(candidate[field]))
    .map((field): PolicyViolation => ({
      code: 'INVALID_DATE',
      field,
      message: `${field} must be a real calendar date written YYYY-MM-DD, such as 2027-04-01; got ${JSON.stringify(candidate[field])}`,
      requires: 'NOTHING_CAN_OVERRIDE',
    }));
  if (malformed.length > 0) return malformed;
  if (compareDates(candidate.endOfSupport, candidate.generalAvailability) > 0) return [];
  return [
    {
      code: 'END_NOT_AFTER_GENERAL_AVAILABILITY',
      field: 'endOfSupport',
      message: `endOfSupport ${candidate.endOfSupport} must be after generalAvailability ${candidate.generalAvailability}`,
      requires: 'NOTHING_CAN_OVERRIDE',
    },
  ];
}

/** Every shape problem of a release candidate at once, so a person can fix them in one go. */
export function checkReleaseShape(candidate: ReleaseShapeCandidate): PolicyViolation[] {
  return [
    ...versionViolations(candidate.version),
    ...pythonVersionViolations(candidate.pythonVersion),
    ...versionMatchesPythonViolations(candidate.version, candidate.pythonVersion),
    ...trackViolations(candidate.track),
    ...dateViolations(candidate),
  ];
}
