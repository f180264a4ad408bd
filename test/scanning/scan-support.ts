/** GraphQL documents and small helpers shared by the scanning and advisory end-to-end specs. */
import type { GraphQLResponse, TestService } from '../setup/test-app';

export const REQUIREMENT_FIELDS = 'line name extras specifiers { operator version } marker url editable hashes';
export const FINDING_FIELDS = 'code severity line package message';

export const SCAN_REQUIREMENTS = `query Scan($content: String!, $filename: String, $runtime: String) {
  scanRequirements(content: $content, filename: $filename, runtime: $runtime) {
    requirements { ${REQUIREMENT_FIELDS} file constraint group }
    findings { ${FINDING_FIELDS} file hint }
    summary { errors warnings infos }
    runtime
  }
}`;

export const SCAN_FILES = `query ScanFiles($files: [ScanFileInput!]!, $runtime: String) {
  scanFiles(files: $files, runtime: $runtime) {
    requirements { ${REQUIREMENT_FIELDS} file constraint group }
    findings { ${FINDING_FIELDS} file hint }
    summary { errors warnings infos }
    runtime
  }
}`;

export interface Finding {
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  line: number | null;
  package: string | null;
  message: string;
  file: string | null;
  hint: string | null;
}

export interface Requirement {
  line: number;
  name: string;
  extras: string[];
  specifiers: { operator: string; version: string }[];
  marker: string | null;
  url: string | null;
  editable: boolean;
  hashes: string[];
  file: string;
  constraint: boolean;
  group: string | null;
}

export interface ScanReport {
  requirements: Requirement[];
  findings: Finding[];
  summary: { errors: number; warnings: number; infos: number };
  runtime: string | null;
}

/** Scans one file and fails the test with the GraphQL errors if there are any. */
export async function scanOk(
  service: TestService,
  content: string,
  options: { filename?: string; runtime?: string; token?: string | null } = {},
): Promise<ScanReport> {
  const response = await service.gql<{ scanRequirements: ScanReport }>(
    SCAN_REQUIREMENTS,
    { content, filename: options.filename ?? null, runtime: options.runtime ?? null },
    options.token ?? null,
  );
  if (response.errors) throw new Error(`scanRequirements failed: ${JSON.stringify(response.errors)}`);
  return response.data!.scanRequirements;
}

export async function scanFilesOk(
  service: TestService,
  files: { path: string; content: string }[],
  runtime: string | null = null,
  token: string | null = null,
): Promise<ScanReport> {
  const response = await service.gql<{ scanFiles: ScanReport }>(SCAN_FILES, { files, runtime }, token);
  if (response.errors) throw new Error(`scanFiles failed: ${JSON.stringify(response.errors)}`);
  return response.data!.scanFiles;
}

export const codesOf = (report: Pick<ScanReport, 'findings'>, code: string): Finding[] => report.findings.filter((finding) => finding.code === code);

export const linesOf = (report: Pick<ScanReport, 'findings'>, code: string): (number | null)[] => codesOf(report, code).map((finding) => finding.line);

/** The first error of a response, for assertions on code, message and the field named. */
export function firstError(response: GraphQLResponse): { message: string; code: string | undefined; field: unknown; extensions: Record<string, unknown> } {
  const error = response.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.data)}`);
  return { message: error.message, code: error.extensions?.code, field: error.extensions?.field, extensions: error.extensions ?? {} };
}

/** POSTs a raw body to /graphql (for bodies that JSON.stringify cannot produce). */
export async function postRaw(
  service: TestService,
  body: string | Uint8Array,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // left null: the assertion shows the text
  }
  return { status: response.status, json, text };
}
