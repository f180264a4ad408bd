import { Inject, Injectable, Logger } from '@nestjs/common';
import { generateFeedTokenSecret, hashToken, isFeedToken } from '../../auth/api-token-secret';
import type { Principal } from '../../auth/principal';
import { Clock } from '../../common/clock/clock';
import type { AppConfig } from '../../common/config/app-config';
import { APP_CONFIG } from '../../common/config/config.module';
import { badInput, notFound, unauthenticated } from '../../common/errors/domain-error';
import { cursorCodec, cursorValue } from '../../common/paging/page-cursor';
import type { Page, PageRequest } from '../../common/paging/page';
import type { NewestFirst } from '../../common/database/newest-first-page';
import type { FeedTokenEntity } from './feed-token.entity';
import { FeedTokensRepository, type FeedTokenListItem, type FeedTokensCursorKey } from './feed-tokens.repository';

export const feedTokensCursor = cursorCodec<NewestFirst, FeedTokensCursorKey>('feedTokens', () => [cursorValue.timestamp, cursorValue.uuid]);

/** Writing last-used on every calendar poll would turn reads into writes; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreatedFeedToken {
  token: string;
  calendarUrl: string;
  feedToken: FeedTokenEntity;
}

const noSuchFeedToken = (id: string) => notFound(`No feed token with id ${id} of yours`, { field: 'id' });

/** Feed tokens: created by a signed-in user for themselves, listed and revoked by them; read feeds as them. */
@Injectable()
export class FeedTokensService {
  private readonly logger = new Logger(FeedTokensService.name);

  constructor(
    private readonly tokens: FeedTokensRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private ownerOf(caller: Principal): string {
    if (caller.userId === null)
      throw badInput('name', 'The bootstrap admin has no user of its own and no migrations to follow: create a user and sign in as them');
    return caller.userId;
  }

  async create(caller: Principal, name: string): Promise<CreatedFeedToken> {
    const userId = this.ownerOf(caller);
    const secret = generateFeedTokenSecret();
    const feedToken = await this.tokens.insert({ userId, name: name.trim(), tokenHash: secret.hash, tokenPrefix: secret.visiblePrefix });
    return { token: secret.token, calendarUrl: `${this.config.publicUrl}/calendar/migrations.ics?token=${secret.token}`, feedToken };
  }

  list(caller: Principal, request: PageRequest<FeedTokensCursorKey>): Promise<Page<FeedTokenListItem>> {
    return this.tokens.pageOfUser(this.ownerOf(caller), request);
  }

  async revoke(caller: Principal, id: string): Promise<FeedTokenEntity> {
    const token = await this.tokens.findById(id);
    // Someone else's token is as unknown as a missing one: ids of others' tokens do not leak.
    if (!token || token.userId !== caller.userId) throw noSuchFeedToken(id);
    if (token.revokedAt === null) {
      token.revokedAt = this.clock.now();
      await this.tokens.revoke(token.id, token.revokedAt);
    }
    return token;
  }

  /**
   * The user a feed token reads as, with their roles (their access grants are read by whoever
   * needs them). UNAUTHENTICATED for a missing, malformed, unknown or revoked token, or a disabled user.
   */
  async authenticate(token: string | null): Promise<Principal> {
    if (token === null || token === '') throw unauthenticated('This feed needs a feed token: ?token=<token> (createFeedToken)');
    if (!isFeedToken(token)) {
      throw unauthenticated('The token parameter takes a feed token (pypefeed_…, from createFeedToken), never an API token: an API token in a URL would leak');
    }
    const found = await this.tokens.findByHashWithUser(hashToken(token));
    if (!found) throw unauthenticated('The feed token is not valid');
    if (found.revokedAt !== null) throw unauthenticated(`The feed token '${found.name}' has been revoked`);
    if (found.disabledAt !== null) throw unauthenticated(`The user ${found.email} is disabled`);
    this.touchLastUsed(found);
    return { userId: found.userId, label: found.email, roles: found.roles, tokenId: null };
  }

  private touchLastUsed(token: Pick<FeedTokenEntity, 'id' | 'lastUsedAt'>): void {
    const now = this.clock.now();
    if (token.lastUsedAt !== null && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    this.tokens.touchLastUsed(token.id, now).catch((error: unknown) => {
      this.logger.warn(`Could not record the last use of feed token ${token.id}: ${(error as Error).message}`);
    });
  }
}
