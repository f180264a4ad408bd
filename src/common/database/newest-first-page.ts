import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** What a reader asks of an append-only log: a page size and the cursor where the previous page ended. */
export interface LogPageQuery {
  first: number;
  after?: string | null;
}

export interface NewestFirstPage<T> {
  items: T[];
  hasNextPage: boolean;
  /** Rows matching the filter, on every page. */
  totalCount: number;
}

/**
 * One page of an append-only log, newest (highest id) first: the rows below `beforeId`, one
 * more than asked to learn whether another page follows.
 */
export async function newestFirstPage<T extends ObjectLiteral>(
  filtered: SelectQueryBuilder<T>,
  idColumn: string,
  first: number,
  beforeId: string | null,
): Promise<NewestFirstPage<T>> {
  const totalCount = await filtered.clone().getCount();
  if (beforeId !== null) filtered.andWhere(`${idColumn} < :beforeId`, { beforeId });
  const rows = await filtered.orderBy(idColumn, 'DESC').limit(first + 1).getMany();
  return { items: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
}
