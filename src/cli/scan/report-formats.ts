/**
 * Rendering a scan report: text for people, JSON for scripts, SARIF 2.1.0 for code scanning
 * tools (rule metadata comes from the finding-code catalogue), Markdown for pull-request comments
 * and job summaries. Vulnerabilities are structured fields in JSON and SARIF, not only prose.
 */
import { randomUUID } from 'node:crypto';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { buildCycloneDxSbom } from '../../feeds/sbom/cyclonedx-sbom';
import { pathToFileURL } from 'node:url';
import {
  FINDING_CODES,
  type Finding,
  type FindingCodeInfo,
  type RuntimeRelease,
  type ScanReport,
  type Severity,
  type SuppressedFinding,
} from '../../requirements';

export type { SuppressedFinding } from '../../requirements';
import { TOOL_NAME, toolVersion } from '../tool-version';

export { TOOL_NAME } from '../tool-version';
const INFORMATION_URI = 'https://github.com/pype/pype-lifecycle#finding-codes';

/** What a scan command prints: the scan, the runtime it ran against, and what was suppressed. */
export interface CommandReport {
  report: ScanReport;
  runtime: RuntimeRelease | null;
  suppressed: readonly SuppressedFinding[];
}

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { ERROR: 0, WARNING: 0, INFO: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function placeOf(finding: Finding, runtime: RuntimeRelease | null): string {
  if (finding.file === null) return `runtime ${runtime?.version ?? ''}`.trim();
  return finding.line === null ? finding.file : `${finding.file}:${finding.line}`;
}

function summaryLine({ report, runtime, suppressed }: CommandReport): string {
  const counts = summarize(report.findings);
  const against = runtime ? ` against runtime ${runtime.version} (Python ${runtime.pythonVersion})` : '';
  const hidden = suppressed.length > 0 ? ` ${suppressed.length} suppressed.` : '';
  return (
    `Scanned ${plural(report.requirements.length, 'requirement')} in ${plural(report.files.length, 'file')}${against}: ` +
    `${plural(counts.ERROR, 'error')}, ${plural(counts.WARNING, 'warning')}, ${counts.INFO} info.${hidden}`
  );
}

export function renderText(outcome: CommandReport): string {
  const { report, runtime, suppressed } = outcome;
  const lines: string[] = [];
  for (const finding of report.findings) {
    lines.push(`${placeOf(finding, runtime)}: ${finding.severity} ${finding.code}${finding.package ? ` [${finding.package}]` : ''} ${finding.message}`);
    if (finding.hint) lines.push(`    hint: ${finding.hint}`);
  }
  for (const { finding, reason, until } of suppressed) {
    lines.push(`${placeOf(finding, runtime)}: suppressed ${finding.code}${finding.package ? ` [${finding.package}]` : ''} until ${until}: ${reason}`);
  }
  lines.push(summaryLine(outcome));
  return lines.join('\n') + '\n';
}

export function renderJson({ report, runtime, suppressed }: CommandReport): string {
  return (
    JSON.stringify(
      {
        tool: { name: TOOL_NAME, version: toolVersion() },
        runtime: runtime ? { version: runtime.version, pythonVersion: runtime.pythonVersion } : null,
        files: report.files,
        requirements: report.requirements,
        findings: report.findings,
        summary: summarize(report.findings),
        suppressed: {
          count: suppressed.length,
          findings: suppressed.map(({ finding, reason, until, file, line }) => ({ ...finding, suppression: { reason, until, file, line } })),
        },
      },
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { ERROR: 'error', WARNING: 'warning', INFO: 'note' };

/**
 * GitHub code scanning reads `security-severity` (a CVSS-like score as a string) from rules tagged
 * `security`: critical over 9.0, high 7.0-8.9, medium 4.0-6.9, low below. Codes about supply-chain
 * risk are tagged `security`; the rest are correctness findings scored by their severity.
 */
const SECURITY_CODES = new Set([
  'VULNERABLE',
  'RUNTIME_VULNERABLE',
  'INSECURE_INDEX',
  'INSECURE_URL',
  'UNAPPROVED_INDEX',
  'TRUSTED_HOST',
  'HASHES_INCOMPLETE',
  'UNPINNED_DIRECT_REFERENCE',
  'RUNTIME_END_OF_LIFE',
  'RUNTIME_DEPRECATED',
]);
const SECURITY_SEVERITY: Record<Severity, string> = { ERROR: '7.5', WARNING: '5.0', INFO: '2.0' };

function ruleName(code: string): string {
  return code
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function ruleTags(info: FindingCodeInfo): string[] {
  const tags = ['dependencies', info.needsRuntime ? 'runtime' : 'static'];
  if (SECURITY_CODES.has(info.code)) tags.unshift('security');
  if (info.code === 'VULNERABLE' || info.code === 'RUNTIME_VULNERABLE') tags.push('vulnerability');
  return tags;
}

export function sarifRules() {
  return FINDING_CODES.map((info) => ({
    id: info.code,
    name: ruleName(info.code),
    shortDescription: { text: info.title },
    fullDescription: { text: info.description },
    help: { text: `${info.hint}\nExample: ${info.example}`, markdown: `${info.hint}\n\nExample:\n\n    ${info.example}` },
    helpUri: `${INFORMATION_URI}`,
    defaultConfiguration: { level: SARIF_LEVEL[info.severity] },
    properties: { tags: ruleTags(info), 'security-severity': SECURITY_SEVERITY[info.severity], severity: info.severity },
  }));
}

/** A relative path under the working directory stays relative (resolved against %SRCROOT%); anything else is a file: URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = isAbsolute(file) ? file : resolve(cwd, file);
  const fromRoot = relative(cwd, absolute);
  if (fromRoot && !fromRoot.startsWith('..') && !isAbsolute(fromRoot)) {
    return { uri: fromRoot.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(absolute).href };
}

function sarifResult(finding: Finding, ruleIndex: Map<string, number>, cwd: string, suppression: SuppressedFinding | null) {
  const result: Record<string, unknown> = {
    ruleId: finding.code,
    ruleIndex: ruleIndex.get(finding.code),
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.hint ? `${finding.message} (${finding.hint})` : finding.message },
  };
  if (finding.file !== null) {
    const physicalLocation: Record<string, unknown> = { artifactLocation: artifactLocation(finding.file, cwd) };
    if (finding.line !== null) physicalLocation.region = { startLine: finding.line };
    result.locations = [{ physicalLocation }];
  }
  result.partialFingerprints = { findingKey: [finding.code, finding.file ?? '', finding.package ?? '', finding.message].join('|') };
  const properties: Record<string, unknown> = {};
  if (finding.package) properties.package = finding.package;
  if (finding.vulnerability) {
    properties.vulnerability = finding.vulnerability;
    if (finding.vulnerability.cvssScore !== null) properties['security-severity'] = finding.vulnerability.cvssScore.toFixed(1);
  }
  if (Object.keys(properties).length > 0) result.properties = properties;
  // SARIF's own way to say "found, and accepted": viewers show it as suppressed instead of open.
  if (suppression) result.suppressions = [{ kind: 'external', status: 'accepted', justification: `${suppression.reason} (until ${suppression.until})` }];
  return result;
}

export function renderSarif({ report, runtime, suppressed }: CommandReport, cwd: string): string {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = [
    ...report.findings.map((finding) => sarifResult(finding, ruleIndex, cwd, null)),
    ...suppressed.map((entry) => sarifResult(entry.finding, ruleIndex, cwd, entry)),
  ];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: toolVersion(), informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        results,
        properties: runtime ? { runtime: runtime.version, pythonVersion: runtime.pythonVersion } : {},
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** Text for a Markdown table cell: pipes escaped, line breaks flattened, HTML-significant characters neutralised. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}

const SEVERITY_ICON: Record<Severity, string> = { ERROR: '🛑 ERROR', WARNING: '⚠️ WARNING', INFO: 'ℹ️ INFO' };

/** Markdown for a pull-request comment or a CI job summary: a summary line, then a table per kind. */
export function renderMarkdown(outcome: CommandReport): string {
  const { report, runtime, suppressed } = outcome;
  const lines = ['## PyPE Lifecycle scan', '', summaryLine(outcome), ''];
  if (report.findings.length === 0) lines.push('No findings.', '');
  else {
    lines.push('| severity | code | where | package | finding |', '|---|---|---|---|---|');
    for (const finding of report.findings) {
      const advice = finding.hint ? `<br>*${cell(finding.hint)}*` : '';
      lines.push(
        `| ${SEVERITY_ICON[finding.severity]} | ${code(finding.code)} | ${code(placeOf(finding, runtime))} | ${finding.package ? code(finding.package) : ''} | ${cell(finding.message)}${advice} |`,
      );
    }
    lines.push('');
  }
  if (suppressed.length > 0) {
    lines.push(`### Suppressed (${suppressed.length})`, '', '| code | where | package | until | reason |', '|---|---|---|---|---|');
    for (const { finding, reason, until } of suppressed) {
      lines.push(
        `| ${code(finding.code)} | ${code(placeOf(finding, runtime))} | ${finding.package ? code(finding.package) : ''} | ${until} | ${cell(reason)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * A CycloneDX 1.6 SBOM of what the scanned files install (with the runtime's bundled packages they
 * keep, when scanned against one), built by the same pure builder as the service's
 * /exports/applications/{slug}/sbom.cdx.json. The subject is the directory the command runs in.
 */
export function renderCycloneDx({ report, runtime }: CommandReport, cwd: string, now: Date = new Date()): string {
  const bom = buildCycloneDxSbom({
    subject: { name: basename(cwd) || 'project', properties: { 'pype:scannedFiles': report.files.map((file) => file.path).join(', ') } },
    runtime: runtime ? { version: runtime.version, pythonVersion: runtime.pythonVersion, packages: runtime.packages } : null,
    requirements: report.requirements,
    tool: { name: TOOL_NAME, version: toolVersion() },
    timestamp: now,
    serialNumber: `urn:uuid:${randomUUID()}`,
  });
  return JSON.stringify(bom, null, 2) + '\n';
}
