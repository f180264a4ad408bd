import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsPath } from './selection';

const schema = buildSchema(`
  type Node { slug: String deployments: [String] }
  type Edge { node: Node }
  type Connection { edges: [Edge] totalCount: Int }
  type Query { list: Connection }
`);

/** The resolve info of `list` for this query. */
function infoOf(query: string): GraphQLResolveInfo {
  let captured: GraphQLResolveInfo | undefined;
  void execute({
    schema,
    document: parse(query),
    rootValue: { list: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => ((captured = info), null) },
  });
  return captured!;
}

describe('selectsPath', () => {
  it('finds a field asked for directly, through an inline fragment or through a named fragment', () => {
    expect(selectsPath(infoOf('{ list { edges { node { deployments } } } }'), ['edges', 'node', 'deployments'])).toBe(true);
    expect(selectsPath(infoOf('{ list { edges { node { ... on Node { deployments } } } } }'), ['edges', 'node', 'deployments'])).toBe(true);
    expect(selectsPath(infoOf('{ list { edges { ...E } } } fragment E on Edge { node { deployments } }'), ['edges', 'node', 'deployments'])).toBe(true);
  });

  it('says no when the field is not asked for', () => {
    expect(selectsPath(infoOf('{ list { edges { node { slug } } totalCount } }'), ['edges', 'node', 'deployments'])).toBe(false);
    expect(selectsPath(infoOf('{ list { totalCount } }'), ['edges', 'node', 'deployments'])).toBe(false);
  });
});
