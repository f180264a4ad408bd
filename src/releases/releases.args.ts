import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { PageArgs } from '../common/graphql/page.args';
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
export class AuditLogArgs extends PageArgs(100) {
  @Field(() => String, { nullable: true, description: 'Only events about this release version.' })
  @IsOptional()
  @MaxLength(32)
  version?: string | null;

  @Field(() => [AuditActionEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  actions?: AuditActionEnum[] | null;
}
