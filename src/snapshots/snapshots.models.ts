import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { MaxLength, ValidateNested } from 'class-validator';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { DateTimeScalar } from '../common/graphql/scalars';
import type { Environment } from '../calendar/environment';
import { EnvironmentEnum } from '../releases/rollout.models';
import type { Finding, SuppressedFinding } from '../requirements';
import { FindingModel, SuppressedFindingModel } from '../scanning/scan.models';
import type { SnapshotFileRef } from './snapshot';
import { Type } from 'class-transformer';
import { BulkText } from '../common/graphql/text-guard';
import { checkCommit } from '../common/input-rules/commit';
import { checkRepositoryPath, MAX_PATH_LENGTH } from '../common/input-rules/repository-path';
import { Satisfies } from '../common/validation/satisfies';

@ObjectType('SnapshotFile')
export class SnapshotFileModel {
  @Field()
  path!: string;

  @Field()
  sha256!: string;

  @Field(() => Int)
  bytes!: number;

  @Field({ description: 'The file as submitted.' })
  content!: string;
}

@ObjectType('SnapshotScan', { description: 'A stored scan of a snapshot against one runtime.' })
export class SnapshotScanModel {
  @Field()
  runtimeVersion!: string;

  @Field(() => [EnvironmentEnum], {
    description:
      'Environments running this runtime: now, for the latest snapshot; when it was superseded, for older ones. Empty when none runs it any more (the scan is kept as history).',
  })
  environments!: Environment[];

  @Field(() => Int)
  errorCount!: number;

  @Field(() => Int)
  warningCount!: number;

  @Field(() => [FindingModel])
  findings!: Finding[];

  @Field(() => [SuppressedFindingModel], {
    description:
      "Findings the snapshot's own .pype-lifecycle.toml accepts, with the entry's reason and until (not counted in findings, errorCount or warningCount). Empty for scans stored before this was kept.",
  })
  suppressed!: SuppressedFinding[];

  @Field(() => DateTimeScalar)
  scannedAt!: Date;
}

@ObjectType('RequirementsSnapshot', { description: "An application's requirements files at a commit." })
export class RequirementsSnapshotModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The commit first submitted with these files.' })
  commit!: string;

  @Field({ description: 'The latest commit submitted with identical files.' })
  lastCommit!: string;

  @Field()
  contentHash!: string;

  @Field()
  submittedBy!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  lastSubmittedAt!: Date;

  files!: SnapshotFileRef[];
}

export const RequirementsSnapshotConnectionModel = connectionOf(RequirementsSnapshotModel, 'RequirementsSnapshot');
export type RequirementsSnapshotConnectionModel = Connection<RequirementsSnapshotModel>;

@ArgsType()
export class SnapshotHistoryArgs extends PageArgs(100) {}

@InputType()
export class RequirementsFileInput {
  @Field({ description: `Path in the repository, e.g. requirements/base.txt; relative, at most ${MAX_PATH_LENGTH} characters.` })
  @Satisfies(checkRepositoryPath)
  path!: string;

  @Field()
  @BulkText()
  content!: string;
}

@InputType()
export class SubmitRequirementsInput {
  @Field({ description: 'Application slug.' })
  @MaxLength(64)
  application!: string;

  @Field()
  @Satisfies(checkCommit)
  commit!: string;

  @Field(() => [RequirementsFileInput])
  @ValidateNested({ each: true })
  @Type(() => RequirementsFileInput)
  files!: RequirementsFileInput[];
}
