import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { pageOfRows, type Page, type PageRequest } from '../paging/page';

/** A cursor key of a list ordered by creation: created_at as PostgreSQL prints it (microseconds kept), then the id. */
export type CreatedAtCursorKey = [createdAt: string, id: string];

/**
 * One page of `filtered` (alias `alias`, with `created_at` and a uuid `id`) ordered by creation,
 * newest first (DESC) or oldest first (ASC), the id breaking ties: the rows past the cursor, one
 * more than asked to learn whether another page follows, each with its own cursor key.
 */
export async function createdAtPage<T extends ObjectLiteral & { id: string }>(
  filtered: SelectQueryBuilder<T>,
  alias: string,
  direction: 'ASC' | 'DESC',
  request: PageRequest<CreatedAtCursorKey>,
): Promise<Page<{ row: T; cursorKey: CreatedAtCursorKey }>> {
  const totalCount = await filtered.clone().getCount();
  if (request.after !== null) {
    const [createdAt, id] = request.after;
    const past = direction === 'DESC' ? '<' : '>';
    filtered.andWhere(`(${alias}.created_at, ${alias}.id) ${past} (:createdAt::timestamptz, :id::uuid)`, { createdAt, id });
  }
  const { entities, raw } = await filtered
    .addSelect(`${alias}.created_at::text`, 'created_at_text')
    .orderBy(`${alias}.created_at`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(request.first + 1)
    .getRawAndEntities<{ created_at_text: string }>();
  const items = entities.map((row, index) => ({ row, cursorKey: [raw[index].created_at_text, row.id] satisfies CreatedAtCursorKey }));
  return pageOfRows(items, request, totalCount);
}
