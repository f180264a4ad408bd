import { describe, expect, it } from 'vitest';
import { pageOfRows } from './page';

describe('pageOfRows', () => {
  it('drops the extra row read to learn that another page follows', () => {
    expect(pageOfRows([1, 2, 3], { first: 2, after: null }, 7)).toEqual({ items: [1, 2], hasNextPage: true, hasPreviousPage: false, totalCount: 7 });
  });

  it('ends the list when no extra row came back, and continues an earlier page after a cursor', () => {
    expect(pageOfRows([3], { first: 2, after: ['2'] }, 3)).toEqual({ items: [3], hasNextPage: false, hasPreviousPage: true, totalCount: 3 });
  });
});
