import { burndownChart, type BurndownInput } from '../charts/burndown-chart';
import { markup, type SafeHtml } from '../html/html';
import { appHref, badge, dataTable, humanize, releaseHref } from './format';

export interface DepartmentCounts {
  department: string;
  total: number;
  byStatus: Record<string, number>;
  byRisk: Record<string, number>;
}

export interface AttentionRow {
  slug: string;
  name: string;
  department: string;
  from: string;
  to: string;
  deadline: string;
  status: string;
  risk: string;
}

export interface DashboardData {
  releases: readonly { version: string; endOfSupport: string }[];
  release: string | null;
  statuses: readonly string[];
  risks: readonly string[];
  departments: readonly DepartmentCounts[];
  burndown: BurndownInput | null;
  attention: readonly AttentionRow[];
  moreAttention: number;
  csvHref: string | null;
}

function picker(data: DashboardData): SafeHtml {
  return markup`<form class="inline" method="get" action="/dashboard">
<div><label for="release">Migrations from release</label><select id="release" name="release">${data.releases.map(
    (release) =>
      markup`<option value="${release.version}"${release.version === data.release ? markup` selected` : ''}>${release.version} (support ends ${release.endOfSupport})</option>`,
  )}</select></div>
<button type="submit">Show</button>
</form>`;
}

function departments(data: DashboardData): SafeHtml {
  if (data.departments.length === 0) return markup`<p>No migration from ${data.release ?? 'this release'} is open for the applications you can see.</p>`;
  const total = (pick: (row: DepartmentCounts) => number) => data.departments.reduce((sum, row) => sum + pick(row), 0);
  const rows = data.departments.map(
    (row) => markup`<tr><th scope="row">${row.department}</th><td class="number">${row.total}</td>
${data.statuses.map((status) => markup`<td class="number">${row.byStatus[status] ?? 0}</td>`)}
${data.risks.map((risk) => markup`<td class="number">${row.byRisk[risk] ?? 0}</td>`)}</tr>`,
  );
  const all = markup`<tr><th scope="row">All departments</th><td class="number">${total((row) => row.total)}</td>
${data.statuses.map((status) => markup`<td class="number">${total((row) => row.byStatus[status] ?? 0)}</td>`)}
${data.risks.map((risk) => markup`<td class="number">${total((row) => row.byRisk[risk] ?? 0)}</td>`)}</tr>`;
  return dataTable(
    'Migrations by department: status (what the deployments say) and risk (against the deadline)',
    [
      'Department',
      { label: 'Total', numeric: true },
      ...data.statuses.map((status) => ({ label: humanize(status), numeric: true as const })),
      ...data.risks.map((risk) => ({ label: `Risk: ${humanize(risk)}`, numeric: true as const })),
    ],
    [...rows, all],
  );
}

function burndown(data: DashboardData): SafeHtml {
  const chart = data.burndown;
  if (!chart) return markup``;
  return markup`<h2>Burndown</h2>
<ul class="legend" aria-label="Legend">
<li><span class="swatch swatch-remaining" aria-hidden="true"></span>Remaining, week by week</li>
<li><span class="swatch swatch-ideal" aria-hidden="true"></span>Steady pace to the deadline</li>
<li><span class="swatch swatch-forecast" aria-hidden="true"></span>Forecast at the recent rate</li>
<li><span class="swatch swatch-today" aria-hidden="true"></span>Deadline</li>
</ul>
<div class="${chart.onTrack ? 'ok' : 'error'}-box" role="status"><p>${
    chart.remaining === 0
      ? 'Every migration is done.'
      : chart.forecastCompletion
        ? `${chart.remaining} remaining; at the recent rate the last completes on ${chart.forecastCompletion}: ${chart.onTrack ? 'on track' : 'after the deadline'} (${chart.deadline}).`
        : `${chart.remaining} remaining and none completed recently: no forecast, not on track for ${chart.deadline}.`
  }</p></div>
${burndownChart(chart)}
<details><summary>Weekly figures</summary>
${dataTable(
  'Migrations remaining at the start of each week',
  ['Week of', { label: 'Remaining', numeric: true }],
  chart.points.map((point) => markup`<tr><th scope="row">${point.weekStart}</th><td class="number">${point.remaining}</td></tr>`),
)}
</details>`;
}

function attention(data: DashboardData): SafeHtml {
  if (data.attention.length === 0) return markup`<p>No migration is overdue or at risk.</p>`;
  return dataTable(
    `Overdue and at risk, earliest deadline first${data.moreAttention > 0 ? ` (first ${data.attention.length}; ${data.moreAttention} more in the CSV)` : ''}`,
    ['Application', 'Department', 'From', 'To', 'Deadline', 'Status', 'Risk'],
    data.attention.map(
      (row) => markup`<tr><th scope="row"><a href="${appHref(row.slug)}">${row.name}</a> <span class="hint">${row.slug}</span></th><td>${row.department}</td>
<td><a href="${releaseHref(row.from)}">${row.from}</a></td><td><a href="${releaseHref(row.to)}">${row.to}</a></td><td>${row.deadline}</td><td>${badge('status', row.status)}</td><td>${badge('risk', row.risk)}</td></tr>`,
    ),
  );
}

/** The main part of `/dashboard`. */
export function dashboardMain(data: DashboardData): SafeHtml {
  return markup`<h1>Migrations dashboard</h1>
${data.releases.length === 0 ? markup`<p>No published release has a migration target, so there is nothing to migrate yet.</p>` : picker(data)}
${data.csvHref ? markup`<p><a href="${data.csvHref}" download>Download these migrations as CSV</a> (the same columns as <code>GET /exports/migrations.csv</code> with an API token).</p>` : ''}
<h2>By department</h2>
${departments(data)}
${burndown(data)}
<h2>Overdue and at risk</h2>
${attention(data)}`;
}
