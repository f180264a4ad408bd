import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsString, MaxLength } from 'class-validator';
import { ENVIRONMENTS, type Environment } from '../calendar/environment';
import { MAINTENANCE_KINDS, type MaintenanceKind } from '../calendar/maintenance-calendar';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { DateScalar, DateTimeScalar } from '../common/graphql/scalars';
import { checkReason } from '../common/input-rules/field-rules';
import { Satisfies } from '../common/validation/satisfies';

export const EnvironmentEnum = graphqlEnum(ENVIRONMENTS, { name: 'Environment', description: 'Platform environments, in rollout order.' });
export type EnvironmentEnum = Environment;
export const MaintenanceKindEnum = graphqlEnum(MAINTENANCE_KINDS, { name: 'MaintenanceKind' });
export type MaintenanceKindEnum = MaintenanceKind;

@ObjectType('MaintenanceWindow', { description: 'A scheduled maintenance window of one environment.' })
export class MaintenanceWindowModel {
  @Field()
  ruleId!: string;

  @Field(() => EnvironmentEnum)
  environment!: EnvironmentEnum;

  @Field(() => MaintenanceKindEnum)
  kind!: MaintenanceKindEnum;

  @Field(() => DateTimeScalar)
  start!: Date;

  @Field(() => DateTimeScalar)
  end!: Date;

  @Field({ description: 'The zone the calendar is kept in (campus time).' })
  timeZone!: string;

  @Field(() => DateScalar, { description: 'The day on campus.' })
  localDate!: string;

  @Field({ description: 'HH:MM on campus.' })
  localStart!: string;

  @Field({ description: 'HH:MM on campus.' })
  localEnd!: string;
}

@ObjectType('RolloutStep', { description: 'When a published release reaches one environment.' })
export class RolloutStepModel {
  @Field(() => EnvironmentEnum)
  environment!: EnvironmentEnum;

  @Field(() => DateTimeScalar)
  start!: Date;

  @Field(() => DateTimeScalar)
  end!: Date;

  @Field(() => MaintenanceWindowModel, { nullable: true, description: 'The maintenance window used (for an override: the one it falls in, if any).' })
  window!: MaintenanceWindowModel | null;

  @Field({ description: 'True when an admin moved this step off the calendar.' })
  overridden!: boolean;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field({ description: 'True once the step has started.' })
  reached!: boolean;
}

@InputType()
export class OverrideRolloutInput {
  @Field()
  @IsString()
  @MaxLength(32)
  version!: string;

  @Field(() => EnvironmentEnum)
  @IsEnum(EnvironmentEnum)
  environment!: EnvironmentEnum;

  @Field(() => DateTimeScalar, { description: 'When the release reaches the environment instead.' })
  at!: Date;

  @Field({ description: 'Why the calendar is overridden; recorded in the audit log.' })
  @Satisfies(checkReason)
  reason!: string;
}
