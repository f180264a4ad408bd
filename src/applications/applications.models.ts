import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsEnum, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { DateTimeScalar } from '../common/graphql/scalars';
import { GroupModel } from '../groups/groups.models';
import { ReleaseStatusEnum } from '../releases/release.models';
import { EnvironmentEnum } from '../releases/rollout.models';
import type { Application } from './application';

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

/** The GraphQL shape of an `Application`; resolvers return the domain type and field resolvers add the rest. */
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

  @Field(() => [String])
  contacts!: string[];

  @Field(() => String, { nullable: true })
  repositoryUrl!: string | null;

  @Field()
  archived!: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  archivedAt!: Date | null;

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

