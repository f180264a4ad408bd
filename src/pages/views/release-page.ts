import type { RolloutStepView } from '../../releases/rollout.service';
import { markup, type SafeHtml } from '../html/html';
import { appHref, badge, dataTable, formatInstant, humanize, releaseHref } from './format';

export interface ReleasePageRelease {
  version: string;
  pythonVersion: string;
  track: string;
  state: string;
  status: string;
  generalAvailability: string;
  noticeStart: string;
  endOfSupport: string;
  daysUntilEndOfSupport: number;
  recommended: boolean;
  migrationTarget: string | null;
  notes: string | null;
  packages: readonly { name: string; version: string }[];
}

export interface ReleaseImpactSummary {
  totalApplications: number;
  scannedApplications: number;
  applicationsWithoutSnapshot: number;
  applicationsWithErrors: number;
  applicationsWithWarnings: number;
  countsByCode: readonly { code: string; severity: string; findings: number; applications: number }[];
  /** Applications with findings, by slug, at most a page of them. */
  applications: readonly { slug: string; name: string; department: string; errorCount: number; warningCount: number }[];
  moreApplications: number;
}

export interface ReleasePageData {
  release: ReleasePageRelease;
  day: string;
  timeZone: string;
  rollout: { steps: readonly RolloutStepView[] } | { unavailable: string };
  /** Null when the viewer may not see impact (not a signed-in admin or manager). */
  impact: ReleaseImpactSummary | null;
  impactHint: string | null;
}

function facts(release: ReleasePageRelease, day: string): SafeHtml {
  const remaining =
    release.daysUntilEndOfSupport > 0 ? `${release.daysUntilEndOfSupport} days left on ${day}` : `ended ${-release.daysUntilEndOfSupport} days before ${day}`;
  return markup`<dl class="facts">
    <dt>Status on ${day}</dt>
    <dd>
      ${badge('status', release.status)}${release.state === 'DRAFT' ? markup` <span class="badge">draft</span>` : ''}${release.recommended ? markup` <span class="badge">★ recommended</span>` : ''}
    </dd>
    <dt>Python</dt>
    <dd>${release.pythonVersion}</dd>
    <dt>Track</dt>
    <dd>${badge('track', release.track)}</dd>
    <dt>General availability</dt>
    <dd>${release.generalAvailability}</dd>
    <dt>Notice window from</dt>
    <dd>${release.noticeStart}</dd>
    <dt>End of support</dt>
    <dd>${release.endOfSupport} (${remaining})</dd>
    <dt>Migration target</dt>
    <dd>${release.migrationTarget ? markup`<a href="${releaseHref(release.migrationTarget)}">${release.migrationTarget}</a>` : 'none'}</dd>
    ${
      release.notes
        ? markup`<dt>Notes</dt>
            <dd><p class="source">${release.notes}</p></dd>`
        : ''
    }
  </dl>`;
}

function packages(release: ReleasePageRelease): SafeHtml {
  if (release.packages.length === 0) return markup`<p>This release lists no bundled packages.</p>`;
  return dataTable(
    `${release.packages.length} bundled packages`,
    ['Package', 'Version'],
    release.packages.map(
      (pkg) =>
        markup`<tr>
          <th scope="row">${pkg.name}</th>
          <td>${pkg.version}</td>
        </tr>`,
    ),
  );
}

function rollout(data: ReleasePageData): SafeHtml {
  if ('unavailable' in data.rollout) return markup`<p>${data.rollout.unavailable}</p>`;
  return dataTable(
    `When ${data.release.version} reaches each environment`,
    ['Environment', 'From', 'Until', 'Reached', 'Decided by'],
    data.rollout.steps.map(
      (step) =>
        markup`<tr>
          <th scope="row">${step.environment}</th>
          <td>${formatInstant(step.start, data.timeZone)}</td>
          <td>${formatInstant(step.end, data.timeZone)}</td>
          <td>${step.reached ? 'yes' : 'not yet'}</td>
          <td>${step.overridden ? markup`admin override: ${step.reason ?? ''}` : step.window ? humanize(step.window.kind) + ' window' : 'calendar'}</td>
        </tr>`,
    ),
  );
}

function impactTables(report: ReleaseImpactSummary): SafeHtml {
  if (report.countsByCode.length === 0) return markup`<p>No findings.</p>`;
  const more = report.moreApplications > 0 ? ` (first ${report.applications.length}; ${report.moreApplications} more)` : '';
  return markup`${dataTable(
    'Findings by code',
    ['Code', 'Severity', { label: 'Findings', numeric: true }, { label: 'Applications', numeric: true }],
    report.countsByCode.map(
      (count) =>
        markup`<tr>
          <th scope="row">${count.code}</th>
          <td>${badge('severity', count.severity)}</td>
          <td class="number">${count.findings}</td>
          <td class="number">${count.applications}</td>
        </tr>`,
    ),
  )}
  ${dataTable(
    `Applications with findings${more}`,
    ['Application', 'Department', { label: 'Errors', numeric: true }, { label: 'Warnings', numeric: true }],
    report.applications.map(
      (app) =>
        markup`<tr>
          <th scope="row"><a href="${appHref(app.slug)}">${app.name}</a> <span class="hint">${app.slug}</span></th>
          <td>${app.department}</td>
          <td class="number">${app.errorCount}</td>
          <td class="number">${app.warningCount}</td>
        </tr>`,
    ),
  )}`;
}

function impact(data: ReleasePageData): SafeHtml {
  const report = data.impact;
  if (report === null)
    return data.impactHint
      ? markup`<h2>Impact on applications</h2>
          <p>${data.impactHint}</p>`
      : markup``;
  return markup`<h2>Impact on applications you can see</h2>
    <p>
      ${report.totalApplications} active applications; ${report.scannedApplications} have requirements to judge (${report.applicationsWithoutSnapshot} have
      none). ${report.applicationsWithErrors} would meet errors and ${report.applicationsWithWarnings} warnings on ${data.release.version}.
    </p>
    ${impactTables(report)}`;
}

/** The main part of `/releases/{version}`. */
export function releaseMain(data: ReleasePageData): SafeHtml {
  return markup`<p><a href="/">← Catalog</a></p>
    <h1>Release ${data.release.version}</h1>
    ${facts(data.release, data.day)}
    <h2>Bundled packages</h2>
    ${packages(data.release)}
    <h2>Rollout per environment</h2>
    ${rollout(data)} ${impact(data)}`;
}
