/**
 * Concurrent creations of the same thing: one wins, every other caller gets CONFLICT naming the
 * field (never INTERNAL_SERVER_ERROR from a unique violation the service's own check could not see).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type GraphQLResponse, type TestService } from '../setup/test-app';
import { CREATE_APPLICATION, CREATE_GROUP, gqlOk } from '../applications/support';

const RACERS = 30;

interface Race {
  name: string;
  query: string;
  input: (attempt: number) => Record<string, unknown>;
  field: string;
}

const RACES: Race[] = [
  {
    name: 'createUser with one e-mail',
    query: `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    input: (attempt) => ({ input: { email: 'Same.Person@example.edu', displayName: `Racer ${attempt}` } }),
    field: 'email',
  },
  {
    name: 'createGroup with one slug',
    query: CREATE_GROUP,
    input: (attempt) => ({ input: { slug: 'racing-team', name: `Team ${attempt}` } }),
    field: 'slug',
  },
  {
    name: 'createApplication with one slug',
    query: CREATE_APPLICATION,
    input: (attempt) => ({ input: { slug: 'racing-app', name: `App ${attempt}`, department: 'Physics', group: 'home-team' } }),
    field: 'slug',
  },
  {
    name: 'createReleaseDraft with one version',
    query: `mutation($input: CreateReleaseDraftInput!) { createReleaseDraft(input: $input) { version } }`,
    input: (attempt) => ({
      input: {
        version: '312.7.0',
        pythonVersion: '3.12.7',
        track: 'LTS',
        generalAvailability: '2027-01-04',
        endOfSupport: '2029-12-31',
        notes: `Draft ${attempt}`,
      },
    }),
    field: 'version',
  },
];

describe('racing creations', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
    await seedCatalog(service.dataSource, service.clock.now());
    await gqlOk(service, CREATE_GROUP, { input: { slug: 'home-team', name: 'Home team' } });
  });
  afterAll(async () => service.close());

  it.each(RACES)('$name: exactly one wins, every other caller gets CONFLICT naming $field', async ({ query, input, field }) => {
    const responses: GraphQLResponse[] = await Promise.all(Array.from({ length: RACERS }, (_, attempt) => service.gql(query, input(attempt), BOOTSTRAP_TOKEN)));
    const winners = responses.filter((response) => response.errors === undefined);
    const losers = responses.filter((response) => response.errors !== undefined);
    expect(winners).toHaveLength(1);
    expect(losers.map((response) => response.errors![0].extensions)).toEqual(
      Array.from({ length: RACERS - 1 }, () => expect.objectContaining({ code: 'CONFLICT', field })),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
  });
});
