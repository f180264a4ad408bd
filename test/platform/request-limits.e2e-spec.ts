/**
 * Issue 13, items 1 and 2: the abuse cases that took the service down, reproduced against the
 * real service. Each must be refused before any work starts, clearly (code, limit, measured
 * value), within a second, and leave the server's memory where it was.
 *
 * The service runs in this process (startTestService), so its memory is this process's: heap
 * plus external memory (request bodies and Buffers live there), after a forced garbage collection.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../src/auth/auth.service';
import { Role } from '../../src/auth/role';
import { CatalogResponseCache } from '../../src/releases/catalog-response-cache';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type GraphQLResponse, type TestService } from '../setup/test-app';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const MB = 1000 * 1000;
const MiB = 1024 * 1024;

function memoryInUse(): number {
  collectGarbage();
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** Runs the abuse and checks the server's memory comes back within 50 MB of where it started. */
async function expectMemoryBack(abuse: () => Promise<void>): Promise<void> {
  const before = memoryInUse();
  await abuse();
  const after = memoryInUse();
  expect(after - before, `memory grew by ${((after - before) / MB).toFixed(1)} MB`).toBeLessThan(50 * MB);
}

/** Sends a request and returns its answer with how long it took (the acceptance bound is one second). */
async function timed<T>(send: () => Promise<T>): Promise<{ response: T; ms: number }> {
  const started = performance.now();
  const response = await send();
  return { response, ms: performance.now() - started };
}

function expectRefusal(response: GraphQLResponse, code: string, limit: string | null, message: RegExp): Record<string, any> {
  expect(response.data ?? null).toBeNull();
  expect(response.errors, JSON.stringify(response.errors)).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions?.code).toBe(code);
  expect(error.message).toMatch(message);
  if (limit !== null) expect(error.extensions?.limit).toBe(limit);
  return error.extensions!;
}

const aliased = (count: number, field: (index: number) => string) => Array.from({ length: count }, (_, index) => `a${index}: ${field(index)}`).join('\n');

describe('request limits', () => {
  let service: TestService;
  let cache: CatalogResponseCache;

  beforeAll(async () => {
    service = await startTestService({ env: { CATALOG_CACHE_MAX_BYTES: String(256 * 1024) } });
    await seedCatalog(service.dataSource, service.clock.now());
    cache = service.app.get(CatalogResponseCache);
  });
  afterAll(async () => service.close());

  describe('item 1: the anonymous catalog cache', () => {
    it('refuses variables the query does not declare, naming them, and keeps nothing of them', async () => {
      await service.gql('{ supportedReleases { version } }'); // the answer itself is cached once
      const bytesBefore = cache.bytes;
      await expectMemoryBack(async () => {
        for (let request = 0; request < 8; request++) {
          const padding = String(request).repeat(3 * MB);
          const { response, ms } = await timed(() => service.gql('{ supportedReleases { version } }', { padding }));
          expect(response.status).toBe(400);
          const extensions = expectRefusal(response, 'BAD_USER_INPUT', null, /Variable "\$padding" is not declared by the operation/);
          expect(extensions.field).toBe('padding');
          expect(ms).toBeLessThan(1000);
        }
      });
      expect(cache.bytes).toBe(bytesBefore);
    });

    it('stays within CATALOG_CACHE_MAX_BYTES however many different answers are asked for', async () => {
      const query = 'query($on: Date!) { releases(on: $on) { version status notes packages { name version } } }';
      const firstAnswer = await service.gql(query, { on: '2020-01-01' });
      expect(firstAnswer.errors).toBeUndefined();
      expect(JSON.stringify(firstAnswer.data).length).toBeGreaterThan(2000);
      await expectMemoryBack(async () => {
        for (let day = 0; day < 300; day++) {
          const on = new Date(Date.UTC(2018, 0, 1 + day)).toISOString().slice(0, 10);
          expect((await service.gql(query, { on })).errors).toBeUndefined();
          expect(cache.bytes).toBeLessThanOrEqual(256 * 1024);
        }
      });
      expect(cache.bytes).toBeGreaterThan(128 * 1024); // it did fill up: the bound is what held it
    });

    it('neither caches nor hashes a large request, such as a query padded with a long comment', async () => {
      const entriesBefore = cache.size;
      await expectMemoryBack(async () => {
        for (let request = 0; request < 5; request++) {
          const padded = `# ${String(request).repeat(2 * MB)}\n{ recommendedRelease { version } }`;
          const { response, ms } = await timed(() => service.gql(padded));
          expect(response.errors).toBeUndefined();
          expect(ms).toBeLessThan(1000);
        }
      });
      expect(cache.size).toBe(entriesBefore);
    });

    it('keys answers on the normalised document: another spelling of the same query finds the same answer', async () => {
      const spelt = '{ recommendedRelease { version } }';
      const respelt = `# the same query\n{\n  recommendedRelease {\n    version\n  }\n}`;
      const first = await service.gql(spelt);
      const entriesAfterFirst = cache.size;
      const second = await service.gql(respelt);
      expect(second.data).toEqual(first.data);
      // Only a pointer from the new spelling to the stored answer was added, not a second answer.
      expect(cache.size).toBe(entriesAfterFirst + 1);
    });

    it('answers a repeated anonymous catalog query before GraphQL with the bytes GraphQL sent', async () => {
      const body = JSON.stringify({ query: 'query Fast { supportedReleases { version endOfSupport } }' });
      const send = () => fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const executed = await send();
      const cached = await send();
      expect(cached.status).toBe(executed.status);
      expect(cached.headers.get('content-type')).toBe(executed.headers.get('content-type'));
      expect(await cached.text()).toBe(await executed.text());
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toMatch(/pype_graphql_operations_total\{operation="Fast",type="query",outcome="success"\} 2/);
    });
  });

  describe('item 2: work per request is bounded before it starts', () => {
    const scanAliases = (count: number) => `query($c: String!) { ${aliased(count, () => 'scanRequirements(content: $c) { summary { errors } }')} }`;
    const oneMegabyteOfRequirements = 'requests==2.21.0\n'.repeat(Math.floor((1024 * 1024) / 17));

    it('refuses 150 aliases of scanRequirements over one 1 MB variable, naming GRAPHQL_MAX_ALIASES', async () => {
      await expectMemoryBack(async () => {
        const { response, ms } = await timed(() => service.gql(scanAliases(150), { c: oneMegabyteOfRequirements }));
        expect(response.status).toBe(400);
        const extensions = expectRefusal(response, 'BAD_USER_INPUT', 'GRAPHQL_MAX_ALIASES', /150 aliases; at most 50/);
        expect(extensions).toMatchObject({ allowed: 50, measured: 150 });
        expect(ms).toBeLessThan(1000);
      });
    });

    it('applies SCAN_MAX_UPLOAD_BYTES to all scans of a request together', async () => {
      const c = 'six==1.16.0\n'.repeat(Math.ceil((600 * 1024) / 12)); // 600 KiB: one is fine, two are not
      await expectMemoryBack(async () => {
        const { response, ms } = await timed(() => service.gql(scanAliases(2), { c }));
        const extensions = expectRefusal(response, 'BAD_USER_INPUT', 'SCAN_MAX_UPLOAD_BYTES', /to 2 scans; at most 1048576 bytes/);
        expect(extensions.measured).toBe(2 * Buffer.byteLength(c));
        expect(ms).toBeLessThan(1000);
      });
      expect((await service.gql(scanAliases(1), { c })).errors).toBeUndefined();
    });

    it('refuses 500 aliases of maintenanceWindows over two years', async () => {
      const query = `{ ${aliased(500, () => 'maintenanceWindows(from: "2026-01-01", to: "2027-12-31") { start }')} }`;
      await expectMemoryBack(async () => {
        const { response, ms } = await timed(() => service.gql(query));
        expectRefusal(response, 'BAD_USER_INPUT', 'GRAPHQL_MAX_ALIASES', /500 aliases/);
        expect(ms).toBeLessThan(1000);
      });
    });

    it('refuses maintenanceWindows over two years 30 times in one query by its cost', async () => {
      const query = `{ ${aliased(30, () => 'maintenanceWindows(from: "2026-01-01", to: "2027-12-31") { start }')} }`;
      const { response, ms } = await timed(() => service.gql(query));
      const extensions = expectRefusal(response, 'BAD_USER_INPUT', 'GRAPHQL_MAX_COST', /estimated cost is \d+ .*at most 200000/);
      expect(extensions.measured).toBeGreaterThan(200_000);
      expect(ms).toBeLessThan(1000);
    });

    it('refuses 5 000 aliases of findingCodes by the size of the document, before parsing it', async () => {
      const query = `{ ${aliased(5000, () => 'findingCodes { code title }')} }`;
      await expectMemoryBack(async () => {
        const { response, ms } = await timed(() => service.gql(query));
        expect(response.status).toBe(400);
        const extensions = expectRefusal(response, 'BAD_USER_INPUT', 'GRAPHQL_MAX_TOKENS', /more than 10000 tokens/);
        expect(extensions).toMatchObject({ allowed: 10_000, measured: 10_001 });
        expect(ms).toBeLessThan(1000);
      });
      const fewer = await service.gql(`{ ${aliased(60, () => 'findingCodes { code }')} }`);
      expectRefusal(fewer, 'BAD_USER_INPUT', 'GRAPHQL_MAX_ALIASES', /60 aliases/);
    });

    it('refuses aliased applications pages with their snapshots files as a manager, by cost', async () => {
      const manager = await service.tokenFor([Role.MANAGER]);
      const page = 'applications(first: 200) { edges { node { slug snapshots { edges { node { files { path } } } } } } }';
      const one = await service.gql(`{ ${page} }`, {}, manager);
      expect(one.errors).toBeUndefined();
      // One page costs about 66 000 (200 × 25 snapshots × 10 files): 5 exceed the cost, 200 the aliases.
      for (const count of [5, 200]) {
        await expectMemoryBack(async () => {
          const { response, ms } = await timed(() => service.gql(`{ ${aliased(count, () => page)} }`, {}, manager));
          expectRefusal(response, 'BAD_USER_INPUT', count > 50 ? 'GRAPHQL_MAX_ALIASES' : 'GRAPHQL_MAX_COST', /at most/);
          expect(ms).toBeLessThan(1000);
        });
      }
    });

    it('refuses a query nested deeper than GRAPHQL_MAX_DEPTH', async () => {
      const nested = (levels: number): string => (levels === 0 ? 'name' : `name ofType { ${nested(levels - 1)} }`);
      const { response } = await timed(() => service.gql(`{ __schema { types { ${nested(20)} } } }`));
      const extensions = expectRefusal(response, 'BAD_USER_INPUT', 'GRAPHQL_MAX_DEPTH', /23 deep; at most 20/);
      expect(extensions).toMatchObject({ allowed: 20, measured: 23 });
    });

    it('still answers the standard introspection query', async () => {
      const { getIntrospectionQuery } = await import('graphql');
      const response = await service.gql(getIntrospectionQuery());
      expect(response.errors).toBeUndefined();
    });
  });
});

describe('the request deadline', () => {
  const UNLIMITED = { GRAPHQL_MAX_COST: '100000000', GRAPHQL_MAX_ALIASES: '1000', GRAPHQL_MAX_TOKENS: '100000' };
  let service: TestService;
  let patient: TestService;

  beforeAll(async () => {
    service = await startTestService({ env: { GRAPHQL_REQUEST_TIMEOUT_MS: '100', ...UNLIMITED } });
    patient = await startTestService({ env: { GRAPHQL_REQUEST_TIMEOUT_MS: '600000', ...UNLIMITED } });
  });
  afterAll(async () => {
    await service.close();
    await patient.close();
  });

  it('stops starting fields once GRAPHQL_REQUEST_TIMEOUT_MS has passed', async () => {
    // Each alias walks two years of the calendar; 300 of them take seconds.
    const query = `{ ${aliased(300, () => 'maintenanceWindows(from: "2026-01-01", to: "2027-12-31") { start }')} }`;
    const response = await service.gql(query);
    const stopped = response.errors!.filter((error) => error.extensions?.limit === 'GRAPHQL_REQUEST_TIMEOUT_MS');
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped[0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(stopped[0].message).toMatch(/run longer than GRAPHQL_REQUEST_TIMEOUT_MS \(100 ms\); a\d+ was not resolved/);
  });

  it('stops starting fields once the client has gone', async () => {
    // Seconds of work; the client leaves long before. Had the server gone on, the operation would succeed.
    const query = `query ClientGone { ${aliased(300, () => 'maintenanceWindows(from: "2026-01-01", to: "2027-12-31") { start }')} }`;
    const leaving = new AbortController();
    const sent = fetch(`${patient.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: leaving.signal,
    }).catch(() => 'aborted');
    setTimeout(() => leaving.abort(), 200);
    expect(await sent).toBe('aborted');
    const outcome = async () =>
      /pype_graphql_operations_total\{operation="ClientGone",type="query",outcome="(\w+)"\} 1/.exec(await (await fetch(`${patient.url}/metrics`)).text())?.[1];
    let seen: string | undefined;
    for (let attempt = 0; attempt < 100 && seen === undefined; attempt++) {
      seen = await outcome();
      if (seen === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen).toBe('error');
  });
});

describe('anonymous rate limit', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ env: { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '60', RATE_LIMIT_ANONYMOUS_BURST: '3' } });
  });
  afterAll(async () => service.close());

  const send = (headers: Record<string, string> = {}) =>
    fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('answers 429 with Retry-After and a GraphQL error once a client has used its burst', async () => {
    const client = { 'x-forwarded-for': '198.51.100.7' };
    for (let request = 0; request < 3; request++) expect((await send(client)).status).toBe(200);
    const refused = await send(client);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    const body = (await refused.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    expect(body.errors[0].message).toMatch(/at most 60 a minute \(RATE_LIMIT_ANONYMOUS_PER_MINUTE\)/);

    // Another client, and callers with a token, are not affected.
    expect((await send({ 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
    const token = await service.tokenFor([Role.DEVELOPER]);
    expect((await send({ ...client, authorization: `Bearer ${token}` })).status).toBe(200);
  });
});

describe('failed-authentication rate limit', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({
      env: {
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '60',
        RATE_LIMIT_ANONYMOUS_BURST: '3',
        RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '60',
        RATE_LIMIT_FAILED_AUTH_BURST: '3',
      },
    });
  });
  afterAll(async () => service.close());

  const send = (headers: Record<string, string>) =>
    fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ supportedReleases { version } }' }),
    });

  it('answers a flood of bogus tokens 429 with Retry-After, like an anonymous flood', async () => {
    const client = { 'x-forwarded-for': '198.51.100.20' };
    for (let request = 0; request < 3; request++) {
      const refused = await send({ ...client, authorization: `Bearer bogus-${request}` });
      expect(refused.status).toBe(200);
      const body = (await refused.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    for (const authorization of ['Bearer bogus-3', 'Basic dXNlcjpwdw==']) {
      const limited = await send({ ...client, authorization });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      const body = (await limited.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
      expect(body.errors[0].message).toMatch(/does not authenticate .* at most 60 a minute \(RATE_LIMIT_FAILED_AUTH_PER_MINUTE\)/);
    }
  });

  it('leaves valid tokens alone, however many they send', async () => {
    const token = await service.tokenFor([Role.DEVELOPER]);
    const client = { 'x-forwarded-for': '198.51.100.21', authorization: `Bearer ${token}` };
    for (let request = 0; request < 10; request++) expect((await send(client)).status).toBe(200);
    // Nor does another client's flood of bogus tokens touch them.
    for (let request = 0; request < 5; request++) await send({ 'x-forwarded-for': '198.51.100.22', authorization: 'Bearer bogus' });
    expect((await send(client)).status).toBe(200);
  });

  it('looks a valid token up once per request: before the body is read, and the guard uses that', async () => {
    const token = await service.tokenFor([Role.DEVELOPER]);
    const auth = service.app.get(AuthService);
    const lookups: (string | undefined)[] = [];
    const authenticate = auth.authenticate.bind(auth);
    auth.authenticate = (header) => (lookups.push(header), authenticate(header));
    try {
      const answer = await service.gql<{ me: { label: string } }>('{ me { label } }', {}, token);
      expect(answer.data?.me.label).toMatch(/@example\.edu$/);
    } finally {
      auth.authenticate = authenticate;
    }
    expect(lookups).toEqual([`Bearer ${token}`]);
  });
});

describe('anonymous body limit', () => {
  let service: TestService;
  const limit = 2 * MiB + MiB; // the default: 2 × SCAN_MAX_UPLOAD_BYTES (1 MiB) + 1 MiB

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => service.close());

  const scanBody = (bytes: number) =>
    JSON.stringify({ query: 'query($c: String!) { scanRequirements(content: $c) { summary { errors } } }', variables: { c: 'x'.repeat(bytes) } });

  async function post(
    body: string | ReadableStream<Uint8Array>,
    headers: Record<string, string> = {},
    path = '/graphql',
  ): Promise<{ status: number; json: any }> {
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    });
    return { status: response.status, json: await response.json() };
  }

  function expectAnonymousRefusal(answer: { status: number; json: any }): void {
    expect(answer.status).toBe(413);
    expect(answer.json.errors).toHaveLength(1);
    const [error] = answer.json.errors;
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'ANONYMOUS_BODY_LIMIT_BYTES', limitBytes: limit, scanMaxUploadBytes: MiB });
    expect(error.message).toContain(`${limit} bytes`);
    expect(error.message).toContain('SCAN_MAX_UPLOAD_BYTES');
  }

  it('refuses 20 concurrent anonymous bodies of twice the limit with 413 before reading them', async () => {
    const body = scanBody(2 * limit);
    await expectMemoryBack(async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(body)));
      for (const answer of answers) expectAnonymousRefusal(answer);
    });
  });

  /** A JSON body twice the limit, sent chunked (fetch sends a stream without Content-Length). */
  function chunkedBody(): ReadableStream<Uint8Array> {
    const chunk = new TextEncoder().encode('x'.repeat(MiB));
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"query":"{ __typename }","variables":{"c":"'));
        if (sent >= 2 * limit) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
  }

  it('caps an anonymous body without Content-Length (chunked) while it streams', async () => {
    expectAnonymousRefusal(await post(chunkedBody()));
  });

  it('reads no large body on any other path, with or without a token (no other route takes a body)', async () => {
    const body = scanBody(2 * limit);
    const token = await service.tokenFor([Role.ADMIN]);
    await expectMemoryBack(async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, index) => post(body, index % 2 ? { authorization: `Bearer ${token}` } : {}, '/no-such-path')),
      );
      answers.push(await post(chunkedBody(), {}, '/healthz'));
      for (const answer of answers) {
        expect(answer.status).toBe(413);
        expect(answer.json).toMatchObject({ statusCode: 413, error: 'Payload Too Large', message: expect.stringContaining('ANONYMOUS_BODY_LIMIT_BYTES') });
      }
    });
  });

  it('treats a token that does not authenticate as anonymous, and keeps the larger limit for valid tokens', async () => {
    expectAnonymousRefusal(await post(scanBody(limit + 1), { authorization: 'Bearer bogus' }));
    const token = await service.tokenFor([Role.DEVELOPER]);
    const answer = await post(scanBody(limit + 1), { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    expect(answer.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
  });

  it('still reads an anonymous body within the limit', async () => {
    const answer = await post(scanBody(limit - 2 * 1024));
    expect(answer.status).toBe(200);
    expect(answer.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
  });
});
