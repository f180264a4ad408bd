import { describe, expect, it } from 'vitest';
import { toConnection } from './connection';

describe('toConnection', () => {
  it('gives each row its cursor and node, and ends the page at the last cursor', () => {
    const page = { items: [{ id: '9' }, { id: '7' }], hasNextPage: true, totalCount: 5 };
    expect(toConnection(page, (row) => `c${row.id}`, (row) => Number(row.id))).toEqual({
      edges: [
        { cursor: 'c9', node: 9 },
        { cursor: 'c7', node: 7 },
      ],
      pageInfo: { hasNextPage: true, endCursor: 'c7' },
      totalCount: 5,
    });
  });

  it('has no end cursor on an empty page', () => {
    expect(toConnection({ items: [], hasNextPage: false, totalCount: 0 }, String, String).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
