import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { CursorCodec } from '../paging/page-cursor';
import type { Page, PageRequest } from '../paging/page';

/** Relay's PageInfo. Lists page forwards only (`first`/`after`). */
@ObjectType('PageInfo')
export class PageInfoModel {
  @Field()
  hasNextPage!: boolean;

  @Field({ description: 'True when this page continues an earlier one (it was asked for with `after`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge: pass it as `after` for the next page; null on an empty page.' })
  endCursor!: string | null;
}

export interface Edge<TNode> {
  cursor: string;
  node: TNode;
}

export interface Connection<TNode> {
  edges: Edge<TNode>[];
  pageInfo: PageInfoModel;
  totalCount: number;
}

/**
 * The GraphQL types `<name>Edge` and `<name>Connection` of a Relay connection of `node`: the one
 * shape of every paged list (test/platform/connections.spec.ts holds the schema to it).
 */
export function connectionOf<TNode>(node: Type<TNode>, name: string): Type<Connection<TNode>> {
  @ObjectType(`${name}Edge`)
  class EdgeModel implements Edge<TNode> {
    @Field({ description: 'Pass as `after` to continue after this node.' })
    cursor!: string;

    @Field(() => node)
    node!: TNode;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionModel implements Connection<TNode> {
    @Field(() => [EdgeModel])
    edges!: EdgeModel[];

    @Field(() => PageInfoModel)
    pageInfo!: PageInfoModel;

    @Field(() => Int, { description: 'Nodes matching the filter, on every page.' })
    totalCount!: number;
  }

  return ConnectionModel;
}

/** A page of rows as a connection: each row's cursor and node, and where the page starts and ends. */
export function toConnection<TRow, TNode>(page: Page<TRow>, cursorOf: (row: TRow) => string, nodeOf: (row: TRow) => TNode): Connection<TNode> {
  const edges = page.items.map((row) => ({ cursor: cursorOf(row), node: nodeOf(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges.at(0)?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}

/**
 * A list's connection from its paging arguments: `after` is decoded (and refused if it is not a
 * cursor of this list and order) before `load` runs any query.
 */
export async function pagedConnection<TOrder extends string, TKey extends readonly string[], TRow, TNode>(
  args: { first: number; after?: string | null },
  { codec, order, parent }: { codec: CursorCodec<TOrder, TKey>; order: TOrder; parent?: string },
  load: (request: PageRequest<TKey>) => Promise<Page<TRow>>,
  keyOf: (row: TRow) => [...TKey],
  nodeOf: (row: TRow) => TNode,
): Promise<Connection<TNode>> {
  const page = await load({ first: args.first, after: codec.decode(args.after, order, parent) });
  return toConnection(page, (row) => codec.encode(order, keyOf(row), parent), nodeOf);
}
