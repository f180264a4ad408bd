import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../../auth/auth.service';
import { hashToken } from '../../auth/api-token-secret';
import type { Principal } from '../../auth/principal';
import { Clock } from '../../common/clock/clock';
import { badInput, DomainError, ErrorCode } from '../../common/errors/domain-error';
import { PageSessionsRepository } from './page-sessions.repository';

/** A signed-in browser keeps its session this long at most (and never past its token's own expiry, which ends it too). */
export const SESSION_LIFETIME_HOURS = 8;

/** What a pasted token may look like: the characters a bearer token may hold, as the API accepts them. */
const TOKEN_TEXT = /^[!-~]{1,512}$/;

const newSecret = (): string => randomBytes(32).toString('base64url');
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export type SessionState =
  | { kind: 'anonymous' }
  | { kind: 'signed-in'; principal: Principal; csrfToken: string; expiresAt: Date }
  /** The cookie named a session that is over: expired, signed out elsewhere, or its token revoked or expired. */
  | { kind: 'ended'; reason: string };

export interface OpenedSession {
  /** Goes into the cookie; never stored. */
  secret: string;
  principal: Principal;
  expiresAt: Date;
}

/**
 * Browser sessions: an API token pasted once becomes a server-side session behind an HttpOnly
 * cookie. Each request checks the token again, so a revoked, expired or disabled token ends
 * the session at once.
 */
@Injectable()
export class PageSessionsService {
  private readonly logger = new Logger(PageSessionsService.name);

  constructor(
    private readonly sessions: PageSessionsRepository,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  /** Checks the token like the API would and opens a session for it; UNAUTHENTICATED or BAD_USER_INPUT (field `token`) otherwise. */
  async signIn(tokenText: string): Promise<OpenedSession> {
    const token = tokenText.trim();
    if (token === '') throw badInput('token', 'Paste an API token (it starts with pype_)');
    if (!TOKEN_TEXT.test(token)) throw badInput('token', 'An API token is at most 512 printable characters without spaces');
    const tokenHash = hashToken(token);
    const principal = await this.auth.authenticateTokenHash(tokenHash);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_HOURS * 3_600_000);
    const secret = newSecret();
    await this.sessions.insert({ sessionHash: sha256(secret), tokenHash, csrfToken: newSecret(), expiresAt });
    this.sessions.deleteExpired(now).catch((error: unknown) => this.logger.warn(`Could not delete expired sessions: ${(error as Error).message}`));
    return { secret, principal, expiresAt };
  }

  /** The state of the session a cookie names (anonymous without a cookie). */
  async resolve(secret: string | null): Promise<SessionState> {
    if (secret === null) return { kind: 'anonymous' };
    const session = await this.sessions.findBySessionHash(sha256(secret));
    if (!session) return { kind: 'ended', reason: 'Your session has ended (signed out, or unknown to this service). Sign in again.' };
    if (session.expiresAt.getTime() <= this.clock.now().getTime()) {
      await this.sessions.deleteBySessionHash(session.sessionHash);
      return { kind: 'ended', reason: `Your session expired after ${SESSION_LIFETIME_HOURS} hours. Sign in again.` };
    }
    try {
      const principal = await this.auth.authenticateTokenHash(session.tokenHash);
      return { kind: 'signed-in', principal, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED)) throw error;
      await this.sessions.deleteBySessionHash(session.sessionHash);
      return { kind: 'ended', reason: `You were signed out: ${error.message}. Sign in again with a valid token.` };
    }
  }

  /** Ends the session; true when there was one. */
  signOut(secret: string): Promise<boolean> {
    return this.sessions.deleteBySessionHash(sha256(secret));
  }
}
