import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { DateScalar } from '../common/graphql/scalars';
import { AuditActionEnum, ReleaseStatusEnum, TrackEnum } from './release.models';

@ArgsType()
export class ReleasesArgs {
  @Field(() => [ReleaseStatusEnum], { nullable: true, description: 'Only releases with one of these statuses on `on`.' })
  @IsOptional()
  @ArrayMaxSize(4)
  status?: ReleaseStatusEnum[] | null;

  @Field(() => TrackEnum, { nullable: true })
  @IsOptional()
  track?: TrackEnum | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day statuses are computed for; default today on campus.' })
  @IsOptional()
  on?: string | null;

  @Field(() => String, { nullable: true, description: 'Only releases shipping this Python, e.g. "3.7" or "3.7.3".' })
  @IsOptional()
  @MaxLength(32)
  pythonVersion?: string | null;

  @Field({ defaultValue: false, description: 'Include drafts (admins only).' })
  includeDrafts: boolean = false;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => String, { nullable: true, description: 'Only events about this release version.' })
  @IsOptional()
  @MaxLength(32)
  version?: string | null;

  @Field(() => [AuditActionEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  actions?: AuditActionEnum[] | null;

  @Field(() => Int, { defaultValue: 25, description: 'Page size, 1 to 100.' })
  @Min(1, { message: 'first must be at least 1' })
  @Max(100, { message: 'first must be at most 100' })
  first: number = 25;

  @Field(() => String, { nullable: true, description: 'pageInfo.endCursor of the previous page.' })
  @IsOptional()
  @MaxLength(200)
  after?: string | null;
}
