import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { DateTimeScalar } from '../common/graphql/scalars';
import { Role } from './role';
import { checkEmailAddress } from '../common/input-rules/email-address';
import { checkApiTokenName, checkDisplayName } from '../common/input-rules/field-rules';
import { Satisfies } from '../common/validation/satisfies';

registerEnumType(Role, { name: 'Role', description: 'What a user may do: ADMIN runs the platform, MANAGER oversees departments, DEVELOPER builds apps.' });

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  disabledAt!: Date | null;
}

export const UserConnectionModel = connectionOf(UserModel, 'User');
export type UserConnectionModel = Connection<UserModel>;

@ArgsType()
export class UsersArgs extends PageArgs(200) {
  @Field(() => Role, { nullable: true, description: 'Only users holding this role.' })
  @IsOptional()
  @IsEnum(Role, { message: 'role must be ADMIN, MANAGER or DEVELOPER' })
  role?: Role | null;
}

@ObjectType('Viewer', { description: 'The caller of this request.' })
export class ViewerModel {
  @Field({ description: 'E-mail of the user, or bootstrap-admin.' })
  label!: string;

  @Field(() => [Role])
  roles!: readonly Role[];

  @Field(() => UserModel, { nullable: true, description: 'Null for the bootstrap admin.' })
  user!: UserModel | null;
}

@ObjectType('ApiToken', { description: 'An API token. Its secret is shown only once, when created.' })
export class ApiTokenModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field()
  name!: string;

  @Field({ description: 'The first characters of the secret, to tell tokens apart.' })
  tokenPrefix!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;
}

export const ApiTokenConnectionModel = connectionOf(ApiTokenModel, 'ApiToken');
export type ApiTokenConnectionModel = Connection<ApiTokenModel>;

@ArgsType()
export class ApiTokensArgs extends PageArgs(100) {
  @Field(() => ID, { nullable: true, description: "Whose tokens; default the caller's. Admins only for others." })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a user id (a UUID)' })
  userId?: string | null;
}

@ObjectType('CreatedApiToken')
export class CreatedApiTokenModel {
  @Field({ description: 'The secret to send as "Authorization: Bearer <token>". Shown only this once.' })
  token!: string;

  @Field(() => ApiTokenModel)
  apiToken!: ApiTokenModel;
}

@InputType()
export class CreateUserInput {
  @Field()
  @Satisfies(checkEmailAddress)
  email!: string;

  @Field()
  @Satisfies(checkDisplayName)
  displayName!: string;

  @Field(() => [Role], { defaultValue: [] })
  @IsEnum(Role, { each: true })
  @ArrayMaxSize(3)
  roles: Role[] = [];
}

@InputType()
export class CreateApiTokenInput {
  @Field(() => ID, { nullable: true, description: 'Whose token; defaults to the caller. Admins only for others.' })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a user id (a UUID)' })
  userId?: string | null;

  @Field({ description: 'What the token is for, e.g. "ci-pipeline".' })
  @Satisfies(checkApiTokenName)
  name!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  expiresAt?: Date | null;
}
