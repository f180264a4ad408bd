import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { unauthenticated } from '../common/errors/domain-error';
import type { ApiTokenEntity } from './api-token.entity';
import { ApiTokensRepository } from './api-tokens.repository';
import { bearerTokenOf, hashToken, isFeedToken, secretsEqual } from './api-token-secret';
import { BOOTSTRAP_ADMIN, type Principal } from './principal';

/** Writing last-used on every request would turn reads into writes; once a minute is enough to be useful. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly tokens: ApiTokensRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

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

    const found = await this.tokens.findByHashWithUser(tokenHash);
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
    this.tokens.touchLastUsed(token.id, now).catch((error: unknown) => {
      this.logger.warn(`Could not record the last use of token ${token.id}: ${(error as Error).message}`);
    });
  }
}
