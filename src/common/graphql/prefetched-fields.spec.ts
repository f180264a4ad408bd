import { GraphQLObjectType, GraphQLSchema, GraphQLString, execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { answerPrefetchedFieldsFirst, withPrefetched } from './prefetched-fields';

function schemaWith(resolveGroup: () => string, extensions: Record<string, unknown> = { prefetchable: true }): GraphQLSchema {
  const node = new GraphQLObjectType({
    name: 'Node',
    fields: { slug: { type: GraphQLString }, group: { type: GraphQLString, extensions, resolve: resolveGroup } },
  });
  return answerPrefetchedFieldsFirst(new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { node: { type: node } } }) }));
}

describe('answerPrefetchedFieldsFirst', () => {
  it('answers a prefetched value without calling the resolver, and calls it for a node without one', async () => {
    let calls = 0;
    const schema = schemaWith(() => `resolved ${++calls}`);
    const document = parse('{ node { slug group } }');
    const prefetched = await execute({ schema, document, rootValue: { node: withPrefetched({ slug: 'a' }, { group: 'read with the page' }) } });
    expect(prefetched.data).toEqual({ node: { slug: 'a', group: 'read with the page' } });
    expect(calls).toBe(0);
    const plain = await execute({ schema, document, rootValue: { node: { slug: 'b' } } });
    expect(plain.data).toEqual({ node: { slug: 'b', group: 'resolved 1' } });
  });

  it('calls the resolver for a field the parent did not prefetch, and for fields not marked prefetchable', async () => {
    let calls = 0;
    const schema = schemaWith(() => `resolved ${++calls}`, {});
    const result = await execute({ schema, document: parse('{ node { group } }'), rootValue: { node: withPrefetched({}, { group: 'ignored' }) } });
    expect(result.data).toEqual({ node: { group: 'resolved 1' } });
  });
});
