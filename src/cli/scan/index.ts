export { runScanCommand, reachesThreshold, EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, DEFAULT_SERVER, type ScanCommandIo } from './run-scan-command';
export { parseScanArguments, USAGE as SCAN_USAGE, SCAN_OPTIONS_HELP, UsageError, type ScanArguments, type OutputFormat, type FailOn } from './arguments';
export { renderText, renderJson, renderSarif, renderMarkdown, sarifRules, type CommandReport, type SuppressedFinding } from './report-formats';
export { fetchRuntimeRelease, fetchScanPolicy, fetchAdvisories, ServerRequestError, RELEASE_QUERY, SCAN_POLICY_QUERY, ADVISORIES_QUERY } from './server-client';
