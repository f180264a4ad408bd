import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { SEVERITIES, type Severity } from '../requirements';
import { IsString, Length } from 'class-validator';
import { BulkText } from '../common/graphql/text-guard';
import { DateScalar } from '../common/graphql/scalars';

export const SeverityEnum = graphqlEnum(SEVERITIES, { name: 'Severity' });
export type SeverityEnum = Severity;

@ObjectType('Specifier')
export class SpecifierModel {
  @Field()
  operator!: string;

  @Field()
  version!: string;
}

@ObjectType('Requirement', { description: 'A declared dependency.' })
export class RequirementModel {
  @Field(() => Int, { description: '1-based physical line where the requirement starts.' })
  line!: number;

  @Field({ description: 'PEP 503 canonical name.' })
  name!: string;

  @Field(() => [String])
  extras!: string[];

  @Field(() => [SpecifierModel])
  specifiers!: SpecifierModel[];

  @Field(() => String, { nullable: true, description: 'PEP 508 marker as packaging prints it.' })
  marker!: string | null;

  @Field(() => String, { nullable: true, description: 'Direct reference, VCS URL or path.' })
  url!: string | null;

  @Field()
  editable!: boolean;

  @Field(() => [String], { description: '`algorithm:digest` from --hash options.' })
  hashes!: string[];

  @Field({ description: 'The file it is declared in, as given to the scan.' })
  file!: string;

  @Field({ description: 'From a constraints file (-c): limits versions, installs nothing.' })
  constraint!: boolean;

  @Field(() => String, { nullable: true, description: 'dev-packages, optional:test, group:dev…; null for the main list.' })
  group!: string | null;
}

@ObjectType('FindingVulnerability', { description: 'The advisory behind a VULNERABLE or RUNTIME_VULNERABLE finding, as fields.' })
export class FindingVulnerabilityModel {
  @Field({ description: 'The advisory id, e.g. GHSA-xxxx-xxxx-xxxx or PYSEC-2021-1.' })
  id!: string;

  @Field(() => [String], { description: 'Other ids of the same advisory (CVE-…, PYSEC-…).' })
  aliases!: string[];

  @Field({ description: 'LOW, MODERATE, HIGH, CRITICAL or UNKNOWN.' })
  severity!: string;

  @Field(() => Float, { nullable: true, description: 'Highest CVSS v3 base score, when the advisory gives a vector.' })
  cvssScore!: number | null;

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field({ description: 'Canonical name of the affected package.' })
  package!: string;

  @Field({ description: 'The affected version found (the pin, or the bundled version).' })
  version!: string;

  @Field(() => [String], { description: 'Versions that fix it, ascending; empty when no fix is known.' })
  fixedVersions!: string[];
}

@ObjectType('Finding')
export class FindingModel {
  @Field({ description: 'Stable code; see findingCodes and the README.' })
  code!: string;

  @Field(() => SeverityEnum)
  severity!: SeverityEnum;

  @Field(() => Int, { nullable: true })
  line!: number | null;

  @Field(() => String, { nullable: true })
  file!: string | null;

  @Field(() => String, { nullable: true, description: 'Canonical name of the package concerned.' })
  package!: string | null;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true, description: 'How to fix it.' })
  hint!: string | null;

  @Field(() => FindingVulnerabilityModel, { nullable: true, description: 'The advisory, for VULNERABLE and RUNTIME_VULNERABLE findings.' })
  vulnerability?: FindingVulnerabilityModel | null;
}

@ObjectType('ScanSummary')
export class ScanSummaryModel {
  @Field(() => Int)
  errors!: number;

  @Field(() => Int)
  warnings!: number;

  @Field(() => Int)
  infos!: number;
}

@ObjectType('SuppressedFinding', { description: 'A finding an [[ignore]] entry of .pype-lifecycle.toml accepts until a day: reported apart, not dropped.' })
export class SuppressedFindingModel {
  @Field(() => FindingModel)
  finding!: FindingModel;

  @Field({ description: "The entry's reason." })
  reason!: string;

  @Field(() => DateScalar, { description: 'The last day the entry applies.' })
  until!: string;

  @Field({ description: 'The suppression file the entry is in.' })
  file!: string;

  @Field(() => Int, { nullable: true, description: "The line of the entry's [[ignore]] header." })
  line!: number | null;
}

@ObjectType('ScanReport')
export class ScanReportModel {
  @Field(() => [RequirementModel])
  requirements!: RequirementModel[];

  @Field(() => [FindingModel], { description: 'Ordered by file, line, then severity.' })
  findings!: FindingModel[];

  @Field(() => ScanSummaryModel)
  summary!: ScanSummaryModel;

  @Field(() => String, { nullable: true, description: 'The runtime release scanned against.' })
  runtime!: string | null;

  @Field(() => [SuppressedFindingModel], {
    description: 'Findings that an [[ignore]] entry of a .pype-lifecycle.toml among the files accepts (not counted in findings or summary).',
  })
  suppressed!: SuppressedFindingModel[];
}

@ObjectType('FindingCode', { description: 'A finding code: what it means and how to fix it.' })
export class FindingCodeModel {
  @Field()
  code!: string;

  @Field(() => SeverityEnum)
  severity!: SeverityEnum;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field()
  example!: string;

  @Field()
  hint!: string;

  @Field({ description: 'Checked only when a runtime is given.' })
  needsRuntime!: boolean;
}

@InputType()
export class ScanFileInput {
  @Field({ description: 'Path of the file, e.g. requirements/base.txt; `-r` lines resolve against it.' })
  @IsString()
  @Length(1, 1024, { message: 'path must be 1 to 1024 characters' })
  path!: string;

  @Field()
  @IsString()
  @BulkText()
  content!: string;
}

@ObjectType('ScanPolicy', { description: "This service's scan settings that a client scanning on its own (the `scan` CLI) applies too." })
export class ScanPolicyModel {
  @Field(() => [String], { description: 'Approved index URL prefixes (ALLOWED_INDEX_URLS); other sources are UNAPPROVED_INDEX. Empty: no allow-list.' })
  allowedIndexUrls!: string[];
}
