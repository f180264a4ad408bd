import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { DateTimeScalar } from '../common/graphql/scalars';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { GROUP_ROLES, type GroupRole } from './group-role';
import { checkEmailAddress } from '../common/input-rules/email-address';
import { checkDescription, checkGroupName, optional } from '../common/input-rules/field-rules';
import { checkSlug } from '../common/input-rules/slug';
import { Satisfies } from '../common/validation/satisfies';

export const GroupRoleEnum = graphqlEnum(GROUP_ROLES, { name: 'GroupRole', description: 'OWNERs also manage members and transfer applications.' });
export type GroupRoleEnum = GroupRole;

@ObjectType('GroupMember')
export class GroupMemberModel {
  @Field(() => ID)
  userId!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => GroupRoleEnum)
  role!: GroupRole;

  @Field(() => DateTimeScalar)
  addedAt!: Date;
}

@ObjectType('Group', { description: 'Access to an application is granted to its owning group.' })
export class GroupModel {
  @Field(() => ID)
  id!: string;

  @Field()
  slug!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const GroupConnectionModel = connectionOf(GroupModel, 'Group');
export type GroupConnectionModel = Connection<GroupModel>;

@ArgsType()
export class GroupsArgs extends PageArgs(100) {
  @Field(() => String, { nullable: true, description: 'Only groups whose slug or name holds this text (case-insensitive).' })
  @IsOptional()
  @MaxLength(100, { message: 'search must be at most 100 characters' })
  search?: string | null;
}

@ObjectType('ManagedDepartments', { description: 'What a manager oversees: every department, or the departments listed.' })
export class ManagedDepartmentsModel {
  @Field()
  allDepartments!: boolean;

  @Field(() => [String], { description: 'Empty when allDepartments is true.' })
  departments!: string[];
}

@InputType()
export class CreateGroupInput {
  @Field({ description: 'Lower-case letters, digits and "-", e.g. registrar-dev.' })
  @Satisfies(checkSlug)
  slug!: string;

  @Field()
  @Satisfies(checkGroupName)
  name!: string;

  @Field(() => String, { nullable: true })
  @Satisfies(optional(checkDescription))
  description?: string | null;

  @Field(() => [String], { defaultValue: [], description: 'E-mail addresses of existing users who will own the group.' })
  @Satisfies(checkEmailAddress)
  @ArrayMaxSize(100)
  owners: string[] = [];
}

@InputType()
export class GroupMembershipInput {
  @Field({ description: 'Group slug.' })
  @Satisfies(checkSlug)
  group!: string;

  @Field()
  @Satisfies(checkEmailAddress)
  email!: string;

  @Field(() => GroupRoleEnum, { defaultValue: GroupRoleEnum.MEMBER })
  role: GroupRoleEnum = GroupRoleEnum.MEMBER;
}
