import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { NEWEST_FIRST } from '../common/database/newest-first-page';
import { pagedConnection, type Connection } from '../common/graphql/connection';
import { ParseUuid } from '../common/validation/validation';
import { CurrentPrincipal, RequireRoles, RequireSignIn } from './auth.decorators';
import {
  ApiTokenConnectionModel,
  ApiTokenModel,
  ApiTokensArgs,
  CreateApiTokenInput,
  CreatedApiTokenModel,
  CreateUserInput,
  UserConnectionModel,
  UserModel,
  UsersArgs,
  ViewerModel,
} from './auth.models';
import type { Principal } from './principal';
import { Role } from './role';
import { apiTokensCursor, BY_EMAIL, usersCursor, UsersService } from './users.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly userService: UsersService) {}

  @Query(() => ViewerModel, { nullable: true, description: 'The caller, or null without a token.' })
  async me(@CurrentPrincipal() principal: Principal | null): Promise<ViewerModel | null> {
    if (principal === null) return null;
    const user = principal.userId === null ? null : await this.userService.getUser(principal.userId);
    return { label: principal.label, roles: principal.roles, user };
  }

  @Query(() => UserConnectionModel, { description: 'Every user, by e-mail (admins).' })
  @RequireRoles(Role.ADMIN)
  users(@Args() args: UsersArgs): Promise<Connection<UserModel>> {
    return pagedConnection(
      args,
      { codec: usersCursor, order: BY_EMAIL },
      (request) => this.userService.listUsers(args.role ?? null, request),
      (user) => [user.email],
      (user) => user,
    );
  }

  @Mutation(() => UserModel)
  @RequireRoles(Role.ADMIN)
  createUser(@Args('input') input: CreateUserInput): Promise<UserModel> {
    return this.userService.createUser(input);
  }

  @Mutation(() => UserModel)
  @RequireRoles(Role.ADMIN)
  setUserRoles(
    @Args('userId', { type: () => ID }, new ParseUuid('userId')) userId: string,
    @Args('roles', { type: () => [Role] }) roles: Role[],
  ): Promise<UserModel> {
    return this.userService.setRoles(userId, roles);
  }

  @Mutation(() => UserModel, { description: 'Disabling a user stops all of their tokens at once.' })
  @RequireRoles(Role.ADMIN)
  setUserDisabled(@Args('userId', { type: () => ID }, new ParseUuid('userId')) userId: string, @Args('disabled') disabled: boolean): Promise<UserModel> {
    return this.userService.setDisabled(userId, disabled);
  }

  @Query(() => ApiTokenConnectionModel, { description: "The caller's tokens, or (admins) another user's, newest first." })
  @RequireSignIn()
  apiTokens(@CurrentPrincipal() principal: Principal, @Args() args: ApiTokensArgs): Promise<Connection<ApiTokenModel>> {
    return pagedConnection(
      args,
      { codec: apiTokensCursor, order: NEWEST_FIRST },
      (request) => this.userService.listApiTokens(principal, args.userId ?? null, request),
      (item) => item.cursorKey,
      (item) => item.token,
    );
  }

  @Mutation(() => CreatedApiTokenModel)
  @RequireSignIn()
  createApiToken(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateApiTokenInput): Promise<CreatedApiTokenModel> {
    return this.userService.createApiToken(principal, input);
  }

  @Mutation(() => ApiTokenModel)
  @RequireSignIn()
  revokeApiToken(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }, new ParseUuid('id')) id: string): Promise<ApiTokenModel> {
    return this.userService.revokeApiToken(principal, id);
  }
}
