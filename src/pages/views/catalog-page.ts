import type { CalendarDate } from '../../calendar/calendar-date';
import { timelineChart, type TimelineRelease } from '../charts/timeline-chart';
import { markup, type SafeHtml } from '../html/html';
import { badge, dataTable, releaseHref } from './format';

export interface CatalogRow extends TimelineRelease {
  pythonVersion: string;
  migrationTarget: string | null;
}

export interface CatalogPageData {
  day: CalendarDate;
  today: CalendarDate;
  releases: readonly CatalogRow[];
  /** A day on which releases were supported, offered when none is on the day shown. */
  supportedOn: CalendarDate | null;
  /** Why the date asked for was not used, if it was not. */
  dateProblem: string | null;
}

const ACTIVE = new Set(['SUPPORTED', 'DEPRECATED']);

function overview(data: CatalogPageData): SafeHtml {
  const active = data.releases.filter((release) => ACTIVE.has(release.status));
  const recommended = data.releases.find((release) => release.recommended);
  const onWhat = data.day === data.today ? markup`today (${data.day})` : markup`on ${data.day}`;
  if (data.releases.length === 0) {
    return markup`<div class="info-box" role="status"><p>The catalog has no published releases yet.</p></div>`;
  }
  if (active.length === 0) {
    const anticipated = data.releases.filter((release) => release.status === 'ANTICIPATED');
    return markup`<div class="notice-box" role="status">
      <p>
        <strong>No release is supported ${onWhat}.</strong> ${
          anticipated.length > 0
            ? markup`The next release becomes available on ${anticipated.map((release) => release.generalAvailability).sort()[0]}.`
            : markup`Every release in the catalog has reached its end of life: apps still running them run unsupported.`
        }
      </p>
      ${data.supportedOn ? markup`<p><a href="/?on=${data.supportedOn}">See the catalog on ${data.supportedOn}</a>, when releases were supported.</p>` : ''}
    </div>`;
  }
  const deprecated = active.filter((release) => release.status === 'DEPRECATED').length;
  return markup`<p>
    ${active.length} of ${data.releases.length} releases are supported
    ${onWhat}${deprecated > 0 ? ` (${deprecated} in the notice window before end of support)` : ''}${
      recommended ? markup`; <a href="${releaseHref(recommended.version)}">${recommended.version}</a> is recommended for new work` : ''
    }.
  </p>`;
}

function table(data: CatalogPageData): SafeHtml {
  const rows = data.releases.map(
    (release) =>
      markup`<tr>
        <th scope="row">
          <a href="${releaseHref(release.version)}">${release.version}</a>${release.recommended ? markup` <span class="badge">★ recommended</span>` : ''}
        </th>
        <td>${release.pythonVersion}</td>
        <td>${badge('track', release.track)}</td>
        <td>${badge('status', release.status)}</td>
        <td>${release.generalAvailability}</td>
        <td>${release.noticeStart}</td>
        <td>${release.endOfSupport}</td>
        <td>${release.migrationTarget ? markup`<a href="${releaseHref(release.migrationTarget)}">${release.migrationTarget}</a>` : '—'}</td>
      </tr>`,
  );
  return dataTable(
    `Releases on ${data.day}`,
    ['Version', 'Python', 'Track', 'Status', 'General availability', 'Notice from', 'End of support', 'Migration target'],
    rows,
  );
}

/** The main part of `/`: overview, date picker, timeline and the same data as a table. */
export function catalogMain(data: CatalogPageData): SafeHtml {
  const isToday = data.day === data.today;
  return markup`<h1>Runtime catalog</h1>
    ${data.dateProblem ? markup`<div class="error-box" role="alert"><p>${data.dateProblem}</p></div>` : ''} ${overview(data)}
    <form class="inline" method="get" action="/">
      <div><label for="on">Show the catalog on</label><input type="date" id="on" name="on" value="${data.day}" required /></div>
      <button type="submit">Show</button>
      ${isToday ? '' : markup`<a href="/">Back to today</a>`}
    </form>
    <h2>Timeline</h2>
    <ul class="legend" aria-label="Legend">
      <li><span class="swatch swatch-lts" aria-hidden="true"></span>LTS (taller bars)</li>
      <li><span class="swatch swatch-stable" aria-hidden="true"></span>Stable</li>
      <li><span class="swatch swatch-notice" aria-hidden="true"></span>Notice window before end of support</li>
      <li><span class="swatch swatch-today" aria-hidden="true"></span>${isToday ? 'Today' : 'Day shown'}</li>
      <li>★ Recommended for new work</li>
    </ul>
    ${timelineChart(data.releases, { day: data.day, dayLabel: isToday ? 'Today' : 'Shown day', hrefOf: releaseHref })}
    <h2>Releases</h2>
    ${table(data)}`;
}
