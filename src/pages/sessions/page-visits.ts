import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { secretsEqual } from '../../auth/api-token-secret';
import { hasAnyRole, type Principal } from '../../auth/principal';
import { Role } from '../../auth/role';
import type { PageViewer } from '../views/layout';
import { cookieValue, setCookie } from './cookies';
import { PageSessionsService, SESSION_LIFETIME_HOURS } from './page-sessions.service';

export const SESSION_COOKIE = 'pype_session';
/** Before signing in, forms are protected by a double-submit token: this cookie's value must come back in the form. */
export const VISITOR_COOKIE = 'pype_visitor';
const VISITOR_COOKIE_SECONDS = 24 * 3600;

/** One request to a page: who is looking, the token its forms carry, and the cookies to send back. */
export interface Visit {
  principal: Principal | null;
  /** The session's synchronizer token, or the visitor cookie's value before signing in ('' when the page has no form). */
  csrfToken: string;
  /** Set when the cookie named a session that is over: the page says why. */
  endedReason: string | null;
  secure: boolean;
  setCookies: string[];
}

/** True when the browser reached us over HTTPS (directly, or through a trusted proxy). */
const isSecure = (request: FastifyRequest): boolean => request.protocol === 'https';

@Injectable()
export class PageVisits {
  constructor(private readonly sessions: PageSessionsService) {}

  /** Who is visiting. `forms`: the page carries forms, so an anonymous visitor needs a CSRF token. */
  async visit(request: FastifyRequest, forms: boolean): Promise<Visit> {
    const secure = isSecure(request);
    const state = await this.sessions.resolve(cookieValue(request.headers.cookie, SESSION_COOKIE));
    const visit: Visit = { principal: null, csrfToken: '', endedReason: null, secure, setCookies: [] };
    if (state.kind === 'signed-in') {
      visit.principal = state.principal;
      visit.csrfToken = state.csrfToken;
      return visit;
    }
    if (state.kind === 'ended') {
      visit.endedReason = state.reason;
      visit.setCookies.push(this.clearSessionCookie(secure));
    }
    const visitor = cookieValue(request.headers.cookie, VISITOR_COOKIE);
    if (visitor !== null) visit.csrfToken = visitor;
    // A session that just ended is answered with the sign-in form (saying why), which needs a token too.
    else if (forms || state.kind === 'ended') {
      visit.csrfToken = randomBytes(32).toString('base64url');
      visit.setCookies.push(setCookie(VISITOR_COOKIE, visit.csrfToken, { maxAgeSeconds: VISITOR_COOKIE_SECONDS, secure, sameSite: 'Strict' }));
    }
    return visit;
  }

  /** Whether a form post carries this visit's token (constant-time comparison). */
  csrfAccepted(visit: Visit, submitted: unknown): boolean {
    return visit.csrfToken !== '' && typeof submitted === 'string' && submitted !== '' && secretsEqual(submitted, visit.csrfToken);
  }

  viewerOf(visit: Visit, timeZone: string): PageViewer {
    return {
      label: visit.principal?.label ?? null,
      seesDashboard: hasAnyRole(visit.principal, [Role.ADMIN, Role.MANAGER]),
      csrfToken: visit.csrfToken,
      timeZone,
    };
  }

  sessionCookie(secret: string, secure: boolean): string {
    return setCookie(SESSION_COOKIE, secret, { maxAgeSeconds: SESSION_LIFETIME_HOURS * 3600, secure, sameSite: 'Lax' });
  }

  clearSessionCookie(secure: boolean): string {
    return setCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure, sameSite: 'Lax' });
  }
}
