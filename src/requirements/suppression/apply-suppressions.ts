/**
 * Matching findings against the ignore entries of a suppression file: a match moves the finding
 * to `suppressed` (with the entry's reason and until), it is never dropped. Findings about the
 * suppression files themselves are never suppressed, so a bad or expired entry stays visible.
 */
import type { Finding } from '../types';
import type { IgnoreEntry } from './suppression-file';

export interface SuppressedFinding {
  finding: Finding;
  reason: string;
  /** The entry's last day, YYYY-MM-DD. */
  until: string;
  /** Where the entry is: the suppression file and the line of its `[[ignore]]`. */
  file: string;
  line: number | null;
}

export const SUPPRESSION_CODES: ReadonlySet<string> = new Set(['SUPPRESSION_INVALID', 'SUPPRESSION_EXPIRED']);

export function ignoreMatches(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.code !== finding.code) return false;
  if (entry.package !== null && entry.package !== finding.package) return false;
  if (entry.id !== null) {
    const vulnerability = finding.vulnerability;
    if (!vulnerability) return false;
    const wanted = entry.id.toUpperCase();
    if (vulnerability.id.toUpperCase() !== wanted && !vulnerability.aliases.some((alias) => alias.toUpperCase() === wanted)) return false;
  }
  return true;
}

export function applySuppressions(
  findings: readonly Finding[],
  entries: readonly IgnoreEntry[],
  suppressionFiles: ReadonlySet<string>,
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  if (entries.length === 0) return { findings: [...findings], suppressed: [] };
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const aboutTheIgnores = finding.file !== null && suppressionFiles.has(finding.file);
    const entry = aboutTheIgnores ? undefined : entries.find((candidate) => ignoreMatches(candidate, finding));
    if (entry) suppressed.push({ finding, reason: entry.reason, until: entry.until, file: entry.file, line: entry.line });
    else kept.push(finding);
  }
  return { findings: kept, suppressed };
}
