/**
 * Building findings from the catalogue, and their one deterministic order: by file (in
 * the order given to the scan; findings about the runtime itself last), line (file-wide
 * findings first), severity, catalogue position, package and message.
 */
import type { Finding, FindingVulnerability } from '../types';
import { codeRank, findingCodeInfo, isFindingCode, severityRank, type FindingCode } from './finding-codes';
import type { Observation } from '../file-model/model';

export interface FindingInput {
  file: string | null;
  line: number | null;
  package: string | null;
  message: string;
  hint?: string | null;
  vulnerability?: FindingVulnerability;
}

/** What a check returns when it finds nothing: shared, since most requirements pass most checks. */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

export function makeFinding(code: FindingCode, input: FindingInput): Finding {
  const info = findingCodeInfo(code);
  return {
    code,
    severity: info.severity,
    line: input.line,
    file: input.file,
    package: input.package,
    message: input.message,
    hint: input.hint ?? info.hint,
    ...(input.vulnerability ? { vulnerability: input.vulnerability } : {}),
  };
}

export function findingFromObservation(observation: Observation): Finding {
  if (!isFindingCode(observation.code)) throw new Error(`unknown finding code ${observation.code}`);
  return makeFinding(observation.code, observation);
}

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Sorted, with exact repeats (same code, place, package and message) removed. */
export function orderFindings(findings: readonly Finding[], fileOrder: readonly string[]): Finding[] {
  const fileRank = new Map(fileOrder.map((file, index) => [file, index]));
  const rankOf = (file: string | null): number => (file === null ? fileOrder.length : (fileRank.get(file) ?? fileOrder.length - 0.5));
  const sorted = [...findings].sort(
    (a, b) =>
      rankOf(a.file) - rankOf(b.file) ||
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      codeRank(a.code) - codeRank(b.code) ||
      compareText(a.package, b.package) ||
      compareText(a.message, b.message),
  );
  return sorted.filter((finding, index) => index === 0 || !sameFinding(sorted[index - 1], finding));
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.code === b.code && a.file === b.file && a.line === b.line && a.package === b.package && a.message === b.message;
}
