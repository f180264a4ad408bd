import { graphql, GraphQLID, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { guardTextArguments, MAX_TEXT_LENGTH } from './text-guard';

const FileInput = new GraphQLInputObjectType({
  name: 'FileInput',
  fields: {
    path: { type: GraphQLString },
    content: { type: GraphQLString, extensions: { bulkText: true } },
  },
});

const Input = new GraphQLInputObjectType({
  name: 'Input',
  fields: {
    name: { type: GraphQLString },
    slug: { type: GraphQLString, extensions: { ownTextRule: true } },
    files: { type: new GraphQLList(new GraphQLNonNull(FileInput)) },
  },
});

let resolved = 0;
const schema = guardTextArguments(
  new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: GraphQLString,
          args: { input: { type: Input }, filter: { type: Input }, userId: { type: GraphQLID }, tags: { type: new GraphQLList(GraphQLString) } },
          resolve: () => {
            resolved += 1;
            return 'ok';
          },
        },
      },
    }),
  }),
);

async function answer(variables: Record<string, unknown>): Promise<{ field?: unknown; message: string } | 'ok'> {
  const before = resolved;
  const result = await graphql({
    schema,
    source: 'query($input: Input, $filter: Input, $userId: ID, $tags: [String]) { echo(input: $input, filter: $filter, userId: $userId, tags: $tags) }',
    variableValues: variables,
  });
  const error = result.errors?.[0]?.originalError;
  if (!error) {
    expect(result.errors).toBeUndefined();
    return result.data?.echo as 'ok';
  }
  expect(error).toBeInstanceOf(DomainError);
  expect(resolved).toBe(before); // refused before the resolver ran
  return { field: (error as DomainError).details.field, message: error.message };
}

describe('guardTextArguments', () => {
  it('lets well-formed text, ids and nulls through', async () => {
    expect(
      await answer({ input: { name: 'Lab 😀', files: [{ path: 'a.txt', content: 'x' }] }, userId: '0b0e6a4c-4a8b-4f6e-9d5c-2f6c1b0c9e11', tags: ['a', null] }),
    ).toBe('ok');
    expect(await answer({})).toBe('ok');
  });

  it.each([
    [{ input: { name: 'a\u0000b' } }, 'name', /NUL/],
    [{ filter: { name: 'a\u0000b' } }, 'filter.name', /NUL/],
    [{ input: { files: [{ path: 'ok' }, { path: '\ud800' }] } }, 'files[1].path', /surrogate/],
    [{ tags: ['fine', 'x'.repeat(MAX_TEXT_LENGTH + 1)] }, 'tags[1]', /at most 10000/],
    [{ userId: 'zzz' }, 'userId', /must be an id \(a UUID\)/],
  ])('refuses %j naming %s', async (variables, field, message) => {
    const refusal = await answer(variables);
    expect(refusal).toMatchObject({ field });
    expect(refusal !== 'ok' && refusal.message).toMatch(message);
  });

  it('leaves bulk documents and fields with their own rule to the code that reads them', async () => {
    expect(await answer({ input: { slug: 'a\u0000b', files: [{ path: 'a.txt', content: 'x\u0000'.repeat(MAX_TEXT_LENGTH) }] } })).toBe('ok');
  });
});
