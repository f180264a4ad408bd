import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFieldNames, selectsPath } from './selection';

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

describe('selectedFieldNames', () => {
  it('names every field asked for at the path, through fragments and aliases, without __typename', () => {
    const info = infoOf('{ list { edges { node { __typename s: slug ...N } } edges { node { ... on Node { deployments } } } } } fragment N on Node { slug }');
    expect([...selectedFieldNames(info, ['edges', 'node'])].sort()).toEqual(['deployments', 'slug']);
  });

  it('is empty when the path is not asked for', () => {
    expect(selectedFieldNames(infoOf('{ list { totalCount } }'), ['edges', 'node']).size).toBe(0);
  });
});
