/**
 * The checked-in graphql/schema.graphql must be what the service serves. `npm run schema:emit`
 * rewrites it (this test with UPDATE_SCHEMA=1).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../setup/test-app';

const SCHEMA_FILE = join(__dirname, '..', '..', 'graphql', 'schema.graphql');
const HEADER = '# Generated from the code by `npm run schema:emit`. Do not edit by hand.\n\n';

describe('GraphQL schema file', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => service.close());

  it('matches the schema the service serves', () => {
    const served = HEADER + printSchema(lexicographicSortSchema(service.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') {
      mkdirSync(join(SCHEMA_FILE, '..'), { recursive: true });
      writeFileSync(SCHEMA_FILE, served);
    }
    const checkedIn = readFileSync(SCHEMA_FILE, 'utf8');
    expect(checkedIn, 'graphql/schema.graphql is stale: run `npm run schema:emit` and commit it').toBe(served);
  });
});
