import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

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
