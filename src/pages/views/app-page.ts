import type { Finding } from '../../requirements';
import { markup, type SafeHtml } from '../html/html';
import { badge, dataTable, formatInstant, humanize, releaseHref } from './format';

export interface AppDeploymentRow {
  environment: string;
  runtimeVersion: string;
  status: string | null;
  endOfSupport: string | null;
  commit: string;
  deployedAt: Date;
}

export interface AppScanSection {
  runtimeVersion: string;
  environments: readonly string[];
  errorCount: number;
  warningCount: number;
  /** Findings by file, each file's findings by line (file-level ones first). */
  files: readonly { path: string; findings: readonly (Finding & { source: string | null })[] }[];
  omitted: number;
}

export interface AppReadiness {
  from: string;
  target: string;
  scanned: boolean;
  ready: boolean;
  blockers: readonly Finding[];
  warnings: number;
}

export interface AppMigration {
  from: string;
  to: string;
  deadline: string;
  status: string;
  risk: string;
  blockers: readonly { code: string; line: number | null; message: string }[];
  waiver: { status: string; reason: string; expiresOn: string } | null;
  history: readonly { status: string; at: Date; cause: string }[];
}

export interface AppPageData {
  app: {
    slug: string;
    name: string;
    description: string | null;
    department: string;
    group: string;
    contacts: readonly string[];
    repositoryUrl: string | null;
    archived: boolean;
  };
  timeZone: string;
  deployments: readonly AppDeploymentRow[];
  snapshot: { commit: string; submittedAt: Date; submittedBy: string; scans: readonly AppScanSection[] } | null;
  readiness: AppReadiness | null;
  migrations: readonly AppMigration[];
  notices: readonly { sentAt: Date; kind: string; release: string | null; subject: string; recipient: string; acknowledgedAt: Date | null }[];
  /** What the page cannot show yet, said plainly. */
  notes: readonly string[];
}

function facts(data: AppPageData): SafeHtml {
  const { app } = data;
  return markup`<dl class="facts">
<dt>Slug</dt><dd>${app.slug}${app.archived ? markup` <span class="badge">archived</span>` : ''}</dd>
<dt>Department</dt><dd>${app.department}</dd>
<dt>Owning group</dt><dd>${app.group}</dd>
<dt>Contacts</dt><dd>${app.contacts.length > 0 ? app.contacts.join(', ') : 'none'}</dd>
${app.repositoryUrl ? markup`<dt>Repository</dt><dd>${app.repositoryUrl}</dd>` : ''}
${app.description ? markup`<dt>Description</dt><dd>${app.description}</dd>` : ''}
</dl>`;
}

function deployments(data: AppPageData): SafeHtml {
  if (data.deployments.length === 0) return markup`<p>No deployment is recorded for this application.</p>`;
  return dataTable(
    'What runs where',
    ['Environment', 'Runtime', 'Runtime status', 'End of support', 'Commit', 'Deployed'],
    data.deployments.map(
      (row) => markup`<tr><th scope="row">${row.environment}</th><td><a href="${releaseHref(row.runtimeVersion)}">${row.runtimeVersion}</a></td>
<td>${row.status ? badge('status', row.status) : 'not in the catalog'}</td><td>${row.endOfSupport ?? '—'}</td><td><code>${row.commit.slice(0, 12)}</code></td><td>${formatInstant(row.deployedAt, data.timeZone)}</td></tr>`,
    ),
  );
}

function findingItem(finding: Finding & { source: string | null }): SafeHtml {
  return markup`<li><p class="source"><span class="line-number">${finding.line === null ? 'File' : `Line ${finding.line}`}</span>${finding.source ?? ''}</p>
<p>${badge('severity', finding.severity)} <strong>${finding.code}</strong>${finding.package ? markup` · ${finding.package}` : ''}: ${finding.message}</p>
${finding.hint ? markup`<p class="hint">How to fix: ${finding.hint}</p>` : ''}</li>`;
}

function scans(data: AppPageData): SafeHtml {
  const snapshot = data.snapshot;
  if (!snapshot) return markup`<p>No requirements snapshot has been submitted (<code>submitRequirements</code>), so there is nothing to judge yet.</p>`;
  return markup`<p>Latest snapshot at commit <code>${snapshot.commit.slice(0, 12)}</code>, submitted ${formatInstant(snapshot.submittedAt, data.timeZone)} by ${snapshot.submittedBy}.</p>
${
  snapshot.scans.length === 0
    ? markup`<p>No stored scan: the application runs on no runtime yet.</p>`
    : snapshot.scans.map(
        (
          scan,
        ) => markup`<h3>Against <a href="${releaseHref(scan.runtimeVersion)}">${scan.runtimeVersion}</a> (${scan.environments.join(', ') || 'no environment now'})</h3>
<p>${scan.errorCount} errors, ${scan.warningCount} warnings.</p>
${scan.files.map((file) => markup`<h4>${file.path}</h4><ol class="findings-by-line">${file.findings.map(findingItem)}</ol>`)}
${scan.omitted > 0 ? markup`<p>${scan.omitted} more findings are not shown.</p>` : ''}`,
      )
}`;
}

function readiness(data: AppPageData): SafeHtml {
  const ready = data.readiness;
  if (!ready) return markup`<p>No runtime this application runs has a migration target.</p>`;
  if (!ready.scanned)
    return markup`<p>Moving from ${ready.from} to <a href="${releaseHref(ready.target)}">${ready.target}</a> cannot be judged: no requirements snapshot.</p>`;
  return markup`<div class="${ready.ready ? 'ok' : 'error'}-box" role="status"><p>${
    ready.ready
      ? markup`Ready to move from ${ready.from} to <a href="${releaseHref(ready.target)}">${ready.target}</a>: no errors${ready.warnings > 0 ? ` (${ready.warnings} warnings)` : ''}.`
      : markup`Not ready to move from ${ready.from} to <a href="${releaseHref(ready.target)}">${ready.target}</a>: ${ready.blockers.length} blocking findings.`
  }</p></div>
${ready.blockers.length > 0 ? markup`<ul>${ready.blockers.map((finding) => markup`<li><strong>${finding.code}</strong>${finding.line === null ? '' : ` (${finding.file ?? ''} line ${finding.line})`}: ${finding.message}</li>`)}</ul>` : ''}`;
}

function migrations(data: AppPageData): SafeHtml {
  if (data.migrations.length === 0) return markup`<p>No migration is open for this application.</p>`;
  return markup`${data.migrations.map(
    (
      migration,
    ) => markup`<h3>From <a href="${releaseHref(migration.from)}">${migration.from}</a> to <a href="${releaseHref(migration.to)}">${migration.to}</a>, deadline ${migration.deadline}</h3>
<p>${badge('status', migration.status)} ${badge('risk', migration.risk)}</p>
${migration.blockers.length > 0 ? markup`<ul>${migration.blockers.map((blocker) => markup`<li><strong>${blocker.code}</strong>${blocker.line === null ? '' : ` (line ${blocker.line})`}: ${blocker.message}</li>`)}</ul>` : ''}
${migration.waiver ? markup`<p>Waiver ${migration.waiver.status.toLowerCase()} until ${migration.waiver.expiresOn}: ${migration.waiver.reason}</p>` : ''}
${dataTable(
  `History of the migration from ${migration.from}`,
  ['When', 'Status', 'Why'],
  migration.history.map(
    (step) => markup`<tr><th scope="row">${formatInstant(step.at, data.timeZone)}</th><td>${badge('status', step.status)}</td><td>${step.cause}</td></tr>`,
  ),
)}`,
  )}`;
}

function notices(data: AppPageData): SafeHtml {
  if (data.notices.length === 0) return markup`<p>No notice has listed this application.</p>`;
  return dataTable(
    `Newest ${data.notices.length} notices that listed this application, and who acknowledged them`,
    ['Sent', 'Kind', 'Release', 'Subject', 'To', 'Acknowledged'],
    data.notices.map(
      (notice) => markup`<tr><th scope="row">${formatInstant(notice.sentAt, data.timeZone)}</th><td>${humanize(notice.kind)}</td>
<td>${notice.release ? markup`<a href="${releaseHref(notice.release)}">${notice.release}</a>` : '—'}</td><td>${notice.subject}</td><td>${notice.recipient}</td>
<td>${notice.acknowledgedAt ? formatInstant(notice.acknowledgedAt, data.timeZone) : 'not yet'}</td></tr>`,
    ),
  );
}

/** The main part of `/apps/{slug}`. */
export function appMain(data: AppPageData, extra: SafeHtml = markup``): SafeHtml {
  return markup`<h1>${data.app.name}</h1>
${facts(data)}
<h2>Deployments</h2>
${deployments(data)}
<h2>Readiness for the migration target</h2>
${readiness(data)}
<h2>Migration</h2>
${migrations(data)}
<h2>Notices</h2>
${notices(data)}
${extra}
<h2>Findings of the latest requirements</h2>
${scans(data)}
${data.notes.map((note) => markup`<p class="hint">${note}</p>`)}`;
}
