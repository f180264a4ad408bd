import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsString, Length, MaxLength } from 'class-validator';
import { DateScalar, DateTimeScalar } from '../common/graphql/scalars';

export enum EnvironmentEnum {
  TEST = 'TEST',
  QUAL = 'QUAL',
  BETA = 'BETA',
  PROD = 'PROD',
}
export enum MaintenanceKindEnum {
  OS_MAINTENANCE = 'OS_MAINTENANCE',
  TOOLS_UPDATE = 'TOOLS_UPDATE',
}
registerEnumType(EnvironmentEnum, { name: 'Environment', description: 'Platform environments, in rollout order.' });
registerEnumType(MaintenanceKindEnum, { name: 'MaintenanceKind' });

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
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason!: string;
}
