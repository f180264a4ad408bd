import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { badInput, conflict, forbidden, notFound } from '../common/errors/domain-error';
import { ApiTokenEntity } from './api-token.entity';
import { generateTokenSecret } from './api-token-secret';
import { isAdmin, type Principal } from './principal';
import { Role } from './role';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  displayName: string;
  roles: Role[];
}

export interface NewApiToken {
  /** Whose token; defaults to the caller. */
  userId?: string | null;
  name: string;
  expiresAt?: Date | null;
}

export interface CreatedApiToken {
  /** The secret, shown this once. */
  token: string;
  apiToken: ApiTokenEntity;
}

const uniqueRoles = (roles: Role[]): Role[] => [...new Set(roles)].sort();

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    private readonly clock: Clock,
  ) {}

  async createUser(input: NewUser): Promise<UserEntity> {
    const email = input.email.trim().toLowerCase();
    if (await this.users.existsBy({ email })) {
      throw conflict(`A user with the e-mail ${email} already exists`, { field: 'email' });
    }
    return this.users.save(
      this.users.create({ email, displayName: input.displayName.trim(), roles: uniqueRoles(input.roles), disabledAt: null }),
    );
  }

  async getUser(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound(`No user with id ${id}`, { field: 'userId' });
    return user;
  }

  async findUserByEmail(email: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    if (!user) throw notFound(`No user with the e-mail ${email}`, { field: 'email' });
    return user;
  }

  listUsers(): Promise<UserEntity[]> {
    return this.users.find({ order: { email: 'ASC' } });
  }

  async setRoles(userId: string, roles: Role[]): Promise<UserEntity> {
    const user = await this.getUser(userId);
    user.roles = uniqueRoles(roles);
    return this.users.save(user);
  }

  async setDisabled(userId: string, disabled: boolean): Promise<UserEntity> {
    const user = await this.getUser(userId);
    user.disabledAt = disabled ? (user.disabledAt ?? this.clock.now()) : null;
    return this.users.save(user);
  }

  /** Users create their own tokens; only admins create tokens for others. */
  async createApiToken(caller: Principal, input: NewApiToken): Promise<CreatedApiToken> {
    const userId = input.userId ?? caller.userId;
    if (userId === null) {
      throw badInput('userId', 'The bootstrap admin has no user of its own: give the userId the token is for');
    }
    if (userId !== caller.userId && !isAdmin(caller)) {
      throw forbidden('Only admins may create API tokens for other users');
    }
    const user = await this.getUser(userId);
    if (input.expiresAt && input.expiresAt <= this.clock.now()) {
      throw badInput('expiresAt', 'expiresAt must be in the future');
    }
    const secret = generateTokenSecret();
    const apiToken = await this.tokens.save(
      this.tokens.create({
        userId: user.id,
        name: input.name.trim(),
        tokenHash: secret.hash,
        tokenPrefix: secret.visiblePrefix,
        expiresAt: input.expiresAt ?? null,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { token: secret.token, apiToken };
  }

  async listApiTokens(caller: Principal, userId: string | null): Promise<ApiTokenEntity[]> {
    const owner = userId ?? caller.userId;
    if (owner === null) return [];
    if (owner !== caller.userId && !isAdmin(caller)) throw forbidden("Only admins may list other users' tokens");
    return this.tokens.find({ where: { userId: owner }, order: { createdAt: 'DESC' } });
  }

  async revokeApiToken(caller: Principal, tokenId: string): Promise<ApiTokenEntity> {
    const token = await this.tokens.findOneBy({ id: tokenId });
    if (!token) throw notFound(`No API token with id ${tokenId}`, { field: 'id' });
    if (token.userId !== caller.userId && !isAdmin(caller)) throw forbidden("Only admins may revoke other users' tokens");
    if (token.revokedAt === null) {
      token.revokedAt = this.clock.now();
      await this.tokens.update({ id: token.id, revokedAt: IsNull() }, { revokedAt: token.revokedAt });
    }
    return token;
  }
}
