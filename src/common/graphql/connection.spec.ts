import { describe, expect, it } from 'vitest';
import { cursorCodec, cursorValue } from '../paging/page-cursor';
import { pagedConnection, toConnection } from './connection';

describe('toConnection', () => {
  it('gives each row its cursor and node, and says where the page starts and ends', () => {
    const page = { items: [{ id: '9' }, { id: '7' }], hasNextPage: true, hasPreviousPage: true, totalCount: 5 };
    expect(
      toConnection(
        page,
        (row) => `c${row.id}`,
        (row) => Number(row.id),
      ),
    ).toEqual({
      edges: [
        { cursor: 'c9', node: 9 },
        { cursor: 'c7', node: 7 },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: true, startCursor: 'c9', endCursor: 'c7' },
      totalCount: 5,
    });
  });

  it('has no start or end cursor on an empty page', () => {
    expect(toConnection({ items: [], hasNextPage: false, hasPreviousPage: false, totalCount: 0 }, String, String).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});

describe('pagedConnection', () => {
  const codec = cursorCodec<'ID', [id: string]>('things', () => [cursorValue.int64]);

  it('hands the decoded cursor to the page query and encodes each row as a cursor of the same list', async () => {
    const asked: unknown[] = [];
    const connection = await pagedConnection(
      { first: 2, after: codec.encode('ID', ['7']) },
      { codec, order: 'ID' },
      (request) => {
        asked.push(request);
        return Promise.resolve({ items: [{ id: '8' }, { id: '9' }], hasNextPage: false, hasPreviousPage: true, totalCount: 3 });
      },
      (row) => [row.id],
      (row) => row.id,
    );
    expect(asked).toEqual([{ first: 2, after: ['7'] }]);
    expect(connection.edges.map((edge) => [codec.decode(edge.cursor, 'ID'), edge.node])).toEqual([
      [['8'], '8'],
      [['9'], '9'],
    ]);
  });

  it('refuses a bad cursor before the page query runs', async () => {
    let queried = false;
    const run = pagedConnection(
      { first: 2, after: 'garbage!' },
      { codec, order: 'ID' },
      () => {
        queried = true;
        return Promise.resolve({ items: [], hasNextPage: false, hasPreviousPage: false, totalCount: 0 });
      },
      (row: { id: string }) => [row.id],
      (row) => row,
    );
    await expect(run).rejects.toMatchObject({ details: { field: 'after' } });
    expect(queried).toBe(false);
  });
});
