import { buildSchema, getIntrospectionQuery, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldCosts } from './field-costs';
import { measureOperation, undeclaredVariables } from './operation-cost';
import { exceededLimit } from './request-limits.plugin';
import { RequestDeadline } from './request-deadline';

const schema = buildSchema(`
  type Query {
    scanRequirements(content: String!): Report!
    maintenanceWindows(from: String!, to: String!): [Window!]!
    applications(first: Int! = 50): ApplicationConnection!
    findingCodes: [Code!]!
  }
  type Mutation { submitRequirements(input: SubmitInput!): Report! }
  input SubmitInput { files: [FileInput!]! }
  input FileInput { path: String! content: String! }
  type Report { errors: Int! }
  type Window { start: String! }
  type Code { code: String! }
  type ApplicationConnection { edges: [ApplicationEdge!]! }
  type ApplicationEdge { node: Application! }
  type Application { slug: String! snapshots(first: Int! = 20): [Snapshot!]! }
  type Snapshot { files: [File!]! }
  type File { path: String! }
`);

function measure(document: string, variables: Record<string, unknown> = {}, maxFields?: number) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    parsed.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  ) as Record<string, FragmentDefinitionNode>;
  return measureOperation(schema, operation, fragments, variables, fieldCosts(1024 * 1024), maxFields);
}

const LIMITS = { maxAliases: 50, maxDepth: 20, maxCost: 50_000, maxScanBytes: 1024 * 1024 };

describe('measureOperation', () => {
  it('counts one per object asked for, lists by their first or an assumed 10, connections once', () => {
    const measures = measure('{ applications(first: 200) { edges { node { slug snapshots { files { path } } } } } }');
    // applications 1; edges, node, slug, snapshots 200 each; files 200×20; path 200×20×10
    expect(measures.cost).toBe(1 + 4 * 200 + 4000 + 40_000);
    expect(measures.depth).toBe(6);
    expect(measures.aliases).toBe(0);
  });

  it('counts aliases and fragments once per place they are used', () => {
    const measures = measure('query { a: findingCodes { ...F } b: findingCodes { ...F } } fragment F on Code { c: code }');
    expect(measures.aliases).toBe(4);
    expect(measures.cost).toBe(2 * (1 + 10));
  });

  it('costs scans by their size and adds up the bytes of every scan, variables included', () => {
    const content = 'x'.repeat(10 * 1024);
    const measures = measure('query($c: String!) { a: scanRequirements(content: $c) { errors } b: scanRequirements(content: $c) { errors } }', { c: content });
    expect(measures.scanBytes).toBe(20 * 1024);
    expect(measures.scanFields).toBe(2);
    expect(measures.cost).toBe(2 * (1 + 100 + 1));
    const submitted = measure('mutation($i: SubmitInput!) { submitRequirements(input: $i) { errors } }', {
      i: {
        files: [
          { path: 'a', content: 'é' },
          { path: 'b', content: 'xy' },
        ],
      },
    });
    expect(submitted.scanBytes).toBe(4);
  });

  it('costs maintenanceWindows by the days it walks', () => {
    expect(measure('{ maintenanceWindows(from: "2026-01-01", to: "2026-01-10") { start } }').cost).toBe(1 + 100 + 10);
  });

  it('stops after maxFields fields, so exponential fragment spreads are cheap to refuse', () => {
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Code { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const measures = measure(`{ findingCodes { ...F0 } } ${fragments} fragment F30 on Code { code }`, {}, 1000);
    expect(measures.stopped).toBe(true);
    expect(measures.cost).toBeGreaterThan(1000);
  });

  it('lets the standard introspection query through the default limits', () => {
    const parsed = parse(getIntrospectionQuery());
    const operation = parsed.definitions[0] as OperationDefinitionNode;
    const fragments = Object.fromEntries(parsed.definitions.slice(1).map((fragment) => [(fragment as FragmentDefinitionNode).name.value, fragment])) as Record<
      string,
      FragmentDefinitionNode
    >;
    expect(exceededLimit(measureOperation(schema, operation, fragments, {}, fieldCosts(1024)), LIMITS)).toBeNull();
  });
});

describe('exceededLimit', () => {
  const within = { aliases: 1, depth: 2, cost: 3, scanBytes: 4, scanFields: 1, stopped: false };

  it('names the first limit exceeded with the allowed and the measured value', () => {
    expect(exceededLimit(within, LIMITS)).toBeNull();
    expect(exceededLimit({ ...within, aliases: 51, cost: 60_000 }, LIMITS)).toMatchObject({ limit: 'GRAPHQL_MAX_ALIASES', allowed: 50, measured: 51 });
    expect(exceededLimit({ ...within, depth: 21 }, LIMITS)).toMatchObject({ limit: 'GRAPHQL_MAX_DEPTH', measured: 21 });
    expect(exceededLimit({ ...within, cost: 50_001, stopped: true }, LIMITS)?.message).toMatch(/estimated cost is more than 50001/);
  });

  it('leaves a single oversized scan to the scanner, which names the file, and refuses several together', () => {
    expect(exceededLimit({ ...within, scanBytes: 2 * 1024 * 1024 }, LIMITS)).toBeNull();
    expect(exceededLimit({ ...within, scanBytes: 2 * 1024 * 1024, scanFields: 2 }, LIMITS)).toMatchObject({ limit: 'SCAN_MAX_UPLOAD_BYTES' });
  });
});

describe('undeclaredVariables', () => {
  it('lists the variables the operation does not declare', () => {
    const operation = parse('query($a: Int) { findingCodes { code } }').definitions[0] as OperationDefinitionNode;
    expect(undeclaredVariables(operation, { a: 1, b: 2, c: 3 })).toEqual(['b', 'c']);
    expect(undeclaredVariables(operation, undefined)).toEqual([]);
  });
});

describe('RequestDeadline', () => {
  it('passes when the client goes, or after its timeout', () => {
    const deadline = new RequestDeadline(1000, performance.now());
    expect(() => deadline.check('a')).not.toThrow();
    deadline.markClientGone();
    expect(() => deadline.check('a')).toThrow(/client closed the connection; a was not resolved/);
    const late = new RequestDeadline(10, performance.now() - 20);
    expect(() => late.check('b')).toThrow(/GRAPHQL_REQUEST_TIMEOUT_MS \(10 ms\); b was not resolved/);
  });
});
