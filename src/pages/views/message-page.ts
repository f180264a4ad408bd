import { markup, type SafeHtml } from '../html/html';
import { renderPage } from './layout';

/** A page that only says something: not found, refused, failed. The text is escaped like everything else. */
export function messageMain(heading: string, paragraphs: readonly (string | SafeHtml)[], kind: 'error' | 'info' = 'error'): SafeHtml {
  return markup`<h1>${heading}</h1>
    <div class="${kind}-box" role="${kind === 'error' ? 'alert' : 'status'}">${paragraphs.map((paragraph) => markup`<p>${paragraph}</p>`)}</div>
    <p><a href="/">Go to the catalog</a></p>`;
}

/** Shows at most this much of what someone typed into a path, so a long path does not become a long page. */
export function shortened(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A message page for a request refused before any route or session is looked at (so: as seen by nobody in particular). */
function earlyRefusalPage(timeZone: string, heading: string, text: string): string {
  return renderPage({ label: null, seesDashboard: false, csrfToken: '', timeZone }, { title: heading, section: null, main: messageMain(heading, [text]) });
}

/** The page for a path that is not even a valid URL (broken percent-encoding). */
export function badUrlPage(timeZone: string): string {
  return earlyRefusalPage(
    timeZone,
    'Bad address',
    'This address has characters that cannot be read (a "%" must be followed by two hexadecimal digits). Check the link.',
  );
}

/** The page for a form body over the limit, refused by its declared length before it is read. */
export function formTooLargePage(limitBytes: number, timeZone: string): string {
  const mib = (limitBytes / (1024 * 1024)).toFixed(1);
  return earlyRefusalPage(
    timeZone,
    'Form too large',
    `The form sent more than ${mib} MiB, more than this service reads from a form (ANONYMOUS_BODY_LIMIT_BYTES). Nothing was done. Go back and choose a smaller file.`,
  );
}
