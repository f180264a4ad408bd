import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsOptional, Max, MaxLength, Min } from 'class-validator';

/** Paging of an audit log, newest first: a page size and where the previous page ended. */
@ArgsType()
export class LogPageArgs {
  @Field(() => Int, { defaultValue: 25, description: 'Page size, 1 to 100.' })
  @Min(1, { message: 'first must be at least 1' })
  @Max(100, { message: 'first must be at most 100' })
  first: number = 25;

  @Field(() => String, { nullable: true, description: 'pageInfo.endCursor of the previous page.' })
  @IsOptional()
  @MaxLength(200)
  after?: string | null;
}
