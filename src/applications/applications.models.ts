import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { Prefetchable } from '../common/graphql/prefetched-fields';
import { DateTimeScalar } from '../common/graphql/scalars';
import { GroupModel } from '../groups/groups.models';
import { ReleaseStatusEnum } from '../releases/release.models';
import { EnvironmentEnum } from '../releases/rollout.models';
import { APPLICATION_SORT_FIELDS, SORT_DIRECTIONS, type ApplicationSort } from './application';
import { checkEmailAddress } from '../common/input-rules/email-address';
import { checkApplicationName, checkDepartment, checkDescription, MAX_CONTACTS, optional } from '../common/input-rules/field-rules';
import { checkRepositoryUrl } from '../common/input-rules/repository-url';
import { checkSlug } from '../common/input-rules/slug';
import { Satisfies } from '../common/validation/satisfies';

export const ApplicationSortField = graphqlEnum(APPLICATION_SORT_FIELDS, { name: 'ApplicationSortField' });
export type ApplicationSortField = ApplicationSort;
export const SortDirection = graphqlEnum(SORT_DIRECTIONS, { name: 'SortDirection' });
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

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
  @Prefetchable() // here, not on the resolver method: Nest keeps the model field's extensions
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
  @Satisfies(checkSlug)
  slug!: string;

  @Field()
  @Satisfies(checkApplicationName)
  name!: string;

  @Field(() => String, { nullable: true })
  @Satisfies(optional(checkDescription))
  description?: string | null;

  @Field()
  @Satisfies(checkDepartment)
  department!: string;

  @Field({ description: 'Slug of the owning group; you must belong to it.' })
  @Satisfies(checkSlug)
  group!: string;

  @Field(() => [String], { defaultValue: [] })
  @Satisfies(checkEmailAddress)
  @ArrayMaxSize(MAX_CONTACTS)
  contacts: string[] = [];

  @Field(() => String, { nullable: true })
  @Satisfies(optional(checkRepositoryUrl))
  repositoryUrl?: string | null;
}

@InputType()
export class UpdateApplicationInput {
  @Field({ description: 'The application to change.' })
  @Satisfies(checkSlug)
  slug!: string;

  @Field(() => String, { nullable: true })
  @Satisfies(checkApplicationName)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @Satisfies(optional(checkDescription))
  description?: string | null;

  @Field(() => String, { nullable: true })
  @Satisfies(checkDepartment)
  department?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @Satisfies(checkEmailAddress)
  @ArrayMaxSize(MAX_CONTACTS)
  contacts?: string[] | null;

  @Field(() => String, { nullable: true })
  @Satisfies(optional(checkRepositoryUrl))
  repositoryUrl?: string | null;
}
