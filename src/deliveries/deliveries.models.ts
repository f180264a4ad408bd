import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { PageArgs } from '../common/graphql/page.args';
import { DateTimeScalar } from '../common/graphql/scalars';
import { Satisfies } from '../common/validation/satisfies';
import { GroupModel } from '../groups/groups.models';
import { DELIVERY_CHANNELS, type DeliveryChannel } from './delivery-request';
import { ATTEMPT_OUTCOMES, DELIVERY_STATUSES, type AttemptOutcome, type DeliveryStatus } from './notice-delivery.entity';
import { checkWebhookSecret, checkWebhookUrl } from './webhook-input';

export const DeliveryChannelEnum = graphqlEnum(DELIVERY_CHANNELS, { name: 'DeliveryChannel', description: 'How a notice is delivered besides in-app.' });
export type DeliveryChannelEnum = DeliveryChannel;

export const DeliveryStatusEnum = graphqlEnum(DELIVERY_STATUSES, {
  name: 'DeliveryStatus',
  description:
    'QUEUED: no attempt yet. RETRYING: an attempt failed, another is scheduled. SENT. DEAD: the last retry failed (a dead letter; retryDelivery resends it). NOT_SENT: e-mail while SMTP_URL was not set.',
});
export type DeliveryStatusEnum = DeliveryStatus;

export const AttemptOutcomeEnum = graphqlEnum(ATTEMPT_OUTCOMES, { name: 'DeliveryAttemptOutcome' });
export type AttemptOutcomeEnum = AttemptOutcome;

/** Attempts listed with a delivery: the latest ones; `attemptCount` tells how many there were. */
export const ATTEMPTS_SHOWN = 20;

@ObjectType('Webhook', { description: "Where a group's notices are POSTed, signed with its secret (never shown)." })
export class WebhookModel {
  @Field(() => ID)
  id!: string;

  @Field(() => GroupModel)
  group!: GroupModel;

  @Field()
  url!: string;

  @Field({ description: 'Who created it.' })
  createdBy!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const WebhookConnectionModel = connectionOf(WebhookModel, 'Webhook');
export type WebhookConnectionModel = Connection<WebhookModel>;

@InputType()
export class CreateWebhookInput {
  @Field({ description: 'Slug of the group whose notices it receives.' })
  group!: string;

  @Field({ description: 'http:// or https:// URL without credentials, whose host resolves. Redirects are not followed.' })
  @Satisfies(checkWebhookUrl)
  url!: string;

  @Field({ description: 'At least 16 characters: the key of the X-PyPE-Signature HMAC. Never shown again.' })
  @Satisfies(checkWebhookSecret)
  secret!: string;
}

@ArgsType()
export class WebhooksArgs extends PageArgs(100) {
  @Field({ description: 'Slug of the group.' })
  group!: string;
}

@ObjectType('DeliveryAttempt', { description: 'One try at a delivery.' })
export class DeliveryAttemptModel {
  @Field(() => DateTimeScalar)
  attemptedAt!: Date;

  @Field(() => DeliveryChannelEnum)
  channel!: DeliveryChannel;

  @Field({ description: 'The e-mail address or webhook URL.' })
  target!: string;

  @Field(() => AttemptOutcomeEnum)
  outcome!: AttemptOutcome;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status a webhook answered.' })
  responseStatus!: number | null;

  @Field(() => Int)
  durationMs!: number;
}

@ObjectType('NoticeDelivery', { description: 'One e-mail or one webhook call of a notice, with its attempts.' })
export class NoticeDeliveryModel {
  @Field(() => ID, { description: "Also the webhook body's id and X-PyPE-Delivery header." })
  id!: string;

  @Field(() => DeliveryChannelEnum)
  channel!: DeliveryChannel;

  @Field(() => DeliveryStatusEnum)
  status!: DeliveryStatus;

  @Field({ description: 'The e-mail address or webhook URL.' })
  target!: string;

  @Field({ description: "The e-mail's subject, or the webhook's event (X-PyPE-Event)." })
  subject!: string;

  @Field(() => ID, { nullable: true })
  noticeId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The webhook; null for e-mail and once the webhook was deleted.' })
  webhookId!: string | null;

  @Field(() => Int)
  attemptCount!: number;

  @Field(() => [DeliveryAttemptModel], { description: `The latest ${ATTEMPTS_SHOWN} attempts, oldest first.` })
  attempts!: DeliveryAttemptModel[];

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  sentAt!: Date | null;
}

export const NoticeDeliveryConnectionModel = connectionOf(NoticeDeliveryModel, 'NoticeDelivery');
export type NoticeDeliveryConnectionModel = Connection<NoticeDeliveryModel>;

@InputType()
export class NoticeDeliveryFilterInput {
  @Field(() => [DeliveryStatusEnum], { nullable: true, description: 'Only these statuses (DEAD: the dead letters).' })
  @IsOptional()
  @ArrayMaxSize(DELIVERY_STATUSES.length)
  @IsEnum(DeliveryStatusEnum, { each: true })
  status?: DeliveryStatus[] | null;

  @Field(() => DeliveryChannelEnum, { nullable: true })
  @IsOptional()
  @IsEnum(DeliveryChannelEnum)
  channel?: DeliveryChannel | null;
}

@ArgsType()
export class NoticeDeliveriesArgs extends PageArgs(100) {
  @Field(() => NoticeDeliveryFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NoticeDeliveryFilterInput)
  filter?: NoticeDeliveryFilterInput | null;
}
