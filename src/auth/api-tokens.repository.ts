import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';
import type { UserEntity } from './user.entity';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';

/** Where a page of a user's tokens continues: after this creation time (as PostgreSQL prints it, microseconds kept) and id. */
export type ApiTokensCursorKey = [createdAt: string, id: string];

/** A token as lists show it: never its hash. */
export type ListedApiToken = Omit<ApiTokenEntity, 'tokenHash' | 'user'>;

/** A token on a page, with its cursor key. */
export interface ApiTokenListItem {
  token: ListedApiToken;
  cursorKey: ApiTokensCursorKey;
}

/** An API token with the user it belongs to, as authentication reads it. */
export type ApiTokenWithUser = ApiTokenEntity & { user: UserEntity };

/** The only writer of `api_tokens`. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get tokens() {
    return this.dataSource.manager.getRepository(ApiTokenEntity);
  }

  /**
   * Read on every authenticated request, so in one statement: `findOne` with a relation first
   * selects the distinct ids, then the rows (two round trips).
   */
  async findByHashWithUser(tokenHash: string): Promise<ApiTokenWithUser | null> {
    const token = await this.tokens
      .createQueryBuilder('token')
      .innerJoinAndSelect('token.user', 'user')
      .where('token.tokenHash = :tokenHash', { tokenHash })
      .getOne();
    return token?.user ? { ...token, user: token.user } : null;
  }

  findById(id: string): Promise<ApiTokenEntity | null> {
    return this.tokens.findOneBy({ id });
  }

  /** A page of a user's tokens, newest first (the id breaks ties). */
  async pageOfUser(userId: string, request: PageRequest<ApiTokensCursorKey>): Promise<Page<ApiTokenListItem>> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM api_tokens WHERE user_id = $1', [userId]);
    const [createdAt, id] = request.after ?? [null, null];
    const rows = await this.dataSource.query<Array<ListedApiToken & { createdAtText: string }>>(
      `SELECT id, user_id AS "userId", name, token_prefix AS "tokenPrefix", created_at AS "createdAt", created_at::text AS "createdAtText",
              expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
         FROM api_tokens
        WHERE user_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [userId, createdAt, id, request.first + 1],
    );
    const items = rows.map(({ createdAtText, ...token }) => ({ token, cursorKey: [createdAtText, token.id] satisfies ApiTokensCursorKey }));
    return pageOfRows(items, request, count);
  }

  insert(token: Pick<ApiTokenEntity, 'userId' | 'name' | 'tokenHash' | 'tokenPrefix' | 'expiresAt'>): Promise<ApiTokenEntity> {
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
