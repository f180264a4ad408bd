/**
 * The requirements engine's public entry point: parse pip requirements files,
 * pyproject.toml and Pipfiles, scan them (with a runtime release, a source policy and
 * OSV advisories), and describe the finding codes. Plain TypeScript, no framework.
 */
export type { Finding, FindingVulnerability, Severity, SpecifierClause, ParsedRequirement, MarkerEnvironment } from './types';
export { SEVERITIES } from './types';
export type { DeclaredRequirement, FileFormat, Include, PackageSource, ParsedFile, PythonRequirement, RequirementSource, VcsPin } from './file-model/model';
export { scan, scanFile, type ScanOptions, type ScanPolicy, type ScanReport, type ScannedFile } from './scan/scan';
export type { RuntimeRelease, RuntimeLifecycle } from './scan/checks/runtime-checks';
export { ScanInputError, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, type ScanInputErrorCode, type ScanFileInput } from './scan/input';
export { detectFormat } from './scan/detect-format';
export { FINDING_CODES, findingCodeInfo, findingCodesMarkdown, isFindingCode, type FindingCode, type FindingCodeInfo } from './scan/finding-codes';
export { parseRequirementsFile, type ParsePipOptions } from './pip/parse-requirements-file';
export { parsePyproject } from './pyproject/parse-pyproject';
export { parsePipfile } from './pipfile/parse-pipfile';
export { parsePipfileLock } from './pipfile/parse-pipfile-lock';
export { parsePoetryLock } from './pyproject/parse-poetry-lock';
export { parsePylock, isPylockName } from './lockfiles/parse-pylock';
export { parseUvLock } from './lockfiles/parse-uv-lock';
export { parsePoetryConstraint, PoetryConstraintError } from './pyproject/poetry-constraint';
export {
  parseOsvAdvisory,
  parseOsvDocument,
  parseOsvJson,
  parseOsvJsonForImport,
  mergeAdvisories,
  OsvValidationError,
  type Advisory,
  type AffectedPackage,
  type AffectedRange,
  type AdvisorySeverityLevel,
  type OsvImportDocument,
  type SkippedAdvisory,
} from './advisories/osv';
export { AdvisoryIndex, type AdvisoryMatch } from './advisories/advisory-index';
export { toOsvRecord } from './advisories/to-osv-record';
export { readSuppressionFile, SUPPRESSION_FILE_NAME, MAX_SUPPRESSION_MONTHS, type IgnoreEntry, type SuppressionFile } from './suppression/suppression-file';
export { applySuppressions, ignoreMatches, type SuppressedFinding } from './suppression/apply-suppressions';
