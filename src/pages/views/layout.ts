import { markup, type SafeHtml } from '../html/html';

/** Who is looking at a page, as the layout needs it. */
export interface PageViewer {
  /** The signed-in user's name; null when nobody is signed in. */
  label: string | null;
  /** Managers and admins see the dashboard link. */
  seesDashboard: boolean;
  /** The token forms carry (the session's, or the visitor's before signing in). */
  csrfToken: string;
  /** The campus time zone dates are given in. */
  timeZone: string;
}

export type NavSection = 'catalog' | 'scan' | 'dashboard' | 'explorer' | 'sign-in' | null;

export interface PageContent {
  title: string;
  section: NavSection;
  main: SafeHtml;
}

function navLink(href: string, text: string, section: NavSection, current: NavSection): SafeHtml {
  return markup`<li><a href="${href}" ${section === current ? markup` aria-current="page"` : ''}>${text}</a></li>`;
}

function account(viewer: PageViewer, section: NavSection): SafeHtml {
  if (viewer.label === null) {
    return markup`<div class="account"><a href="/sign-in" ${section === 'sign-in' ? markup` aria-current="page"` : ''}>Sign in</a></div>`;
  }
  return markup`<div class="account">
    <span>Signed in as <strong>${viewer.label}</strong></span>
    <form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${viewer.csrfToken}" /><button type="submit">Sign out</button></form>
  </div>`;
}

/** The whole document: landmarks (banner, navigation, main, contentinfo), a skip link, one stylesheet. */
export function renderPage(viewer: PageViewer, content: PageContent): string {
  const { section } = content;
  return markup`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${content.title} · PyPE Lifecycle</title>
        <link rel="stylesheet" href="/assets/pages.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site">
          <div class="inner">
            <a class="brand" href="/">PyPE Lifecycle</a>
            <nav aria-label="Main">
              <ul>
                ${navLink('/', 'Catalog', 'catalog', section)} ${navLink('/scan', 'Scan requirements', 'scan', section)}
                ${viewer.seesDashboard ? navLink('/dashboard', 'Dashboard', 'dashboard', section) : ''}
                ${navLink('/graphql', 'GraphQL explorer', 'explorer', section)}
              </ul>
            </nav>
            ${account(viewer, section)}
          </div>
        </header>
        <main id="main" tabindex="-1">${content.main}</main>
        <footer class="site">
          <div class="inner">
            <p>
              PyPE Lifecycle: runtime releases, requirements scans and migrations of the Python Production Environment. Dates and times are campus time
              (${viewer.timeZone}).
            </p>
          </div>
        </footer>
      </body>
    </html> `.text;
}
