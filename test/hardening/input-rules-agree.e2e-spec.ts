/**
 * One set of input rules: the same value for an application field gets the same answer from
 * createApplication over GraphQL and from the inventory import (JSON, dry run), both through the
 * running service: both accept it, or both refuse it with the same message.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { CREATE_APPLICATION, CREATE_GROUP, gqlOk, IMPORT_INVENTORY } from '../applications/support';

const BASE = { name: 'Lab Tools', department: 'Physics', group: 'physics' };

const TRICKY = [
  '',
  '   ',
  'a\u0000b',
  'x\ud800',
  '\udc00y',
  'tab\there',
  'two\nlines',
  'bell\u0007',
  'Ünïcödé 😀',
  ' padded ',
  'Physics  Dept',
  'UPPER',
  'my app',
  '-dash',
  'dash-',
  'ok-slug',
  'x'.repeat(65),
  'x'.repeat(201),
  'y\n'.repeat(1001),
  'z'.repeat(12_000),
  '😀'.repeat(100),
  'https://github.example.edu/org/repo',
  'https://user:pw@github.example.edu/org/repo',
  'https://ghp_token@github.example.edu/org/repo',
  'git+https://github.example.edu/org/repo.git',
  'git+https://tok@github.example.edu/org/repo.git',
  'git@github.example.edu:org/repo.git',
  'ssh://git:pw@github.example.edu/repo',
  'ftp://github.example.edu/repo',
  'C:\\repo',
  `https://example.edu/${'a'.repeat(2100)}`,
  'Ada <ada@example.edu>',
  'ada@example.edu',
  'ADA@Example.EDU',
  'a@b',
  'a@@b.edu',
  'ada@example.edu;bob@example.edu',
  'ada@exa mple.edu',
];

const anyText = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 250 }),
);

interface FieldUnderTest {
  /** The field of CreateApplicationInput and the key of a JSON import entry. */
  key: 'slug' | 'name' | 'department' | 'description' | 'repositoryUrl' | 'contacts';
  values: fc.Arbitrary<string>;
}

const FIELDS: FieldUnderTest[] = [
  { key: 'slug', values: fc.oneof(anyText, fc.stringMatching(/^[a-zA-Z0-9 _-]{1,70}$/)) },
  { key: 'name', values: anyText },
  { key: 'department', values: anyText },
  { key: 'description', values: anyText },
  {
    key: 'repositoryUrl',
    values: fc.oneof(anyText, fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.webUrl({ authoritySettings: { withUserInfo: true } })),
  },
  { key: 'contacts', values: fc.oneof(anyText, fc.emailAddress()) },
];

describe('GraphQL and the import apply the same input rules', () => {
  let service: TestService;
  let counter = 0;

  beforeAll(async () => {
    service = await startTestService();
    await gqlOk(service, CREATE_GROUP, { input: { slug: 'physics', name: 'Physics' } });
  });
  afterAll(async () => service.close());

  /** The message GraphQL refuses the value with, or null if the value passed the input rules. */
  async function graphqlAnswer(entry: Record<string, unknown>): Promise<string | null> {
    const response = await service.gql(CREATE_APPLICATION, { input: entry }, BOOTSTRAP_TOKEN);
    const error = response.errors?.[0];
    expect(response.status).toBe(200);
    if (!error) return null;
    // A taken slug passed the rules: it only conflicts with an earlier run.
    if (error.extensions?.code === 'CONFLICT') return null;
    expect(error.extensions?.code, error.message).toBe('BAD_USER_INPUT');
    return error.message;
  }

  /** The message the import refuses the value with (at its place in the file), or null. */
  async function importAnswer(entry: Record<string, unknown>, key: string): Promise<string | null> {
    const content = JSON.stringify({ applications: [entry] });
    const response = await service.gql(IMPORT_INVENTORY, { format: 'JSON', content, dryRun: true }, BOOTSTRAP_TOKEN);
    if (!response.errors) return null;
    expect(response.errors[0].extensions?.code, response.errors[0].message).toBe('BAD_USER_INPUT');
    const errors = (response.errors[0].extensions?.errors ?? []) as { path?: string; message: string }[];
    const place = key === 'contacts' ? 'applications[0].contacts[0]' : `applications[0].${key}`;
    return errors.find((error) => error.path === place)?.message ?? null;
  }

  it.each(FIELDS)('$key: accepted by both or refused by both with the same message', async ({ key, values }) => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        counter += 1;
        const entry: Record<string, unknown> = { ...BASE, slug: `agree-${counter}`, [key]: key === 'contacts' ? [value] : value };
        const [fromGraphql, fromImport] = [await graphqlAnswer(entry), await importAnswer(entry, key)];
        expect({ value, message: fromImport }).toEqual({ value, message: fromGraphql });
        seen[fromGraphql === null ? 'accepted' : 'refused'] += 1;
      }),
      { numRuns: 40, seed: 20261206 + key.length },
    );
    // Both answers were exercised, so agreement is not agreement on one side only.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
