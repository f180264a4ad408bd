import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { IsEnum, IsOptional, MaxLength } from 'class-validator';
import { DateTimeScalar } from '../common/graphql/scalars';
import { RuntimeReleaseModel } from '../releases/release.models';
import { EnvironmentEnum } from '../releases/rollout.models';
import { checkCommit } from '../common/input-rules/commit';
import { checkReason, optional } from '../common/input-rules/field-rules';
import { Satisfies } from '../common/validation/satisfies';

@ObjectType('Deployment', { description: 'A runtime release deployed to an environment.' })
export class DeploymentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => EnvironmentEnum)
  environment!: EnvironmentEnum;

  @Field(() => RuntimeReleaseModel, { nullable: true, description: 'Null only if the release is no longer in the catalog.' })
  runtime!: RuntimeReleaseModel | null;

  @Field()
  runtimeVersion!: string;

  @Field()
  commit!: string;

  @Field(() => DateTimeScalar)
  deployedAt!: Date;

  @Field()
  recordedBy!: string;

  @Field(() => String, { nullable: true, description: 'Why an admin let a refused deployment through.' })
  overrideReason!: string | null;
}

@InputType()
export class RecordDeploymentInput {
  @Field({ description: 'Application slug.' })
  @MaxLength(64)
  application!: string;

  @Field(() => EnvironmentEnum)
  @IsEnum(EnvironmentEnum)
  environment!: EnvironmentEnum;

  @Field({ description: 'Runtime release version, e.g. 37.22.0.' })
  @MaxLength(32)
  runtime!: string;

  @Field({ description: 'The deployed commit (hex, 7 to 64 characters).' })
  @Satisfies(checkCommit)
  commit!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Default: now.' })
  @IsOptional()
  deployedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Admins only: let through a deployment the staged-deprecation rules refuse.' })
  @Satisfies(optional(checkReason))
  overrideReason?: string | null;
}

export const DeploymentConnectionModel = connectionOf(DeploymentModel, 'Deployment');
export type DeploymentConnectionModel = Connection<DeploymentModel>;

@ArgsType()
export class DeploymentHistoryArgs extends PageArgs(200) {
  @Field(() => EnvironmentEnum, { nullable: true, description: 'Only deployments to this environment.' })
  @IsOptional()
  @IsEnum(EnvironmentEnum)
  environment?: EnvironmentEnum | null;
}
