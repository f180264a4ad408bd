import { markup, type SafeHtml } from '../html/html';

/** "END_OF_LIFE" → "end of life". */
export const humanize = (code: string): string => code.replace(/_/g, ' ').toLowerCase();

/** A status, severity or risk as a labelled badge: the word carries the meaning, the colour repeats it. */
export function badge(kind: 'status' | 'severity' | 'risk' | 'track', value: string): SafeHtml {
  return markup`<span class="badge ${kind}-${value}">${humanize(value)}</span>`;
}

export const releaseHref = (version: string): string => `/releases/${encodeURIComponent(version)}`;
export const appHref = (slug: string): string => `/apps/${encodeURIComponent(slug)}`;

/** A date and time in the campus time zone, e.g. "2026-12-10 07:00 CST". */
export function formatInstant(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

/** A column heading; numeric columns are right-aligned. */
export type Column = string | { label: string; numeric: true };

/** A table with a caption and column headings; each row is a `<tr>` the caller wrote (with its row heading). */
export function dataTable(caption: string | SafeHtml, columns: readonly Column[], rows: readonly SafeHtml[]): SafeHtml {
  const headings = columns.map((column) =>
    typeof column === 'string' ? markup`<th scope="col">${column}</th>` : markup`<th scope="col" class="number">${column.label}</th>`,
  );
  return markup`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${headings}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
