/**
 * Migrations remaining week by week against the deadline, with the ideal line (steady progress
 * from the notice start to zero at the deadline) and the forecast from the recent rate. Server-side SVG.
 */
import { compareDates, epochDayOf, type CalendarDate } from '../../calendar/calendar-date';
import { markup, svgNumber, type SafeHtml } from '../html/html';

export interface BurndownInput {
  points: readonly { weekStart: CalendarDate; remaining: number }[];
  noticeStart: CalendarDate;
  deadline: CalendarDate;
  today: CalendarDate;
  forecastCompletion: CalendarDate | null;
  remaining: number;
  onTrack: boolean;
}

const WIDTH = 760;
const HEIGHT = 320;
const LEFT = 56;
const RIGHT = 24;
const TOP = 20;
const BOTTOM = 44;

const latest = (dates: readonly CalendarDate[]): CalendarDate => dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
const earliest = (dates: readonly CalendarDate[]): CalendarDate => dates.reduce((a, b) => (compareDates(a, b) <= 0 ? a : b));

export function burndownChart(data: BurndownInput): SafeHtml {
  const from = earliest([data.noticeStart, data.today, ...data.points.map((point) => point.weekStart)]);
  const to = latest([data.deadline, data.today, ...(data.forecastCompletion ? [data.forecastCompletion] : [])]);
  const start = epochDayOf(from);
  const span = Math.max(1, epochDayOf(to) - start);
  const peak = Math.max(1, data.remaining, ...data.points.map((point) => point.remaining));
  const x = (date: CalendarDate) => LEFT + ((epochDayOf(date) - start) / span) * (WIDTH - LEFT - RIGHT);
  const y = (count: number) => TOP + (1 - count / peak) * (HEIGHT - TOP - BOTTOM);
  const baseline = y(0);
  const actual = data.points.map((point) => `${svgNumber(x(point.weekStart))},${svgNumber(y(point.remaining))}`).join(' ');
  // Steady pace: from the most there ever were to none at the deadline.
  const idealStart = peak;
  const ticks = [0, Math.round(peak / 2), peak].filter((value, index, all) => all.indexOf(value) === index);
  const description =
    `${data.remaining} migrations remain on ${data.today}; the deadline is ${data.deadline}. ` +
    (data.forecastCompletion
      ? `At the recent rate the last one completes on ${data.forecastCompletion}, ${data.onTrack ? 'before' : 'after'} the deadline.`
      : data.remaining === 0
        ? 'All are done.'
        : 'No migration was completed recently, so there is no forecast.') +
    ' The table below the chart lists the weekly figures.';
  return markup`<svg class="chart burndown" role="img" aria-labelledby="burndown-title burndown-desc" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">
<title id="burndown-title">Migrations remaining</title>
<desc id="burndown-desc">${description}</desc>
<line x1="${LEFT}" y1="${svgNumber(baseline)}" x2="${WIDTH - RIGHT}" y2="${svgNumber(baseline)}" stroke="#6b7480" stroke-width="1"/>
${ticks.map((value) => markup`<text x="${LEFT - 8}" y="${svgNumber(y(value) + 4)}" font-size="12" fill="#4a5360" text-anchor="end">${value}</text>`)}
<text x="${LEFT}" y="${HEIGHT - 22}" font-size="12" fill="#4a5360">${from}</text>
<text x="${WIDTH - RIGHT}" y="${HEIGHT - 22}" font-size="12" fill="#4a5360" text-anchor="end">${to}</text>
<line x1="${svgNumber(x(data.noticeStart))}" y1="${svgNumber(y(idealStart))}" x2="${svgNumber(x(data.deadline))}" y2="${svgNumber(baseline)}" stroke="#4a5360" stroke-width="1.5" stroke-dasharray="2 3"/>
${actual === '' ? '' : markup`<polyline points="${actual}" fill="none" stroke="#0b5cad" stroke-width="3"/>`}
${
  data.forecastCompletion && data.remaining > 0
    ? markup`<line x1="${svgNumber(x(data.today))}" y1="${svgNumber(y(data.remaining))}" x2="${svgNumber(x(data.forecastCompletion))}" y2="${svgNumber(baseline)}" stroke="#b35900" stroke-width="2" stroke-dasharray="6 4"/>`
    : ''
}
<line x1="${svgNumber(x(data.deadline))}" y1="${TOP}" x2="${svgNumber(x(data.deadline))}" y2="${svgNumber(baseline)}" stroke="#b00020" stroke-width="2"/>
<text x="${svgNumber(Math.min(x(data.deadline), WIDTH - RIGHT - 4))}" y="${HEIGHT - 6}" font-size="12" fill="#b00020" font-weight="700" text-anchor="end">Deadline ${data.deadline}</text>
<line x1="${svgNumber(x(data.today))}" y1="${TOP}" x2="${svgNumber(x(data.today))}" y2="${svgNumber(baseline)}" stroke="#1b1f24" stroke-width="1" stroke-dasharray="1 2"/>
<text x="${svgNumber(x(data.today) + 4)}" y="${TOP + 12}" font-size="12" fill="#1b1f24">Today</text>
</svg>`;
}
