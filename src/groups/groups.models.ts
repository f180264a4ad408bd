import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEmail, IsOptional, Length, MaxLength } from 'class-validator';
import { DateTimeScalar } from '../common/graphql/scalars';
import type { GroupRole } from './group.entity';

export enum GroupRoleEnum {
  OWNER = 'OWNER',
  MEMBER = 'MEMBER',
}
registerEnumType(GroupRoleEnum, { name: 'GroupRole', description: 'OWNERs also manage members and transfer applications.' });

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
  @MaxLength(64)
  slug!: string;

  @Field()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => [String], { defaultValue: [], description: 'E-mail addresses of existing users who will own the group.' })
  @IsEmail({}, { each: true, message: 'owners must be e-mail addresses' })
  @ArrayMaxSize(100)
  owners: string[] = [];
}

@InputType()
export class GroupMembershipInput {
  @Field({ description: 'Group slug.' })
  @MaxLength(64)
  group!: string;

  @Field()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;

  @Field(() => GroupRoleEnum, { defaultValue: GroupRoleEnum.MEMBER })
  role: GroupRoleEnum = GroupRoleEnum.MEMBER;
}
