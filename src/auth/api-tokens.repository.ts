import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';
import type { UserEntity } from './user.entity';

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

  /** A user's tokens, newest first. */
  listOfUser(userId: string): Promise<ApiTokenEntity[]> {
    return this.tokens.find({ where: { userId }, order: { createdAt: 'DESC' } });
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
