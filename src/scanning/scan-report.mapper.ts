import type { DeclaredRequirement, Finding } from '../requirements';
import type { FindingModel, RequirementModel, ScanReportModel, SeverityEnum } from './scan.models';
import type { ServiceScanReport } from './scanning.service';

/** Requirements without a name (a bare path or URL without #egg=) get an UNNAMED_REQUIREMENT finding instead of a row. */
export function toRequirementModel(requirement: DeclaredRequirement & { name: string }): RequirementModel {
  return {
    line: requirement.line,
    name: requirement.name,
    extras: requirement.extras,
    specifiers: requirement.specifiers,
    marker: requirement.marker,
    url: requirement.url,
    editable: requirement.editable,
    hashes: requirement.hashes,
    file: requirement.file,
    constraint: requirement.constraint,
    group: requirement.group,
  };
}

function toFindingModel(finding: Finding): FindingModel {
  return { ...finding, line: finding.line ?? null, file: finding.file ?? null, hint: finding.hint ?? null, vulnerability: finding.vulnerability ?? null };
}

export function toScanReportModel(report: ServiceScanReport): ScanReportModel {
  const findings = report.findings as FindingModel[];
  const count = (severity: SeverityEnum) => findings.filter((finding) => finding.severity === severity).length;
  return {
    requirements: report.requirements
      .filter((requirement): requirement is DeclaredRequirement & { name: string } => requirement.name !== null)
      .map(toRequirementModel),
    findings: report.findings.map(toFindingModel),
    summary: { errors: count('ERROR'), warnings: count('WARNING'), infos: count('INFO') },
    runtime: report.runtime?.version ?? null,
    suppressed: report.suppressed.map(({ finding, reason, until, file, line }) => ({ finding: toFindingModel(finding), reason, until, file, line })),
  };
}
