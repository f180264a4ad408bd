import { Field, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { INVENTORY_FORMATS, type InventoryFormat } from './inventory-import.service';

export const InventoryFormatEnum = graphqlEnum(INVENTORY_FORMATS, { name: 'InventoryFormat' });
export type InventoryFormatEnum = InventoryFormat;

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
