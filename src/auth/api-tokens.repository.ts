import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';
import type { UserEntity } from './user.entity';
import { accessGrantsJson, type AccessGrants } from '../groups/groups.repository';
import { createdAtPage, type CreatedAtCursorKey } from '../common/database/created-at-page';
import type { Page, PageRequest } from '../common/paging/page';

/** Where a page of a user's tokens continues: after this creation time (as PostgreSQL prints it, microseconds kept) and id. */
export type ApiTokensCursorKey = CreatedAtCursorKey;

/** A token on a page, with its cursor key. */
export interface ApiTokenListItem {
  token: ApiTokenEntity;
  cursorKey: ApiTokensCursorKey;
}

/** An API token with the user it belongs to and that user's access grants, as authentication reads them. */
export type ApiTokenWithUser = Omit<ApiTokenEntity, 'user'> & { user: UserEntity; accessGrants: AccessGrants };

type ApiTokenRow = Omit<ApiTokenEntity, 'user'> &
  Pick<UserEntity, 'email' | 'displayName' | 'roles' | 'managesAllDepartments' | 'disabledAt'> & { userCreatedAt: Date; accessGrants: AccessGrants };

/** The only writer of `api_tokens`. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get tokens() {
    return this.dataSource.manager.getRepository(ApiTokenEntity);
  }

  /**
   * Read on every authenticated request, so in one statement: the token, its user and the user's
   * access grants (which nearly every signed-in request needs next).
   */
  async findByHashWithUser(tokenHash: string): Promise<ApiTokenWithUser | null> {
    const [row] = await this.dataSource.query<ApiTokenRow[]>(
      `SELECT t.id, t.user_id AS "userId", t.name, t.token_hash AS "tokenHash", t.token_prefix AS "tokenPrefix", t.created_at AS "createdAt",
              t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt",
              u.email, u.display_name AS "displayName", u.roles, u.manages_all_departments AS "managesAllDepartments",
              u.created_at AS "userCreatedAt", u.disabled_at AS "disabledAt", ${accessGrantsJson('u')} AS "accessGrants"
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1`,
      [tokenHash],
    );
    if (!row) return null;
    const { email, displayName, roles, managesAllDepartments, userCreatedAt, disabledAt, accessGrants, ...token } = row;
    return {
      ...token,
      user: { id: token.userId, email, displayName, roles, managesAllDepartments, createdAt: userCreatedAt, disabledAt },
      accessGrants,
    };
  }

  findById(id: string): Promise<ApiTokenEntity | null> {
    return this.tokens.findOneBy({ id });
  }

  /** A page of a user's tokens, newest first (the id breaks ties). */
  async pageOfUser(userId: string, request: PageRequest<ApiTokensCursorKey>): Promise<Page<ApiTokenListItem>> {
    const page = await createdAtPage(this.tokens.createQueryBuilder('token').where('token.userId = :userId', { userId }), 'token', 'DESC', request);
    return { ...page, items: page.items.map(({ row, cursorKey }) => ({ token: row, cursorKey })) };
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
