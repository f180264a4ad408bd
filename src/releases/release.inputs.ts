import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { checkReason, checkReleaseNotes, optional } from '../common/input-rules/field-rules';
import { Satisfies } from '../common/validation/satisfies';
import { DateScalar } from '../common/graphql/scalars';
import { TrackEnum } from './release.models';

const MAX_PACKAGES = 2000;

@InputType()
export class PackageInput {
  @Field({ description: 'Package name; stored PEP 503-canonical (Django → django).' })
  @IsString()
  @Length(1, 200, { message: 'package name must be 1 to 200 characters' })
  name!: string;

  @Field({ description: 'PEP 440 version, e.g. 2.2.4.' })
  @IsString()
  @Length(1, 100, { message: 'package version must be 1 to 100 characters' })
  version!: string;
}

/** Fields shared by drafts and publishing; optional because a draft may fill them in later. */
@InputType({ isAbstract: true })
abstract class ReleaseFieldsInput {
  @Field(() => String, { nullable: true, description: 'Python version the runtime ships, e.g. 3.7.3; must match the release version (37 ↔ 3.7).' })
  @IsOptional()
  @MaxLength(32)
  pythonVersion?: string | null;

  @Field(() => TrackEnum, { nullable: true })
  @IsOptional()
  @IsEnum(TrackEnum)
  track?: TrackEnum | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  generalAvailability?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  endOfSupport?: string | null;

  @Field(() => [PackageInput], { nullable: true, description: `Bundled packages (at most ${MAX_PACKAGES}); replaces the whole list.` })
  @IsOptional()
  @ArrayMaxSize(MAX_PACKAGES)
  @ValidateNested({ each: true })
  @Type(() => PackageInput)
  packages?: PackageInput[] | null;

  @Field(() => String, { nullable: true, description: 'Version of the release apps should migrate to.' })
  @IsOptional()
  @MaxLength(32)
  migrationTarget?: string | null;

  @Field(() => String, { nullable: true })
  @Satisfies(optional(checkReleaseNotes))
  notes?: string | null;
}

@InputType()
export class PublishReleaseInput extends ReleaseFieldsInput {
  @Field({ description: 'Release version x.y.z, e.g. 37.22.0. Publishes the draft of that version if there is one.' })
  @IsString()
  @MaxLength(32)
  version!: string;

  @Field(() => String, { nullable: true, description: 'Why a release outside the lifecycle policy (window length) is published anyway.' })
  @Satisfies(optional(checkReason))
  policyOverrideReason?: string | null;

  @Field(() => String, { nullable: true, description: 'The security problem that forces shorter notice than the policy promises.' })
  @Satisfies(optional(checkReason))
  securityExceptionReason?: string | null;
}

@InputType()
export class CreateReleaseDraftInput extends ReleaseFieldsInput {
  @Field()
  @IsString()
  @MaxLength(32)
  version!: string;
}

@InputType()
export class UpdateReleaseDraftInput extends ReleaseFieldsInput {
  @Field({ description: 'The draft to change.' })
  @IsString()
  @MaxLength(32)
  version!: string;
}

@InputType()
export class ChangeEndOfSupportInput {
  @Field()
  @IsString()
  @MaxLength(32)
  version!: string;

  @Field(() => DateScalar)
  endOfSupport!: string;

  @Field(() => String, { nullable: true, description: 'Why the date changes; recorded in the audit log.' })
  @Satisfies(optional(checkReason))
  reason?: string | null;

  @Field(() => String, { nullable: true })
  @Satisfies(optional(checkReason))
  policyOverrideReason?: string | null;

  @Field(() => String, { nullable: true, description: 'Required to give less notice than the policy promises.' })
  @Satisfies(optional(checkReason))
  securityExceptionReason?: string | null;
}
