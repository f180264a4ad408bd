import { ArgsType, Field, InputType, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import {
  INVENTORY_AUDIT_ACTIONS,
  INVENTORY_AUDIT_SUBJECT_TYPES,
  type InventoryAuditAction,
  type InventoryAuditSubjectType,
} from './inventory-audit-event.entity';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { AuditEventFieldsModel } from '../common/graphql/audit-event.model';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { DateTimeScalar } from '../common/graphql/scalars';

export const InventoryAuditSubjectEnum = graphqlEnum(INVENTORY_AUDIT_SUBJECT_TYPES, {
  name: 'InventoryAuditSubject',
  valuesMap: { INVENTORY: { description: 'A whole bulk import (its summary).' } },
});
export type InventoryAuditSubjectEnum = InventoryAuditSubjectType;

export const InventoryAuditActionEnum = graphqlEnum(INVENTORY_AUDIT_ACTIONS, {
  name: 'InventoryAuditAction',
  valuesMap: {
    GROUP_UPDATED: { description: 'Renamed by a bulk import.' },
    APPLICATION_UPDATED: { description: 'before and after hold only the fields that changed.' },
    DEPLOYMENT_RECORDED: { description: 'reason is the admin override reason, when the deployment rules were set aside.' },
    INVENTORY_IMPORTED: { description: 'Summary of a bulk import: its counts (dry runs are not recorded).' },
  },
});
export type InventoryAuditActionEnum = InventoryAuditAction;

@ObjectType('InventoryAuditEvent', { description: 'One change to a group, an application or its deployments: who, when, before, after and why.' })
export class InventoryAuditEventModel extends AuditEventFieldsModel {
  @Field(() => InventoryAuditSubjectEnum)
  subjectType!: InventoryAuditSubjectEnum;

  @Field(() => String, { nullable: true, description: 'Slug of the group or application when the event happened; null for an import summary.' })
  subject!: string | null;

  @Field(() => InventoryAuditActionEnum)
  action!: InventoryAuditActionEnum;
}

export const InventoryAuditEventConnectionModel = connectionOf(InventoryAuditEventModel, 'InventoryAuditEvent');
export type InventoryAuditEventConnectionModel = Connection<InventoryAuditEventModel>;

@InputType()
export class InventoryAuditFilterInput {
  @Field(() => String, { nullable: true, description: 'Only events about this application (slug).' })
  @IsOptional()
  @MaxLength(64)
  application?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events about this group (slug) and the applications it owns now.' })
  @IsOptional()
  @MaxLength(64)
  group?: string | null;

  @Field(() => [InventoryAuditActionEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  actions?: InventoryAuditActionEnum[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Events at or after this instant.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Events before this instant.' })
  @IsOptional()
  to?: Date | null;
}

@ArgsType()
export class InventoryAuditLogArgs extends PageArgs(100) {
  @Field(() => InventoryAuditFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InventoryAuditFilterInput)
  filter?: InventoryAuditFilterInput | null;
}

@ArgsType()
export class ApplicationAuditEventsArgs extends PageArgs(100) {}
