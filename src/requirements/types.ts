/**
 * Shared shapes of the requirements engine. Plain data only: the engine has no
 * framework imports so the service, the CLI and the benchmarks can all reuse it.
 */

/** One clause of a PEP 440 specifier set, e.g. `>=` `1.2`. */
export interface SpecifierClause {
  operator: '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';
  /** The version text as written (normalised where PEP 440 allows; `1.*` keeps its wildcard). */
  version: string;
}

/** A PEP 508 requirement, as `packaging.requirements.Requirement` would parse it. */
export interface ParsedRequirement {
  /** The name as written. */
  rawName: string;
  /** PEP 503 canonical name (lower case, runs of `-_.` collapsed to `-`). */
  name: string;
  extras: string[];
  specifiers: SpecifierClause[];
  /** The marker expression normalised as packaging prints it, or null. */
  marker: string | null;
  /** Direct reference (`name @ url`), or null. */
  url: string | null;
}

/** The environment a marker is evaluated in (PEP 508 marker variables). */
export interface MarkerEnvironment {
  implementation_name: string;
  implementation_version: string;
  os_name: string;
  platform_machine: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  python_full_version: string;
  platform_python_implementation: string;
  python_version: string;
  sys_platform: string;
  /** Evaluated against when a marker mentions `extra`; '' when none. */
  extra?: string;
}

export const SEVERITIES = ['ERROR', 'WARNING', 'INFO'] as const;

export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** Stable SCREAMING_SNAKE_CASE code, documented in the README. */
  code: string;
  severity: Severity;
  /** 1-based physical line where the offending requirement or option starts; null for file-level findings. */
  line: number | null;
  /** The file the finding is in (path as given to the scan). */
  file: string | null;
  /** Canonical package name, where the finding is about one package. */
  package: string | null;
  message: string;
  /** How to fix it. */
  hint: string | null;
  /** The advisory behind a VULNERABLE or RUNTIME_VULNERABLE finding, as structured data for machines. */
  vulnerability?: FindingVulnerability;
}

/** A known vulnerability as a finding carries it (JSON and SARIF reports). */
export interface FindingVulnerability {
  /** The advisory id, e.g. GHSA-xxxx-xxxx-xxxx or PYSEC-2021-1. */
  id: string;
  /** Other ids of the same advisory (CVE-..., PYSEC-...). */
  aliases: string[];
  /** LOW, MODERATE, HIGH, CRITICAL or UNKNOWN. */
  severity: string;
  /** Highest CVSS v3 base score, when the advisory gives a vector. */
  cvssScore: number | null;
  summary: string | null;
  /** The affected package's canonical name and the version found. */
  package: string;
  version: string;
  /** Versions that fix it, ascending; empty when no fix is known. */
  fixedVersions: string[];
}
