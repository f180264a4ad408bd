import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireSignIn } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { NEWEST_FIRST } from '../../common/database/newest-first-page';
import { pagedConnection, type Connection } from '../../common/graphql/connection';
import { ParseUuid } from '../../common/validation/validation';
import { CreatedFeedTokenModel, CreateFeedTokenInput, FeedTokenConnectionModel, FeedTokenModel, FeedTokensArgs } from './feed-tokens.models';
import { feedTokensCursor, FeedTokensService } from './feed-tokens.service';

@Resolver()
export class FeedTokensResolver {
  constructor(private readonly service: FeedTokensService) {}

  @Mutation(() => CreatedFeedTokenModel, { description: 'A read-only token for the migrations calendar; its secret is shown only in this answer.' })
  @RequireSignIn()
  createFeedToken(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateFeedTokenInput): Promise<CreatedFeedTokenModel> {
    return this.service.create(principal, input.name);
  }

  @Query(() => FeedTokenConnectionModel, { description: "The caller's feed tokens, newest first." })
  @RequireSignIn()
  feedTokens(@CurrentPrincipal() principal: Principal, @Args() args: FeedTokensArgs): Promise<Connection<FeedTokenModel>> {
    return pagedConnection(
      args,
      { codec: feedTokensCursor, order: NEWEST_FIRST },
      (request) => this.service.list(principal, request),
      (item) => item.cursorKey,
      (item) => item.token,
    );
  }

  @Mutation(() => FeedTokenModel, { description: 'Revokes one of your feed tokens: calendars using it stop updating.' })
  @RequireSignIn()
  revokeFeedToken(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }, new ParseUuid('id')) id: string): Promise<FeedTokenModel> {
    return this.service.revoke(principal, id);
  }
}
