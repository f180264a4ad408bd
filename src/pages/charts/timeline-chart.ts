/**
 * The catalog as a timeline, drawn on the server as SVG: a bar per release from general
 * availability to end of support, the notice window hatched, a line for the day shown and a
 * marker on the recommended release. Pure: data in, markup out.
 */
import { addMonths, compareDates, epochDayOf, type CalendarDate } from '../../calendar/calendar-date';
import { markup, svgNumber, type SafeHtml } from '../html/html';

export interface TimelineRelease {
  version: string;
  track: 'LTS' | 'STABLE';
  status: string;
  generalAvailability: CalendarDate;
  endOfSupport: CalendarDate;
  noticeStart: CalendarDate;
  recommended: boolean;
}

export interface TimelineOptions {
  /** The day the vertical line marks. */
  day: CalendarDate;
  /** What the line is called: "Today" or "Shown day". */
  dayLabel: string;
  /** Links each bar's label to the release page. */
  hrefOf: (version: string) => string;
}

const WIDTH = 960;
const LABEL_WIDTH = 190;
const RIGHT_PADDING = 20;
const TOP = 34;
const ROW = 34;
const BOTTOM = 14;
const BAR_HEIGHT = { LTS: 18, STABLE: 12 } as const;

const yearOf = (date: CalendarDate): number => Number(date.slice(0, 4));

/** The range shown: every release and the day, with a few months either side, whole years on the axis. */
function rangeOf(releases: readonly TimelineRelease[], day: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  let from = day;
  let to = day;
  for (const release of releases) {
    if (compareDates(release.generalAvailability, from) < 0) from = release.generalAvailability;
    if (compareDates(release.endOfSupport, to) > 0) to = release.endOfSupport;
  }
  return { from: `${yearOf(addMonths(from, -2))}-01-01`, to: `${yearOf(addMonths(to, 2)) + 1}-01-01` };
}

export function timelineChart(releases: readonly TimelineRelease[], options: TimelineOptions): SafeHtml {
  const { from, to } = rangeOf(releases, options.day);
  const start = epochDayOf(from);
  const span = Math.max(1, epochDayOf(to) - start);
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_PADDING;
  const x = (date: CalendarDate) => LABEL_WIDTH + ((epochDayOf(date) - start) / span) * plotWidth;
  const height = TOP + releases.length * ROW + BOTTOM;
  const years: number[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) years.push(year);
  const yearStep = Math.max(1, Math.ceil(years.length / 12));

  const axis = years.map((year, index) => {
    const left = x(`${year}-01-01`);
    const label = index % yearStep === 0 && index < years.length - 1;
    return markup`<line x1="${svgNumber(left)}" y1="${TOP - 6}" x2="${svgNumber(left)}" y2="${height - BOTTOM}" stroke="#c9ced6" stroke-width="1"/>
${label ? markup`<text x="${svgNumber(left + 4)}" y="${TOP - 12}" font-size="12" fill="#4a5360">${year}</text>` : ''}`;
  });

  const rows = releases.map((release, index) => {
    const middle = TOP + index * ROW + ROW / 2;
    const barHeight = BAR_HEIGHT[release.track];
    const top = middle - barHeight / 2;
    const gaX = x(release.generalAvailability);
    const noticeX = Math.max(gaX, x(release.noticeStart));
    const endX = x(release.endOfSupport);
    const colour = release.track === 'LTS' ? '#0b5cad' : '#6a3fa0';
    const summary = `${release.version} (${release.track}, ${release.status.replace(/_/g, ' ').toLowerCase()}): ${release.generalAvailability} to ${release.endOfSupport}, notice from ${release.noticeStart}${release.recommended ? ', recommended' : ''}`;
    return markup`<g class="release-row" data-version="${release.version}">
<title>${summary}</title>
${index % 2 === 0 ? markup`<rect x="0" y="${svgNumber(middle - ROW / 2)}" width="${WIDTH}" height="${ROW}" fill="#f6f7f9"/>` : ''}
<a href="${options.hrefOf(release.version)}"><text x="8" y="${svgNumber(middle + 5)}" font-size="14" fill="#1b1f24" font-weight="${release.recommended ? 700 : 400}">${release.recommended ? '★ ' : ''}${release.version}</text></a>
<text x="${LABEL_WIDTH - 10}" y="${svgNumber(middle + 4)}" font-size="11" fill="${colour}" text-anchor="end" font-weight="700">${release.track}</text>
<rect x="${svgNumber(gaX)}" y="${svgNumber(top)}" width="${svgNumber(Math.max(1, noticeX - gaX))}" height="${barHeight}" fill="${colour}"/>
<rect x="${svgNumber(noticeX)}" y="${svgNumber(top)}" width="${svgNumber(Math.max(1, endX - noticeX))}" height="${barHeight}" fill="url(#notice-hatch)" stroke="${colour}" stroke-width="1"/>
${release.recommended ? markup`<text x="${svgNumber(Math.min(endX + 6, WIDTH - 110))}" y="${svgNumber(middle + 4)}" font-size="12" fill="#1b1f24" font-weight="700">★ recommended</text>` : ''}
</g>`;
  });

  const dayX = x(options.day);
  const last = releases.reduce((latest, release) => (compareDates(release.endOfSupport, latest) > 0 ? release.endOfSupport : latest), options.day);
  const earliest = releases.map((release) => release.generalAvailability).sort()[0];
  const description =
    releases.length === 0
      ? `No releases to show. The red line marks ${options.dayLabel.toLowerCase()}, ${options.day}.`
      : `${releases.length} releases, the earliest available ${earliest}, the last support ending ${last}. ` +
        `Solid bars are supported time, hatched ends are the notice window before end of support; LTS bars are taller than stable ones. ` +
        `The red line marks ${options.dayLabel.toLowerCase()}, ${options.day}. The table below lists the same data.`;
  return markup`<svg class="chart timeline" role="group" aria-labelledby="timeline-title" aria-describedby="timeline-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="timeline-title">Release timeline</title>
<desc id="timeline-desc">${description}</desc>
<defs><pattern id="notice-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffd9a8"/><rect width="2" height="6" fill="#b35900"/></pattern></defs>
${axis}
${rows}
<line x1="${svgNumber(dayX)}" y1="${TOP - 6}" x2="${svgNumber(dayX)}" y2="${height - BOTTOM + 4}" stroke="#b00020" stroke-width="2"/>
<text x="${svgNumber(Math.min(dayX + 4, WIDTH - 120))}" y="${height - 2}" font-size="12" fill="#b00020" font-weight="700">${options.dayLabel} ${options.day}</text>
</svg>`;
}
