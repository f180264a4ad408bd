/** A decoded page request: at most `first` rows after the row whose key `after` holds (null: from the start). */
export interface PageRequest<TKey> {
  first: number;
  after: TKey | null;
}

/** One page of a list, in the list's order. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  /** True when the page continues an earlier one (it was asked for `after` a cursor). */
  hasPreviousPage: boolean;
  /** Rows matching the filter, on every page. */
  totalCount: number;
}

/** The page from rows read with `LIMIT first + 1`: the extra row only tells that another page follows. */
export function pageOfRows<T>(rows: readonly T[], request: PageRequest<unknown>, totalCount: number): Page<T> {
  return {
    items: rows.slice(0, request.first),
    hasNextPage: rows.length > request.first,
    hasPreviousPage: request.after !== null,
    totalCount,
  };
}
