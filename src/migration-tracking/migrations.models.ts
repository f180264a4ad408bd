import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ApplicationModel, SortDirection } from '../applications/applications.models';
import type { Application } from '../applications/application';
import { connectionOf } from '../common/graphql/connection';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { PageArgs } from '../common/graphql/page.args';
import { DateScalar, DateTimeScalar } from '../common/graphql/scalars';
import { MIGRATION_RISKS } from './domain/migration-risk';
import { MIGRATION_STATUSES, type Blocker } from './domain/migration-status';
import { WAIVER_STATUSES } from './domain/waiver-rules';
import { CAUSE_KINDS, MIGRATION_SORT_FIELDS, type MigrationRow } from './migration';

export const MigrationStatusEnum = graphqlEnum(MIGRATION_STATUSES, {
  name: 'MigrationStatus',
  description: 'Derived from deployments, scans, what members declared and waivers; never edited directly.',
});
export const MigrationRiskEnum = graphqlEnum(MIGRATION_RISKS, { name: 'MigrationRisk', description: 'Against the deadline, for today (campus time).' });
export const WaiverStatusEnum = graphqlEnum(WAIVER_STATUSES, { name: 'WaiverStatus' });
export const MigrationSortFieldEnum = graphqlEnum(MIGRATION_SORT_FIELDS, { name: 'MigrationSortField' });
export const MigrationCauseKindEnum = graphqlEnum(CAUSE_KINDS, { name: 'MigrationCauseKind' });

/** Names of text filters are bounded here; unknown values are refused by the service, naming the field. */
const MAX_FILTER_TEXT = 200;

@InputType('MigrationFilter')
export class MigrationFilterInput {
  @Field(() => String, { nullable: true, description: 'Source release version.' })
  @IsOptional()
  @MaxLength(MAX_FILTER_TEXT)
  release?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_FILTER_TEXT)
  department?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the owning group.' })
  @IsOptional()
  @MaxLength(MAX_FILTER_TEXT)
  group?: string | null;

  @Field(() => [MigrationStatusEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MIGRATION_STATUSES.length)
  status?: Array<(typeof MIGRATION_STATUSES)[number]> | null;

  @Field(() => [MigrationRiskEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MIGRATION_RISKS.length)
  risk?: Array<(typeof MIGRATION_RISKS)[number]> | null;
}

@InputType('MigrationOrder')
export class MigrationOrderInput {
  @Field(() => MigrationSortFieldEnum, {
    defaultValue: 'DEADLINE',
    description: 'DEADLINE (then application), RISK (worst first, then deadline) or APPLICATION (slug).',
  })
  field: (typeof MIGRATION_SORT_FIELDS)[number] = 'DEADLINE';

  @Field(() => SortDirection, { defaultValue: 'ASC' })
  direction: SortDirection = 'ASC';
}

export const MAX_MIGRATIONS_PAGE = 100;

@ArgsType()
export class MigrationsArgs extends PageArgs(MAX_MIGRATIONS_PAGE) {
  @Field(() => MigrationFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MigrationFilterInput)
  filter?: MigrationFilterInput | null;

  @Field(() => MigrationOrderInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MigrationOrderInput)
  orderBy?: MigrationOrderInput | null;
}

@ObjectType('MigrationBlocker', { description: 'An ERROR finding of the latest scan against the target, or the reason a member gave.' })
export class MigrationBlockerModel implements Blocker {
  @Field()
  code!: string;

  @Field(() => String, { nullable: true })
  file!: string | null;

  @Field(() => Int, { nullable: true })
  line!: number | null;

  @Field(() => String, { nullable: true })
  package!: string | null;

  @Field()
  message!: string;
}

@ObjectType('Waiver')
export class WaiverModel {
  @Field(() => ID)
  id!: string;

  @Field(() => WaiverStatusEnum)
  status!: (typeof WAIVER_STATUSES)[number];

  @Field()
  reason!: string;

  @Field(() => DateScalar, { description: 'The last day the waiver holds.' })
  expiresOn!: string;

  @Field()
  requestedBy!: string;

  @Field(() => DateTimeScalar)
  requestedAt!: Date;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;
}

@ObjectType('MigrationTransition')
export class MigrationTransitionModel {
  @Field(() => MigrationStatusEnum)
  status!: string;

  @Field(() => MigrationStatusEnum, { nullable: true, description: 'Null on the opening.' })
  previousStatus!: string | null;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field({ description: 'What caused it, readable: which deployment, scan or person.' })
  cause!: string;

  @Field(() => MigrationCauseKindEnum)
  causeKind!: string;

  @Field(() => String, { nullable: true, description: 'The deployment or snapshot id, the waiver id, or the person.' })
  causeRef!: string | null;
}

/** A migration as lists return it; the releases, waiver and history are field resolvers. */
@ObjectType('Migration', { description: 'One application moving off a release that loses support, to its target, by the deadline.' })
export class MigrationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ApplicationModel)
  application!: Application;

  @Field(() => DateScalar, { description: 'The source release’s end of support.' })
  deadline!: string;

  @Field(() => MigrationStatusEnum)
  status!: string;

  @Field(() => MigrationRiskEnum)
  risk!: string;

  @Field(() => [MigrationBlockerModel])
  blockers!: Blocker[];

  @Field(() => DateTimeScalar)
  openedAt!: Date;

  @Field({ description: '"lifecycle sweep", or who opened it by hand.' })
  openedBy!: string;

  @Field(() => DateTimeScalar)
  statusChangedAt!: Date;
}

export type MigrationNode = MigrationModel & Pick<MigrationRow, 'sourceVersion' | 'targetVersion'>;

export const MigrationConnectionModel = connectionOf(MigrationModel, 'Migration');

@ObjectType('MigrationStatusCount')
export class MigrationStatusCountModel {
  @Field(() => MigrationStatusEnum)
  status!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('MigrationRiskCount')
export class MigrationRiskCountModel {
  @Field(() => MigrationRiskEnum)
  risk!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('MigrationSummary')
export class MigrationSummaryModel {
  @Field(() => Int)
  total!: number;

  @Field(() => [MigrationStatusCountModel], { description: 'Every status, zeros included.' })
  byStatus!: MigrationStatusCountModel[];

  @Field(() => [MigrationRiskCountModel], { description: 'Every risk, zeros included.' })
  byRisk!: MigrationRiskCountModel[];
}

@ObjectType('MigrationBurndownPoint')
export class MigrationBurndownPointModel {
  @Field(() => DateScalar)
  weekStart!: string;

  @Field(() => Int, { description: 'Migrations not completed or waived when the week started, from the recorded transitions.' })
  remaining!: number;
}

@ObjectType('MigrationBurndown')
export class MigrationBurndownModel {
  @Field(() => [MigrationBurndownPointModel], { description: 'Every 7 days from the notice start to the deadline, up to today.' })
  points!: MigrationBurndownPointModel[];

  @Field(() => Int, { description: 'Remaining today.' })
  remaining!: number;

  @Field(() => Float, { description: 'Migrations done per week over the last 28 days, net of reopenings.' })
  weeklyRate!: number;

  @Field(() => DateScalar, { nullable: true, description: 'When the recent rate finishes the rest; null without progress.' })
  forecastCompletion!: string | null;

  @Field({ description: 'The forecast falls before the deadline (or nothing remains).' })
  onTrack!: boolean;

  @Field(() => DateScalar)
  noticeStart!: string;

  @Field(() => DateScalar)
  deadline!: string;
}

@InputType('RequestWaiverInput')
export class RequestWaiverInput {
  @Field(() => ID)
  migration!: string;

  @Field({ description: 'Why the application may stay on the source past the deadline.' })
  @MaxLength(2000)
  reason!: string;

  @Field(() => DateScalar, { description: 'The last day the waiver holds: after today, at most WAIVER_MAX_DAYS past the deadline.' })
  expiresOn!: string;
}

@InputType('DecideWaiverInput')
export class DecideWaiverInput {
  @Field(() => ID)
  waiver!: string;

  @Field()
  approve!: boolean;

  @Field()
  @MaxLength(2000)
  reason!: string;
}

@InputType('RetargetMigrationInput')
export class RetargetMigrationInput {
  @Field(() => ID)
  migration!: string;

  @Field({ description: 'A newer, published release that is not at end of life.' })
  @MaxLength(MAX_FILTER_TEXT)
  to!: string;
}

@InputType('OpenMigrationInput')
export class OpenMigrationInput {
  @Field({ description: 'Slug of the application.' })
  @MaxLength(MAX_FILTER_TEXT)
  application!: string;

  @Field({ description: 'The release it moves off (one it runs in some environment).' })
  @MaxLength(MAX_FILTER_TEXT)
  from!: string;

  @Field(() => String, { nullable: true, description: 'Default: the release’s migration target, else the recommended release.' })
  @IsOptional()
  @MaxLength(MAX_FILTER_TEXT)
  to?: string | null;
}

@InputType('ReportMigrationBlockedInput')
export class ReportMigrationBlockedInput {
  @Field(() => ID)
  migration!: string;

  @Field({ description: 'What blocks it.' })
  @MaxLength(2000)
  reason!: string;
}

export const MAX_HISTORY_ARG = 500;

@ArgsType()
export class HistoryArgs {
  @Field(() => Int, { defaultValue: 100, description: `How many of the latest transitions, 1 to ${MAX_HISTORY_ARG}, returned oldest first.` })
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_ARG)
  latest: number = 100;
}
