import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { connectionOf, type Connection } from '../../common/graphql/connection';
import { PageArgs } from '../../common/graphql/page.args';
import { DateTimeScalar } from '../../common/graphql/scalars';
import { checkApiTokenName } from '../../common/input-rules/field-rules';
import { Satisfies } from '../../common/validation/satisfies';

@ObjectType('FeedToken', {
  description: 'A read-only token for calendar subscriptions (GET /calendar/migrations.ics?token=…). It reads feeds only; the API refuses it.',
})
export class FeedTokenModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The first characters of the secret, to tell tokens apart.' })
  tokenPrefix!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;
}

export const FeedTokenConnectionModel = connectionOf(FeedTokenModel, 'FeedToken');
export type FeedTokenConnectionModel = Connection<FeedTokenModel>;

@ObjectType('CreatedFeedToken')
export class CreatedFeedTokenModel {
  @Field({ description: 'The secret, shown only this once: put it in the calendar URL as ?token=<token>.' })
  token!: string;

  @Field({ description: 'The migrations calendar URL with this token, ready to paste into a calendar client.' })
  calendarUrl!: string;

  @Field(() => FeedTokenModel)
  feedToken!: FeedTokenModel;
}

@InputType()
export class CreateFeedTokenInput {
  @Field({ description: 'What the token is for, e.g. "Outlook at work".' })
  @Satisfies(checkApiTokenName)
  name!: string;
}

@ArgsType()
export class FeedTokensArgs extends PageArgs(100) {}
