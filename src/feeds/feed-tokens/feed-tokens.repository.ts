import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Role } from '../../auth/role';
import { createdAtPage, type CreatedAtCursorKey } from '../../common/database/created-at-page';
import type { Page, PageRequest } from '../../common/paging/page';
import { FeedTokenEntity } from './feed-token.entity';

/** Where a page of a user's feed tokens continues: after this creation time (as PostgreSQL prints it) and id. */
export type FeedTokensCursorKey = CreatedAtCursorKey;

export interface FeedTokenListItem {
  token: FeedTokenEntity;
  cursorKey: FeedTokensCursorKey;
}

/** A feed token with what reading a feed needs of its user. */
export type FeedTokenWithUser = FeedTokenEntity & { email: string; roles: Role[]; disabledAt: Date | null };

/** The only writer of `feed_tokens`. */
@Injectable()
export class FeedTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get tokens() {
    return this.dataSource.manager.getRepository(FeedTokenEntity);
  }

  async findByHashWithUser(tokenHash: string): Promise<FeedTokenWithUser | null> {
    const [row] = await this.dataSource.query<FeedTokenWithUser[]>(
      `SELECT t.id, t.user_id AS "userId", t.name, t.token_hash AS "tokenHash", t.token_prefix AS "tokenPrefix", t.created_at AS "createdAt",
              t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt", u.email, u.roles, u.disabled_at AS "disabledAt"
         FROM feed_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return row ?? null;
  }

  findById(id: string): Promise<FeedTokenEntity | null> {
    return this.tokens.findOneBy({ id });
  }

  /** A page of a user's feed tokens, newest first (the id breaks ties). */
  async pageOfUser(userId: string, request: PageRequest<FeedTokensCursorKey>): Promise<Page<FeedTokenListItem>> {
    const page = await createdAtPage(this.tokens.createQueryBuilder('token').where('token.userId = :userId', { userId }), 'token', 'DESC', request);
    return { ...page, items: page.items.map(({ row, cursorKey }) => ({ token: row, cursorKey })) };
  }

  insert(token: Pick<FeedTokenEntity, 'userId' | 'name' | 'tokenHash' | 'tokenPrefix'>): Promise<FeedTokenEntity> {
    return this.tokens.save(this.tokens.create({ ...token, lastUsedAt: null, revokedAt: null }));
  }

  /** Revokes the token unless it already is (the first revocation time stays). */
  async revoke(id: string, at: Date): Promise<void> {
    await this.tokens.update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }

  async touchLastUsed(id: string, at: Date): Promise<void> {
    await this.tokens.update({ id }, { lastUsedAt: at });
  }
}
