import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { NewestFirstPage } from '../database/newest-first-page';

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
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

/** The GraphQL types `<Name>Edge` and `<Name>Connection` of a Relay-style connection of `node`. */
export function connectionOf<TNode>(node: Type<TNode>, name: string): Type<Connection<TNode>> {
  @ObjectType(`${name}Edge`)
  class EdgeModel implements Edge<TNode> {
    @Field()
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

    @Field(() => Int)
    totalCount!: number;
  }

  return ConnectionModel;
}

/** A page of rows as a connection: each row's cursor and node, and where the page ends. */
export function toConnection<TRow, TNode>(page: NewestFirstPage<TRow>, cursorOf: (row: TRow) => string, nodeOf: (row: TRow) => TNode): Connection<TNode> {
  const edges = page.items.map((row) => ({ cursor: cursorOf(row), node: nodeOf(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}
