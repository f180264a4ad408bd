import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { MAX_CURSOR_LENGTH } from '../paging/page-cursor';

export const DEFAULT_PAGE_SIZE = 25;

export interface PageArgsFields {
  first: number;
  after?: string | null;
}

const byMaximum = new Map<number, Type<PageArgsFields>>();

/**
 * The paging arguments of every list, `first` (default 25, at most `maxFirst`, the list's own
 * bound) and `after`, checked here by the global validation pipe before any resolver runs. The
 * list's cursor codec then decodes `after`. Extend it: `class AuditLogArgs extends PageArgs(100)`.
 */
export function PageArgs(maxFirst: number): Type<PageArgsFields> {
  const known = byMaximum.get(maxFirst);
  if (known) return known;

  @ArgsType()
  class PageArgsUpTo implements PageArgsFields {
    @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${maxFirst}.` })
    @IsInt({ message: 'first must be a whole number' })
    @Min(1, { message: 'first must be at least 1' })
    @Max(maxFirst, { message: `first must be at most ${maxFirst}` })
    first: number = DEFAULT_PAGE_SIZE;

    @Field(() => String, { nullable: true, description: 'An edge cursor (or pageInfo.endCursor) of an earlier page: this page continues after it.' })
    @IsOptional()
    @MaxLength(MAX_CURSOR_LENGTH, { message: `after must be a cursor of at most ${MAX_CURSOR_LENGTH} characters` })
    after?: string | null;
  }

  byMaximum.set(maxFirst, PageArgsUpTo);
  return PageArgsUpTo;
}
