import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { unauthenticated } from '../common/errors/domain-error';
import type { ApiTokenEntity } from './api-token.entity';
import { RevisionListener } from '../common/database/revision-listener';
import { ApiTokensRepository, type ApiTokenWithUser } from './api-tokens.repository';
import { bearerTokenOf, hashToken, isFeedToken, secretsEqual } from './api-token-secret';
import { BOOTSTRAP_ADMIN, type Principal } from './principal';
import { ChangeAwareCache } from '../common/database/change-aware-cache';

/** Writing last-used on every request would turn reads into writes; once a minute is enough to be useful. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** NOTIFY channel of writes that can change what a token authenticates as (database triggers, migration 1796581805682). */
export const ACCESS_CHANNEL = 'pype_access';
/** Memory the remembered token lookups may take (a lookup with a few memberships takes about 1 KB). */
const TOKEN_CACHE_MAX_BYTES = 4 * 1024 * 1024;

@Injectable()
export class AuthService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuthService.name);
  /** Lookups by token hash, forgotten on every change to tokens, users and grants (see ChangeAwareCache). */
  private readonly lookups: ChangeAwareCache<ApiTokenWithUser>;
  private readonly accessChanges: RevisionListener;

  constructor(
    private readonly tokens: ApiTokensRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectDataSource() dataSource: DataSource,
  ) {
    // Monotonic time for expiry: the settable clock of tests and the wall clock may jump.
    this.lookups = new ChangeAwareCache(
      config.authCacheTtlMs,
      TOKEN_CACHE_MAX_BYTES,
      () => performance.now(),
      (found) => JSON.stringify(found).length,
    );
    this.accessChanges = new RevisionListener({
      url: (dataSource.options as { url?: string }).url ?? '',
      channel: ACCESS_CHANNEL,
      applicationName: 'pype-lifecycle-access-listener',
      onRevision: () => this.forgetTokenLookups(),
      onListening: () => {
        this.forgetTokenLookups();
        this.lookups.trusted = true;
      },
    });
  }

  async onModuleInit(): Promise<void> {
    if (this.config.authCacheTtlMs > 0) await this.accessChanges.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.accessChanges.stop();
  }

  /**
   * Drops every remembered token lookup: called when the database says tokens, users or grants
   * changed, and after each mutation this replica runs (it sees its own writes at once).
   */
  forgetTokenLookups(): void {
    this.lookups.trusted = this.accessChanges.listening;
    this.lookups.forgetAll();
  }

  /** The token, its user and their grants: from memory when nothing changed since they were read. */
  private async lookUp(tokenHash: string): Promise<ApiTokenWithUser | null> {
    this.lookups.trusted = this.accessChanges.listening;
    const remembered = this.lookups.get(tokenHash);
    if (remembered !== undefined) return remembered;
    const lookup = this.lookups.startLookup();
    const found = await this.tokens.findByHashWithUser(tokenHash);
    // Only tokens that authenticate are kept: unknown hashes would let anyone fill the cache.
    if (found && found.revokedAt === null && found.user.disabledAt === null) this.lookups.remember(tokenHash, found, lookup);
    return found;
  }

  /**
   * The caller behind an `Authorization` header: null without one; an UNAUTHENTICATED error
   * for a malformed, unknown, expired or revoked token (a bad token is never read as anonymous).
   */
  async authenticate(authorizationHeader: string | undefined): Promise<Principal | null> {
    const token = bearerTokenOf(authorizationHeader);
    if (token === null) return null;
    if (token === undefined) {
      throw unauthenticated('The Authorization header must be "Bearer <token>"');
    }
    if (isFeedToken(token)) {
      throw unauthenticated(
        'This is a feed token: it only reads calendar feeds (GET /calendar/migrations.ics?token=…) and is never accepted by the API. Send an API token (createApiToken) as "Authorization: Bearer <token>"',
      );
    }
    return this.authenticateTokenHash(hashToken(token));
  }

  /**
   * The caller behind a token known only by its hash (a browser session keeps the hash of the
   * token it was opened with); the same UNAUTHENTICATED errors as `authenticate`.
   */
  async authenticateTokenHash(tokenHash: string): Promise<Principal> {
    const bootstrapToken = this.config.bootstrapAdminToken;
    if (bootstrapToken !== null && secretsEqual(tokenHash, hashToken(bootstrapToken))) return BOOTSTRAP_ADMIN;

    const found = await this.lookUp(tokenHash);
    const now = this.clock.now();
    if (!found) throw unauthenticated('The API token is not valid');
    if (found.revokedAt !== null) throw unauthenticated(`The API token '${found.name}' has been revoked`);
    if (found.expiresAt !== null && found.expiresAt <= now) {
      throw unauthenticated(`The API token '${found.name}' expired on ${found.expiresAt.toISOString()}`);
    }
    if (found.user.disabledAt !== null) throw unauthenticated(`The user ${found.user.email} is disabled`);

    this.touchLastUsed(found, now);
    return { userId: found.user.id, label: found.user.email, roles: found.user.roles, tokenId: found.id, accessGrants: found.accessGrants };
  }

  private touchLastUsed(token: Pick<ApiTokenEntity, 'id' | 'lastUsedAt'>, now: Date): void {
    if (token.lastUsedAt !== null && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    // A remembered lookup is the same object next time: it must not ask for another write at once.
    token.lastUsedAt = now;
    this.tokens.touchLastUsed(token.id, now).catch((error: unknown) => {
      this.logger.warn(`Could not record the last use of token ${token.id}: ${(error as Error).message}`);
    });
  }
}
