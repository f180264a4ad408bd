import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { cursorCodec, cursorValue, type CursorCodec } from '../paging/page-cursor';
import { pageOfRows, type Page, type PageRequest } from '../paging/page';

/** The one order of an append-only log: newest (highest id) first. */
export const NEWEST_FIRST = 'NEWEST_FIRST';
export type NewestFirst = typeof NEWEST_FIRST;
/** A log's cursor holds the id of the last event read. */
export type LogCursorKey = [id: string];

/** The cursors of one append-only log: ids stay valid while events are added, as pages continue below them. */
export const logCursor = (list: string): CursorCodec<NewestFirst, LogCursorKey> => cursorCodec<NewestFirst, LogCursorKey>(list, () => [cursorValue.int64]);

/**
 * One page of an append-only log, newest (highest id) first: the rows below the cursor's id, one
 * more than asked to learn whether another page follows.
 */
export async function newestFirstPage<T extends ObjectLiteral>(
  filtered: SelectQueryBuilder<T>,
  idColumn: string,
  request: PageRequest<LogCursorKey>,
): Promise<Page<T>> {
  const totalCount = await filtered.clone().getCount();
  if (request.after !== null) filtered.andWhere(`${idColumn} < :beforeId`, { beforeId: request.after[0] });
  const rows = await filtered
    .orderBy(idColumn, 'DESC')
    .limit(request.first + 1)
    .getMany();
  return pageOfRows(rows, request, totalCount);
}
