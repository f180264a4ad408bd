/**
 * The engine's output shapes shared by every file format, the scanner, the service and
 * the CLI. Plain data only.
 */
import type { SpecifierClause } from '../types';

export type FileFormat = 'pip' | 'pyproject' | 'pipfile' | 'poetry-lock' | 'pipfile-lock' | 'pylock' | 'uv-lock' | 'unsupported';

/** Where a requirement's distribution comes from. */
export type RequirementSource = 'index' | 'url' | 'vcs' | 'path';

export interface VcsPin {
  vcs: 'git' | 'hg' | 'svn' | 'bzr';
  revision: string | null;
  /** The revision names one commit (full hash, svn revision number). */
  immutable: boolean;
}

/** One declared dependency, in any format. Field names follow the GraphQL `Requirement` type. */
export interface DeclaredRequirement {
  /** The file path as given to the scan. */
  file: string;
  /** 1-based physical line where the requirement starts. */
  line: number;
  /** PEP 503 canonical name; null when nothing names the project (a bare path or URL without `#egg=`). */
  name: string | null;
  /** The name as written. */
  rawName: string | null;
  extras: string[];
  specifiers: SpecifierClause[];
  /**
   * Set when the version constraint is a union PEP 440 cannot write as one specifier set
   * (Poetry's `^1.0 || ^3.0`): a version is allowed when any alternative contains it, and
   * `specifiers` holds the loosest set around all of them.
   */
  alternatives: SpecifierClause[][] | null;
  /** PEP 508 marker as `packaging` prints it. */
  marker: string | null;
  /** The URL or path the requirement installs from. */
  url: string | null;
  editable: boolean;
  /** `algorithm:digest` from `--hash` options. */
  hashes: string[];
  /** From a constraints file (`-c`): limits versions, installs nothing. */
  constraint: boolean;
  source: RequirementSource;
  vcs: VcsPin | null;
  /** A hash in the URL fragment (`#sha256=...`), as `algorithm:digest`. */
  urlHash: string | null;
  /** Where it is declared beyond the file: `dev-packages`, `optional:test`, `group:dev`..., null for the main list. */
  group: string | null;
  format: FileFormat;
  /** The requirement as written (the logical line for pip files), for messages. */
  text: string;
}

/** An index, extra index or find-links location a file points pip (or Poetry/Pipenv) at. */
export interface PackageSource {
  file: string;
  line: number;
  kind: 'index-url' | 'extra-index-url' | 'find-links';
  url: string;
  /** Sources whose TLS verification is switched off (`verify_ssl = false`). */
  verifySsl: boolean;
}

/** A file-level Python requirement (`requires-python`, Poetry's `python`, Pipfile `[requires]`). */
export interface PythonRequirement {
  file: string;
  line: number;
  /** PEP 440 specifier sets, e.g. `>=3.8,<4.0`; a Python version is accepted when any of them contains it. */
  specifiers: string[];
  /** The constraint as written. */
  text: string;
  /** Where it was written, for messages: `requires-python`, `tool.poetry.dependencies.python`... */
  origin: string;
}

/** Something a parser noticed on a line; the scanner turns it into a finding with the catalogue's severity. */
export interface Observation {
  code: string;
  file: string;
  line: number | null;
  package: string | null;
  message: string;
  hint?: string | null;
}

export interface Include {
  file: string;
  line: number;
  kind: 'requirement' | 'constraint';
  /** The path as written after `-r` / `-c`. */
  target: string;
}

/** Everything one file declares. */
export interface ParsedFile {
  file: string;
  format: FileFormat;
  requirements: DeclaredRequirement[];
  includes: Include[];
  sources: PackageSource[];
  trustedHosts: Array<{ file: string; line: number; host: string }>;
  /** Line of `--require-hashes`, when present. */
  requireHashesLine: number | null;
  pythonRequirements: PythonRequirement[];
  observations: Observation[];
}

export function emptyParsedFile(file: string, format: FileFormat): ParsedFile {
  return {
    file,
    format,
    requirements: [],
    includes: [],
    sources: [],
    trustedHosts: [],
    requireHashesLine: null,
    pythonRequirements: [],
    observations: [],
  };
}
