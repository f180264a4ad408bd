/**
 * Rendering a scan report: text for people, JSON for scripts, SARIF 2.1.0 for code
 * scanning tools (rule metadata comes from the finding-code catalogue).
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FINDING_CODES, type Finding, type RuntimeRelease, type ScanReport, type Severity } from '../../requirements';

export const TOOL_NAME = 'pype-lifecycle';
export const TOOL_VERSION = '0.1.0';
const INFORMATION_URI = 'https://github.com/pype/pype-lifecycle#finding-codes';

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { ERROR: 0, WARNING: 0, INFO: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function renderText(report: ScanReport, runtime: RuntimeRelease | null): string {
  const lines: string[] = [];
  for (const finding of report.findings) {
    const place = finding.file === null ? `runtime ${runtime?.version ?? ''}`.trim() : finding.line === null ? finding.file : `${finding.file}:${finding.line}`;
    lines.push(`${place}: ${finding.severity} ${finding.code}${finding.package ? ` [${finding.package}]` : ''} ${finding.message}`);
    if (finding.hint) lines.push(`    hint: ${finding.hint}`);
  }
  const counts = summarize(report.findings);
  const against = runtime ? ` against runtime ${runtime.version} (Python ${runtime.pythonVersion})` : '';
  lines.push(
    `Scanned ${plural(report.requirements.length, 'requirement')} in ${plural(report.files.length, 'file')}${against}: ` +
      `${plural(counts.ERROR, 'error')}, ${plural(counts.WARNING, 'warning')}, ${counts.INFO} info.`,
  );
  return lines.join('\n') + '\n';
}

export function renderJson(report: ScanReport, runtime: RuntimeRelease | null): string {
  return (
    JSON.stringify(
      {
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        runtime: runtime ? { version: runtime.version, pythonVersion: runtime.pythonVersion } : null,
        files: report.files,
        requirements: report.requirements,
        findings: report.findings,
        summary: summarize(report.findings),
      },
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { ERROR: 'error', WARNING: 'warning', INFO: 'note' };

function ruleName(code: string): string {
  return code
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
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
    properties: { tags: ['dependencies', info.needsRuntime ? 'runtime' : 'static'], severity: info.severity },
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

export function renderSarif(report: ScanReport, runtime: RuntimeRelease | null, cwd: string): string {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = report.findings.map((finding) => {
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
    if (finding.package) result.properties = { package: finding.package };
    return result;
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        results,
        properties: runtime ? { runtime: runtime.version, pythonVersion: runtime.pythonVersion } : {},
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
