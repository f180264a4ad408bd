import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs } from '../common/graphql/page.args';
import { checkReason, optional } from '../common/input-rules/field-rules';
import { Satisfies } from '../common/validation/satisfies';

/** At most this many notices a page. */
export const MAX_NOTICES_PAGE = 100;

@ArgsType()
export class MyNoticesArgs extends PageArgs(MAX_NOTICES_PAGE) {
  @Field(() => Boolean, { defaultValue: false, description: 'Only notices not acknowledged yet.' })
  @IsBoolean()
  unreadOnly: boolean = false;
}

@InputType()
export class NoticePreferencesInput {
  @Field(() => Boolean, { nullable: true, description: 'Also e-mail notices; left out: unchanged.' })
  @IsOptional()
  @IsBoolean()
  emailEnabled?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'One digest per release and milestone (true) or one notice per app (false); left out: unchanged.' })
  @IsOptional()
  @IsBoolean()
  digest?: boolean | null;
}

@InputType()
export class PauseReleaseNoticesInput {
  @Field({ description: 'Version of a published release.' })
  @IsString()
  @MaxLength(32)
  version!: string;

  @Field({ description: 'Why; recorded in the audit log.' })
  @Satisfies(checkReason)
  reason!: string;
}

@InputType()
export class ResumeReleaseNoticesInput {
  @Field({ description: 'Version of a release whose notices are paused.' })
  @IsString()
  @MaxLength(32)
  version!: string;

  @Field(() => String, { nullable: true, description: 'Why; recorded in the audit log.' })
  @Satisfies(optional(checkReason))
  reason?: string | null;
}
