/**
 * The scan: read every file in its format, resolve includes inside the set, run the
 * checks, and return the requirements with ordered findings. Pure: no I/O, no clock.
 */
import type { Finding, MarkerEnvironment } from '../types';
import { AdvisoryIndex } from '../advisories/advisory-index';
import type { Advisory } from '../advisories/osv';
import { defaultLinuxCPythonEnvironment } from '../pep508/marker';
import { parseRequirementsFile } from '../pip/parse-requirements-file';
import { parsePyproject } from '../pyproject/parse-pyproject';
import { parsePipfile } from '../pipfile/parse-pipfile';
import { parsePipfileLock } from '../pipfile/parse-pipfile-lock';
import { parsePoetryLock } from '../pyproject/parse-poetry-lock';
import { detectFormat } from './detect-format';
import { parsePylock } from '../lockfiles/parse-pylock';
import { parseUvLock } from '../lockfiles/parse-uv-lock';
import { findingFromObservation, orderFindings } from './findings';
import { resolveIncludes, type InstallSet } from './include-graph';
import { decodeScanFiles, ScanInputError, type ScanFileInput } from './input';
import { emptyParsedFile, type DeclaredRequirement, type FileFormat, type ParsedFile } from '../file-model/model';
import { checkRequirement } from './checks/requirement-checks';
import {
  checkMarkerOnRuntime,
  checkPythonRequirement,
  checkRuntimeOverride,
  markerHolds,
  runtimeContext,
  type RuntimeContext,
  type RuntimeRelease,
} from './checks/runtime-checks';
import { checkCombinedSatisfiable, checkDuplicates, checkHashes, hashModeTrigger, repeatedNames, type SetEntry } from './checks/install-set-checks';
import { checkSource, checkTrustedHost } from './checks/source-checks';
import { checkBundledVulnerabilities, checkVulnerabilities } from './checks/vulnerability-checks';
import { checkRuntimeLifecycle } from './checks/lifecycle-checks';
import { readSuppressionFile, SUPPRESSION_FILE_NAME, type IgnoreEntry } from '../suppression/suppression-file';
import { applySuppressions, type SuppressedFinding } from '../suppression/apply-suppressions';
import { acceptsVersion, withSpecifierMemo } from './requirement-versions';

export interface ScanPolicy {
  /** URL prefixes an index, extra index or find-links location must start with; empty or absent means no allow-list. */
  allowedIndexUrls?: readonly string[];
}

export interface ScanOptions {
  files: readonly ScanFileInput[];
  runtime?: RuntimeRelease | null;
  policy?: ScanPolicy;
  /** OSV advisories, or an index built from them (build it once when scanning many times). */
  advisories?: readonly Advisory[] | AdvisoryIndex;
  /** Values for `${VAR}` in requirements files (pip reads the process environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Limit on the bytes of all files together (default 1 MiB). */
  maxBytes?: number;
  maxFiles?: number;
  /** Force a format for every file instead of deciding by file name. */
  format?: FileFormat;
  /**
   * Suppression files (`.pype-lifecycle.toml` format) besides those among `files`, which are
   * recognised by that name: `[[ignore]]` entries move matching findings to `suppressed`.
   */
  suppressions?: readonly ScanFileInput[];
  /** The day of the scan, YYYY-MM-DD: ignore entries expire and are bounded against it (null: no date checks). */
  asOf?: string | null;
}

export interface ScannedFile {
  path: string;
  format: FileFormat;
}

export interface ScanReport {
  requirements: DeclaredRequirement[];
  /** What is reported: every finding no ignore entry matched. */
  findings: Finding[];
  files: ScannedFile[];
  /** Findings an `[[ignore]]` entry of a suppression file matched, with its reason and until: reported apart, not dropped. */
  suppressed: SuppressedFinding[];
}

function parseFile(path: string, text: string, format: FileFormat, env: Readonly<Record<string, string | undefined>>): ParsedFile {
  switch (format) {
    case 'pyproject':
      return parsePyproject(path, text);
    case 'pipfile':
      return parsePipfile(path, text);
    case 'poetry-lock':
      return parsePoetryLock(path, text);
    case 'pipfile-lock':
      return parsePipfileLock(path, text);
    case 'pylock':
      return parsePylock(path, text);
    case 'uv-lock':
      return parseUvLock(path, text);
    case 'unsupported':
      return unsupportedFile(path);
    default:
      return parseRequirementsFile(path, text, { env });
  }
}

/** A file of a format the scanner does not read: one finding for the whole file. */
function unsupportedFile(path: string): ParsedFile {
  const message = `${path} is not a format this scanner reads (requirements.txt and *.in, pyproject.toml, Pipfile, Pipfile.lock, poetry.lock, pylock.toml, uv.lock); nothing in it was checked`;
  return {
    ...emptyParsedFile(path, 'unsupported'),
    observations: [{ code: 'UNSUPPORTED_FILE', file: path, line: null, package: null, message, hint: null }],
  };
}

/** A failure inside a reader is a bug; the scan reports it on the file instead of failing the whole request. */
function parseFileSafely(path: string, text: string, format: FileFormat, env: Readonly<Record<string, string | undefined>>): ParsedFile {
  try {
    return parseFile(path, text, format, env);
  } catch (error) {
    const message = `internal error while reading this file: ${error instanceof Error ? error.message : String(error)}`;
    return {
      ...emptyParsedFile(path, format),
      observations: [{ code: 'PARSE_ERROR', file: path, line: null, package: null, message, hint: 'Please report this file to the platform team.' }],
    };
  }
}

/** The reads of an install set: everything a pip file pulls in, or each group of a TOML file on its own. */
function installSetEntries(set: InstallSet): SetEntry[][] {
  if (set.root.format !== 'pip') {
    const byGroup = new Map<string, SetEntry[]>();
    for (const requirement of set.root.requirements) {
      const key = requirement.group ?? '';
      const list = byGroup.get(key) ?? [];
      list.push({ requirement, asConstraint: false });
      byGroup.set(key, list);
    }
    return [...byGroup.values()];
  }
  return [set.reads];
}

/** pip reads a file as constraints only when every include that reaches it is `-c`. */
function markConstraints(installSets: InstallSet[]): void {
  const modes = new Map<ParsedFile, Set<boolean>>();
  for (const set of installSets) {
    for (const member of set.members) {
      const seen = modes.get(member.file) ?? new Set<boolean>();
      seen.add(member.asConstraints);
      modes.set(member.file, seen);
    }
  }
  for (const [file, seen] of modes) {
    if (seen.size === 1 && seen.has(true)) for (const requirement of file.requirements) requirement.constraint = true;
  }
}

function runtimeFindings(sets: SetEntry[][], files: ParsedFile[], context: RuntimeContext, advisories: AdvisoryIndex | null): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) for (const python of file.pythonRequirements) append(findings, checkPythonRequirement(python, context));
  for (const entries of sets) {
    // Only constraints ask it, and most install sets have none.
    const requiredHere = entries.some((entry) => entry.asConstraint) ? namesRequiredOnRuntime(entries, context) : new Set<string>();
    for (const { requirement, asConstraint } of entries) {
      if (asConstraint) {
        // A constraint alone installs nothing; it replaces the bundled copy only when something requires the package.
        if (requirement.name !== null && requiredHere.has(requirement.name)) append(findings, checkRuntimeOverride(requirement, context));
        continue;
      }
      append(findings, checkRuntimeOverride(requirement, context));
      append(findings, checkMarkerOnRuntime(requirement, context));
    }
  }
  if (advisories) append(findings, bundledVulnerabilityFindings(sets, context, advisories));
  return findings;
}

/** Names that something other than a constraint requires on the runtime (its marker holds there). */
function namesRequiredOnRuntime(entries: readonly SetEntry[], context: RuntimeContext): Set<string> {
  const names = new Set<string>();
  for (const { requirement, asConstraint } of entries) {
    if (!asConstraint && requirement.name !== null && markerHolds(requirement.marker, context) === true) names.add(requirement.name);
  }
  return names;
}

function bundledVulnerabilityFindings(sets: SetEntry[][], context: RuntimeContext, advisories: AdvisoryIndex): Finding[] {
  const findings: Finding[] = [];
  const mentionsByName = new Map<string, DeclaredRequirement[]>();
  for (const entries of sets) {
    for (const { requirement } of entries) {
      if (requirement.name === null || !context.bundled.has(requirement.name) || markerHolds(requirement.marker, context) !== true) continue;
      const mentions = mentionsByName.get(requirement.name) ?? [];
      mentions.push(requirement);
      mentionsByName.set(requirement.name, mentions);
    }
  }
  for (const [name, version] of context.bundled) {
    const mentions = mentionsByName.get(name) ?? [];
    const replaced = mentions.some((requirement) => requirement.url !== null || !acceptsVersion(requirement, version));
    if (replaced) continue;
    const keptBy = mentions.find((requirement) => !requirement.constraint) ?? mentions[0] ?? null;
    append(findings, checkBundledVulnerabilities({ name, version, runtime: context.release.version, keptBy }, advisories));
  }
  return findings;
}

function environmentFor(runtime: RuntimeRelease): MarkerEnvironment {
  try {
    return defaultLinuxCPythonEnvironment(runtime.pythonVersion);
  } catch {
    throw new ScanInputError('INVALID_INPUT', `runtime ${runtime.version}: "${runtime.pythonVersion}" is not a Python version such as 3.6 or 3.6.8`);
  }
}

/**
 * `push(...items)` without spreading: a file of 100 000 lines can produce more findings than
 * a call may take arguments. Indexed, because V8 allocates an iterator result per element
 * when for-of walks the frozen NO_FINDINGS that most checks return.
 */
function append<T>(target: T[], items: readonly T[]): void {
  for (let index = 0; index < items.length; index += 1) target.push(items[index]);
}

export function scan(options: ScanOptions): ScanReport {
  return withSpecifierMemo(() => scanWithMemo(options));
}

function isSuppressionFile(path: string): boolean {
  return path === SUPPRESSION_FILE_NAME || path.endsWith(`/${SUPPRESSION_FILE_NAME}`) || path.endsWith(`\\${SUPPRESSION_FILE_NAME}`);
}

function scanWithMemo(options: ScanOptions): ScanReport {
  const given = [...options.files, ...(options.suppressions ?? [])];
  const all = decodeScanFiles(given, { maxBytes: options.maxBytes, maxFiles: options.maxFiles });
  // Suppression files among the files (a snapshot's .pype-lifecycle.toml) or given apart (--config).
  const explicit = new Set((options.suppressions ?? []).map((file) => file.path));
  const suppressionFiles = all.filter((file) => explicit.has(file.path) || isSuppressionFile(file.path));
  const decoded = all.filter((file) => !suppressionFiles.includes(file));
  const env = options.env ?? {};
  const parsedFiles = decoded.map((file) => parseFileSafely(file.path, file.text, options.format ?? detectFormat(file.path, file.text), env));
  const { installSets, observations } = resolveIncludes(parsedFiles);
  markConstraints(installSets);
  const entriesByInstallSet = installSets.map(installSetEntries);
  const sets = entriesByInstallSet.flat();
  const requirements: DeclaredRequirement[] = [];
  for (const file of parsedFiles) append(requirements, file.requirements);
  const advisories = advisoryIndexOf(options.advisories);

  const findings: Finding[] = [];
  for (const file of parsedFiles) for (const observation of file.observations) findings.push(findingFromObservation(observation));
  for (const observation of observations) findings.push(findingFromObservation(observation));
  append(findings, requirementFindings(requirements, advisories));
  const context = options.runtime ? runtimeContext(options.runtime, environmentFor(options.runtime)) : null;
  append(findings, installSetFindings(installSets, entriesByInstallSet, context));
  append(findings, sourceFindings(parsedFiles, options.policy?.allowedIndexUrls ?? []));
  if (context !== null) append(findings, runtimeFindings(sets, parsedFiles, context, advisories));
  if (options.runtime) append(findings, checkRuntimeLifecycle(options.runtime));

  const ignores: IgnoreEntry[] = [];
  for (const file of suppressionFiles) {
    const read = readSuppressionFile(file.path, file.text, options.asOf ?? null);
    append(ignores, read.entries);
    append(findings, read.findings);
  }
  const ordered = orderFindings(
    findings,
    all.map((file) => file.path),
  );
  const { findings: reported, suppressed } = applySuppressions(ordered, ignores, new Set(suppressionFiles.map((file) => file.path)));
  return {
    requirements,
    findings: reported,
    files: parsedFiles.map((file) => ({ path: file.file, format: file.format })),
    suppressed,
  };
}

function advisoryIndexOf(advisories: ScanOptions['advisories']): AdvisoryIndex | null {
  if (advisories === undefined) return null;
  return advisories instanceof AdvisoryIndex ? advisories : new AdvisoryIndex(advisories);
}

function requirementFindings(requirements: readonly DeclaredRequirement[], advisories: AdvisoryIndex | null): Finding[] {
  const findings: Finding[] = [];
  for (const requirement of requirements) {
    checkRequirement(requirement, findings);
    if (advisories) append(findings, checkVulnerabilities(requirement, advisories));
  }
  return findings;
}

function installSetFindings(installSets: readonly InstallSet[], entriesByInstallSet: readonly SetEntry[][][], context: RuntimeContext | null): Finding[] {
  const findings: Finding[] = [];
  // Without a runtime a line with a marker may be installed somewhere, so it counts.
  const installedOnRuntime = context === null ? undefined : (requirement: DeclaredRequirement) => markerHolds(requirement.marker, context) !== false;
  installSets.forEach((set, index) => {
    for (const entries of entriesByInstallSet[index]) {
      const repeated = repeatedNames(entries);
      append(findings, checkDuplicates(repeated));
      append(findings, checkCombinedSatisfiable(repeated));
    }
    // Hash-checking mode is pip's; TOML formats have lock files for that.
    if (set.root.format !== 'pip') return;
    const entries = entriesByInstallSet[index][0];
    const requireHashes = set.members
      .filter((member) => member.file.requireHashesLine !== null)
      .map((member) => ({ file: member.file.file, line: member.file.requireHashesLine! }));
    append(findings, checkHashes(entries, hashModeTrigger(entries, requireHashes), installedOnRuntime));
  });
  return findings;
}

function sourceFindings(parsedFiles: readonly ParsedFile[], allowedIndexUrls: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of parsedFiles) {
    for (const source of file.sources) append(findings, checkSource(source, allowedIndexUrls));
    for (const host of file.trustedHosts) append(findings, checkTrustedHost(host));
  }
  return findings;
}

/** One file on its own (`scanRequirements(content, filename, runtime)`). */
export function scanFile(path: string, content: string | Uint8Array, options: Omit<ScanOptions, 'files'> = {}): ScanReport {
  return scan({ ...options, files: [{ path, content }] });
}
