import { badInput } from '../errors/domain-error';

/**
 * The one cursor format of every paged list: base64url of `{ list, order, key }`. The list name and
 * the order travel in the cursor so that a cursor handed to another list, or to the same list
 * sorted another way, is refused instead of silently paging from the wrong place; every key value
 * is checked against its kind when decoded, so no query ever receives a value PostgreSQL refuses.
 */

/** Longer `after` values are refused before anything is decoded. */
export const MAX_CURSOR_LENGTH = 1024;

/** One value of a cursor's key: what it must look like, checked on decoding. */
export interface CursorValue {
  /** For the error message: "a positive 64-bit integer". */
  readonly expected: string;
  accepts(value: string): boolean;
}

const INT64_MAX = 2n ** 63n - 1n;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// PostgreSQL's text form of a timestamptz, e.g. 2026-11-22 15:00:00.123456+00 (microseconds kept).
const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::(\d{2})){0,2}$/;

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isTimestampText(value: string): boolean {
  const parts = TIMESTAMP_TEXT.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second, offsetHours] = parts.slice(1, 8).map(Number);
  return isCalendarDay(year, month, day) && hour < 24 && minute < 60 && second < 60 && offsetHours <= 15;
}

export const cursorValue = {
  /** A row id of a bigint identity column. */
  int64: { expected: 'a positive 64-bit integer', accepts: (value) => /^[1-9]\d{0,18}$/.test(value) && BigInt(value) <= INT64_MAX },
  uuid: { expected: 'a UUID', accepts: (value) => UUID.test(value) },
  /** A timestamptz as PostgreSQL prints it, on a real calendar day. */
  timestamp: { expected: 'a timestamp', accepts: isTimestampText },
  text: (maxLength: number): CursorValue => ({
    expected: `a text of at most ${maxLength} characters`,
    accepts: (value) => value.length <= maxLength && !value.includes('\u0000'),
  }),
} satisfies Record<string, CursorValue | ((maxLength: number) => CursorValue)>;

export interface CursorCodec<TOrder extends string, TKey extends readonly string[]> {
  readonly list: string;
  /** `parent` names whose list it is when the list hangs under a node (an application's snapshots). */
  encode(order: TOrder, key: TKey, parent?: string): string;
  /** The key inside `after`, or null without `after`; BAD_USER_INPUT on `after` for anything but a cursor of this list (of this parent) and order. */
  decode(after: string | null | undefined, order: TOrder, parent?: string): TKey | null;
}

const holds = (part: unknown, value: CursorValue): boolean => typeof part === 'string' && value.accepts(part);

function isKeyOf<TKey extends readonly string[]>(key: readonly unknown[], values: readonly CursorValue[]): key is TKey {
  return key.length === values.length && values.every((value, index) => holds(key[index], value));
}

type KeyValues<TKey extends readonly string[]> = { readonly [K in keyof TKey]: CursorValue };

/**
 * The cursors of one list. `keyOf` says, per order, which values a cursor holds: the sort value
 * and the row id that breaks ties, for instance.
 */
export function cursorCodec<TOrder extends string, TKey extends readonly string[]>(
  list: string,
  keyOf: (order: TOrder) => KeyValues<TKey>,
): CursorCodec<TOrder, TKey> {
  const refuse = (why: string) =>
    badInput('after', `after ${why}: pass an edge cursor or pageInfo.endCursor of an earlier ${list} page with the same order, or leave it out to start again`);
  return {
    list,
    encode: (order, key, parent) => Buffer.from(JSON.stringify({ list, parent, order, key })).toString('base64url'),
    decode(after, order, parent) {
      if (after === null || after === undefined) return null;
      if (after.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(after)) throw refuse('is not a cursor');
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
      } catch {
        throw refuse('is not a cursor');
      }
      if (typeof payload !== 'object' || payload === null) throw refuse('is not a cursor');
      const { list: cursorList, parent: cursorParent, order: cursorOrder, key } = payload as Record<string, unknown>;
      if (typeof cursorList !== 'string' || typeof cursorOrder !== 'string' || !Array.isArray(key)) throw refuse('is not a cursor');
      if (cursorList !== list) throw refuse(`is a cursor of another list (${cursorList.slice(0, 40)})`);
      if (cursorParent !== parent) throw refuse(`is a cursor of ${list} of another ${list.split('.')[0] || 'parent'}`);
      if (cursorOrder !== order) throw refuse(`was issued for another order (${cursorOrder.slice(0, 40)})`);
      const values = keyOf(order);
      if (key.length !== values.length) throw refuse('is not a cursor');
      const misfit = values.find((value, index) => !holds(key[index], value));
      if (misfit || !isKeyOf<TKey>(key, values)) throw refuse(`holds a value that is not ${misfit?.expected ?? 'expected'}`);
      return key;
    },
  };
}
