import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { badInput, conflict, forbidden, notFound } from '../common/errors/domain-error';
import type { ApiTokenEntity } from './api-token.entity';
import { generateTokenSecret } from './api-token-secret';
import { ApiTokensRepository, type ApiTokenListItem, type ApiTokensCursorKey } from './api-tokens.repository';
import { isAdmin, type Principal } from './principal';
import { Role } from './role';
import type { UserEntity } from './user.entity';
import { UsersRepository, type UsersCursorKey } from './users.repository';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import type { NewestFirst } from '../common/database/newest-first-page';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';

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

export const BY_EMAIL = 'EMAIL ASC';
/** Longer than any address checkEmailAddress lets in, so that no stored e-mail makes a cursor that is refused. */
const MAX_CURSOR_EMAIL = 1024;
export const usersCursor = cursorCodec<typeof BY_EMAIL, UsersCursorKey>('users', () => [cursorValue.text(MAX_CURSOR_EMAIL)]);
export const apiTokensCursor = cursorCodec<NewestFirst, ApiTokensCursorKey>('apiTokens', () => [cursorValue.timestamp, cursorValue.uuid]);

const uniqueRoles = (roles: Role[]): Role[] => [...new Set(roles)].sort();

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: ApiTokensRepository,
    private readonly clock: Clock,
  ) {}

  /** Grants or withdraws a manager's oversight of every department, in the caller's transaction. */
  async setManagesAllDepartments(manager: EntityManager, userId: string, managesAllDepartments: boolean): Promise<void> {
    await this.users.setManagesAllDepartments(manager, userId, managesAllDepartments);
  }

  async createUser(input: NewUser): Promise<UserEntity> {
    const email = input.email.trim().toLowerCase();
    if (await this.users.emailTaken(email)) {
      throw conflict(`A user with the e-mail ${email} already exists`, { field: 'email' });
    }
    return this.users.insert({ email, displayName: input.displayName.trim(), roles: uniqueRoles(input.roles) });
  }

  async getUser(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw notFound(`No user with id ${id}`, { field: 'userId' });
    return user;
  }

  async findUserByEmail(email: string): Promise<UserEntity> {
    const user = await this.users.findByEmail(email.trim().toLowerCase());
    if (!user) throw notFound(`No user with the e-mail ${email}`, { field: 'email' });
    return user;
  }

  /** A page of the users by e-mail, only those holding `role` when given. */
  listUsers(role: Role | null, request: PageRequest<UsersCursorKey>): Promise<Page<UserEntity>> {
    return this.users.pageByEmail(role, request);
  }

  async setRoles(userId: string, roles: Role[]): Promise<UserEntity> {
    const user = await this.getUser(userId);
    user.roles = uniqueRoles(roles);
    await this.users.update(user.id, { roles: user.roles });
    return user;
  }

  async setDisabled(userId: string, disabled: boolean): Promise<UserEntity> {
    const user = await this.getUser(userId);
    user.disabledAt = disabled ? (user.disabledAt ?? this.clock.now()) : null;
    await this.users.update(user.id, { disabledAt: user.disabledAt });
    return user;
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
    const apiToken = await this.tokens.insert({
      userId: user.id,
      name: input.name.trim(),
      tokenHash: secret.hash,
      tokenPrefix: secret.visiblePrefix,
      expiresAt: input.expiresAt ?? null,
    });
    return { token: secret.token, apiToken };
  }

  /** A page of the caller's tokens (admins: anyone's), newest first; the bootstrap admin has none of their own. */
  async listApiTokens(caller: Principal, userId: string | null, request: PageRequest<ApiTokensCursorKey>): Promise<Page<ApiTokenListItem>> {
    const owner = userId ?? caller.userId;
    if (owner === null) return pageOfRows([], request, 0);
    if (owner !== caller.userId && !isAdmin(caller)) throw forbidden("Only admins may list other users' tokens");
    return this.tokens.pageOfUser(owner, request);
  }

  async revokeApiToken(caller: Principal, tokenId: string): Promise<ApiTokenEntity> {
    const token = await this.tokens.findById(tokenId);
    if (!token) throw notFound(`No API token with id ${tokenId}`, { field: 'id' });
    if (token.userId !== caller.userId && !isAdmin(caller)) throw forbidden("Only admins may revoke other users' tokens");
    if (token.revokedAt === null) {
      token.revokedAt = this.clock.now();
      await this.tokens.revoke(token.id, token.revokedAt);
    }
    return token;
  }
}
