import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { connectionOf } from '../common/graphql/connection';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { DateScalar, DateTimeScalar } from '../common/graphql/scalars';
import { NOTICE_KINDS, type NoticeKind } from './notice-kind';

export const NoticeKindEnum = graphqlEnum(NOTICE_KINDS, { name: 'NoticeKind', description: 'What a notice is about.' });

@ObjectType('LifecycleSweep', { description: 'What one lifecycle sweep did for a campus day (a second sweep for the same day does nothing new).' })
export class LifecycleSweepModel {
  @Field(() => DateScalar, { description: 'The campus day swept.' })
  asOf!: string;

  @Field(() => Int, { description: 'Notices made: milestone digests and escalations.' })
  noticesCreated!: number;

  @Field(() => Int, { description: 'E-mails and webhook calls queued for those notices.' })
  deliveriesQueued!: number;

  @Field(() => Int, { description: 'Migrations opened: applications on a release that reached its notice start (migration tracking step).' })
  migrationsOpened!: number;

  @Field(() => Int, { description: 'Migration waivers past their last day, expired by this sweep (migration tracking step).' })
  waiversExpired!: number;
}

@ObjectType('NoticeApplication', { description: 'An application as a notice listed it when it was made.' })
export class NoticeApplicationModel {
  @Field()
  slug!: string;

  @Field()
  name!: string;

  @Field()
  department!: string;

  @Field({ description: 'Slug of the owning group.' })
  group!: string;

  @Field(() => [String], { description: 'Environments whose current deployment ran the release.' })
  environments!: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'Errors of the latest requirements scan against the migration target (0: ready); null when not scanned or there is no target.',
  })
  blockers!: number | null;

  @Field({ description: "Link to the application's page." })
  url!: string;
}

@ObjectType('Notice', { description: 'A message to one person: a digest of their apps for a release milestone, or an event.' })
export class NoticeModel {
  @Field(() => ID)
  id!: string;

  @Field(() => NoticeKindEnum)
  kind!: NoticeKind;

  @Field(() => Int, { nullable: true, description: 'Days before end of support of the milestone (MILESTONE and ESCALATION).' })
  milestoneDays!: number | null;

  /** The version; the release itself is resolved (NoticesResolver). */
  releaseVersion!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The end of support the notice is about.' })
  deadline!: string | null;

  @Field()
  subject!: string;

  @Field({ description: 'Plain text.' })
  body!: string;

  @Field({ description: 'The same as HTML (what the e-mail shows).' })
  bodyHtml!: string;

  @Field(() => [NoticeApplicationModel])
  applications!: NoticeApplicationModel[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  acknowledgedAt!: Date | null;
}

export const NoticeConnectionModel = connectionOf(NoticeModel, 'Notice');

@ObjectType('NoticePreferences', { description: "The signed-in user's delivery preferences. In-app notices are always kept." })
export class NoticePreferencesModel {
  @Field({ description: 'Notices are also e-mailed.' })
  emailEnabled!: boolean;

  @Field({ description: 'One notice per release and milestone listing every app (true), or one per app (false).' })
  digest!: boolean;
}

@ObjectType('NoticePause', { description: 'Notices for a release are paused: the sweep skips it until resumed.' })
export class NoticePauseModel {
  @Field({ description: 'Version of the release.' })
  release!: string;

  @Field()
  reason!: string;

  @Field()
  pausedBy!: string;

  @Field(() => DateTimeScalar)
  pausedAt!: Date;
}
