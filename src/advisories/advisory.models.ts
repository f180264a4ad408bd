import { ArgsType, Field, Float, ObjectType } from '@nestjs/graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { MAX_NAME_LENGTH as MAX_ADVISORY_PACKAGE_NAME_LENGTH } from './utils/check-package-names';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { DateTimeScalar, InvalidScalarValueError } from '../common/graphql/scalars';

/** An OSV record as a JSON object; only answered, never accepted (advisories are imported as JSON text). */
export const OsvRecordScalar = new GraphQLScalarType({
  name: 'OsvRecord',
  description: 'An OSV advisory record (https://ossf.github.io/osv-schema/, schema 1.x) as a JSON object, ecosystem PyPI.',
  serialize(value: unknown): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new GraphQLError('OsvRecord must be a JSON object');
    return value as Record<string, unknown>;
  },
  parseValue(): never {
    throw new InvalidScalarValueError('OsvRecord is only answered; import advisories with importAdvisories');
  },
  parseLiteral(): never {
    throw new InvalidScalarValueError('OsvRecord is only answered; import advisories with importAdvisories');
  },
});

@ObjectType('AdvisoryRangeEvent', { description: 'One OSV range event; exactly one field is set.' })
export class AdvisoryRangeEventModel {
  @Field(() => String, { nullable: true })
  introduced!: string | null;

  @Field(() => String, { nullable: true })
  fixed!: string | null;

  @Field(() => String, { nullable: true })
  lastAffected!: string | null;

  @Field(() => String, { nullable: true })
  limit!: string | null;
}

@ObjectType('AdvisoryRange')
export class AdvisoryRangeModel {
  @Field()
  type!: string;

  @Field(() => [AdvisoryRangeEventModel])
  events!: AdvisoryRangeEventModel[];
}

@ObjectType('AffectedPackage')
export class AffectedPackageModel {
  @Field({ description: 'PEP 503 canonical name.' })
  name!: string;

  @Field(() => [AdvisoryRangeModel])
  ranges!: AdvisoryRangeModel[];

  @Field(() => [String])
  versions!: string[];
}

@ObjectType('AdvisoryReference')
export class AdvisoryReferenceModel {
  @Field()
  type!: string;

  @Field()
  url!: string;
}

@ObjectType('Advisory', { description: 'An OSV advisory about PyPI packages.' })
export class AdvisoryModel {
  @Field()
  id!: string;

  @Field(() => DateTimeScalar)
  modified!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  published!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  withdrawn!: string | null;

  @Field(() => [String])
  aliases!: string[];

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field(() => String, { nullable: true })
  details!: string | null;

  @Field({ description: 'CRITICAL, HIGH, MODERATE/MEDIUM, LOW, NONE or UNKNOWN.' })
  severity!: string;

  @Field(() => Float, { nullable: true, description: 'Highest CVSS v3 base score.' })
  cvssScore!: number | null;

  @Field(() => [AffectedPackageModel])
  affected!: AffectedPackageModel[];

  @Field(() => [AdvisoryReferenceModel])
  references!: AdvisoryReferenceModel[];
}

@ObjectType('AdvisoryImportResult')
export class AdvisoryImportResultModel {
  @Field(() => [String], { description: 'Ids stored for the first time.' })
  added!: string[];

  @Field(() => [String], { description: 'Ids replaced by a later `modified`.' })
  updated!: string[];

  @Field(() => [String], { description: 'Ids already stored with the same or a later `modified`.' })
  unchanged!: string[];

  @Field(() => [String], { description: 'Ids of advisories about other ecosystems only (no PyPI package): not stored.' })
  skipped!: string[];
}

export const AdvisoryConnectionModel = connectionOf(AdvisoryModel, 'Advisory');
export type AdvisoryConnectionModel = Connection<AdvisoryModel>;

@ArgsType()
export class AdvisoriesArgs extends PageArgs(100) {
  @Field(() => String, { nullable: true, description: 'Only advisories about this package (any spelling; compared per PEP 503).' })
  @IsOptional()
  @MaxLength(MAX_ADVISORY_PACKAGE_NAME_LENGTH)
  package?: string | null;
}
