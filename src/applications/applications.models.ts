import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsEnum, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { DateTimeScalar } from '../common/graphql/scalars';
import { GroupModel } from '../groups/groups.models';
import { ReleaseStatusEnum, RuntimeReleaseModel } from '../releases/release.models';
import { EnvironmentEnum } from '../releases/rollout.models';
import { FindingModel } from '../scanning/scan.models';

export enum ApplicationSortField {
  SLUG = 'SLUG',
  NAME = 'NAME',
  DEPARTMENT = 'DEPARTMENT',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(ApplicationSortField, { name: 'ApplicationSortField' });
registerEnumType(SortDirection, { name: 'SortDirection' });

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

@ObjectType('SnapshotFile')
export class SnapshotFileModel {
  @Field()
  path!: string;

  @Field()
  sha256!: string;

  @Field(() => Int)
  bytes!: number;

  @Field({ description: 'The file as submitted.' })
  content!: string;
}

@ObjectType('SnapshotScan', { description: 'A stored scan of a snapshot against one runtime.' })
export class SnapshotScanModel {
  @Field()
  runtimeVersion!: string;

  @Field(() => [EnvironmentEnum], { description:
      'Environments running this runtime: now, for the latest snapshot; when it was superseded, for older ones. Empty when none runs it any more (the scan is kept as history).',
  })
  environments!: EnvironmentEnum[];

  @Field(() => Int)
  errorCount!: number;

  @Field(() => Int)
  warningCount!: number;

  @Field(() => [FindingModel])
  findings!: FindingModel[];

  @Field(() => DateTimeScalar)
  scannedAt!: Date;
}

@ObjectType('RequirementsSnapshot', { description: "An application's requirements files at a commit." })
export class RequirementsSnapshotModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The commit first submitted with these files.' })
  commit!: string;

  @Field({ description: 'The latest commit submitted with identical files.' })
  lastCommit!: string;

  @Field()
  contentHash!: string;

  @Field()
  submittedBy!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  lastSubmittedAt!: Date;

  files!: Array<{ path: string; sha256: string }>;
}

@ObjectType('Application')
export class ApplicationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  slug!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field()
  department!: string;

  @Field(() => GroupModel)
  owningGroup!: GroupModel;

  owningGroupId!: string;

  @Field(() => [String])
  contacts!: string[];

  @Field(() => String, { nullable: true })
  repositoryUrl!: string | null;

  @Field()
  archived!: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  archivedAt!: Date | null;

  latestSnapshotId!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const ApplicationConnectionModel = connectionOf(ApplicationModel, 'Application');
export type ApplicationConnectionModel = Connection<ApplicationModel>;

@InputType()
export class ApplicationFilterInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  department?: string | null;

  @Field(() => String, { nullable: true, description: 'Owning group slug.' })
  @IsOptional()
  @MaxLength(64)
  group?: string | null;

  @Field(() => EnvironmentEnum, { nullable: true, description: 'Deployed to this environment.' })
  @IsOptional()
  @IsEnum(EnvironmentEnum)
  environment?: EnvironmentEnum | null;

  @Field(() => String, { nullable: true, description: 'Currently runs this runtime version (in `environment`, if given).' })
  @IsOptional()
  @MaxLength(32)
  runtime?: string | null;

  @Field(() => [ReleaseStatusEnum], { nullable: true, description: 'Currently runs a release with one of these statuses today.' })
  @IsOptional()
  @ArrayMaxSize(4)
  releaseStatus?: ReleaseStatusEnum[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Latest snapshot has ERROR findings on a runtime it runs on.' })
  @IsOptional()
  hasErrors?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Matches slug or name (case-insensitive substring).' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field({ defaultValue: false })
  includeArchived: boolean = false;
}

@InputType()
export class ApplicationOrderInput {
  @Field(() => ApplicationSortField, { defaultValue: ApplicationSortField.SLUG })
  field: ApplicationSortField = ApplicationSortField.SLUG;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

@ArgsType()
export class ApplicationsArgs extends PageArgs(200) {
  @Field(() => ApplicationFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationFilterInput)
  filter?: ApplicationFilterInput | null;

  @Field(() => ApplicationOrderInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationOrderInput)
  orderBy?: ApplicationOrderInput | null;
}

@InputType()
export class CreateApplicationInput {
  @Field({ description: 'Unique; lower-case letters, digits and "-".' })
  @MaxLength(64)
  slug!: string;

  @Field()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;

  @Field()
  @Length(1, 100, { message: 'department must be 1 to 100 characters' })
  department!: string;

  @Field({ description: 'Slug of the owning group; you must belong to it.' })
  @MaxLength(64)
  group!: string;

  @Field(() => [String], { defaultValue: [] })
  @IsEmail({}, { each: true, message: 'contacts must be e-mail addresses such as ada@example.edu' })
  @ArrayMaxSize(50)
  contacts: string[] = [];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  repositoryUrl?: string | null;
}

@InputType()
export class UpdateApplicationInput {
  @Field({ description: 'The application to change.' })
  @MaxLength(64)
  slug!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: 'department must be 1 to 100 characters' })
  department?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsEmail({}, { each: true, message: 'contacts must be e-mail addresses such as ada@example.edu' })
  @ArrayMaxSize(50)
  contacts?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  repositoryUrl?: string | null;
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
  @MaxLength(64)
  commit!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Default: now.' })
  @IsOptional()
  deployedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Admins only: let through a deployment the staged-deprecation rules refuse.' })
  @IsOptional()
  @MaxLength(2000)
  overrideReason?: string | null;
}

@InputType()
export class RequirementsFileInput {
  @Field({ description: 'Path in the repository, e.g. requirements/base.txt.' })
  @Length(1, 1024, { message: 'path must be 1 to 1024 characters' })
  path!: string;

  @Field()
  content!: string;
}

@InputType()
export class SubmitRequirementsInput {
  @Field({ description: 'Application slug.' })
  @MaxLength(64)
  application!: string;

  @Field()
  @MaxLength(64)
  commit!: string;

  @Field(() => [RequirementsFileInput])
  files!: RequirementsFileInput[];
}

export enum InventoryFormatEnum {
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(InventoryFormatEnum, { name: 'InventoryFormat' });

@ObjectType('InventoryImportResult', { description: 'What an import wrote (or, for a dry run, would write).' })
export class InventoryImportResultModel {
  @Field()
  dryRun!: boolean;

  @Field(() => Int)
  groupsCreated!: number;

  @Field(() => Int)
  groupsUpdated!: number;

  @Field(() => Int)
  membersAdded!: number;

  @Field(() => Int)
  applicationsCreated!: number;

  @Field(() => Int)
  applicationsUpdated!: number;

  @Field(() => Int)
  applicationsUnchanged!: number;

  @Field(() => Int)
  deploymentsRecorded!: number;

  @Field(() => Int, { description: 'Deployments already recorded (an import can be rerun).' })
  deploymentsUnchanged!: number;
}
