/**
 * Random text in every text argument of every operation, generated from the running service's
 * own schema (introspection): NUL bytes, half characters, control characters, long and huge
 * strings, random Unicode, ids that are no ids. Sent as an admin and anonymously, the answer is
 * data or a caller's error: never INTERNAL_SERVER_ERROR, never HTTP 500. The iteration count is
 * bounded (a fixed seed, a few values per text position) so that it runs in seconds.
 */
import { randomUUID } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type GraphQLResponse, type TestService } from '../setup/test-app';

type Path = (string | number)[];

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

/** Strings that have broken services: each kind once per text position, the random ones varied. */
function fuzzValues(random: () => number): string[] {
  const randomUnits = (length: number) => String.fromCharCode(...Array.from({ length }, () => random() % 0x10000));
  const randomAscii = (length: number) => String.fromCharCode(...Array.from({ length }, () => random() % 0x80));
  const pick = <T>(items: T[]): T => items[random() % items.length];
  return [
    pick(['\u0000', 'a\u0000b', '\u0000'.repeat(100)]),
    pick(['\ud800', 'x\udfff', '\udbff\ud800', '😀'.slice(0, 1)]),
    pick(['\u0001\u0002\u0007\u001b[31m\u007f', '\r\n\t\v\f', '\u202e\u200b\ufeff', '\\', '"\'`;--', '%00%ff', '../../etc/passwd']),
    pick(['x'.repeat(3000), '😀'.repeat(2000), 'é'.repeat(10_001), 'a'.repeat(200_000), '\u00ff'.repeat(1024 * 1024)]),
    // Long text that does not compress: too large for an index entry, where compressible text would fit.
    String.fromCharCode(...Array.from({ length: 1000 + (random() % 9000) }, () => 0x4e00 + (random() % 20000))),
    randomUnits(1 + (random() % 64)),
    randomAscii(1 + (random() % 64)),
    pick(['', ' ', '9999999999999999999', '-1', '2026-02-30', 'zzz', 'null', '{}', '[]', randomUUID().toUpperCase(), 'ÄÖÜ ß 漢字 🐍']),
  ];
}

/** A value of the type that gets past the type system: fuzzed text replaces one place in it. */
function baseline(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return baseline(type.ofType, depth);
  if (isListType(type)) return [baseline(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    if (depth > 4) return null;
    return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, baseline(field.type, depth + 1)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'ID':
        return randomUUID();
      case 'Date':
        return '2026-12-01';
      case 'DateTime':
        return '2026-12-01T12:00:00Z';
      default:
        return 'text';
    }
  }
  return null;
}

/** Every place in `value` (of `type`) that holds a String or an ID. */
function textPlaces(type: GraphQLInputType, value: unknown, path: Path = []): Path[] {
  if (isNonNullType(type)) return textPlaces(type.ofType, value, path);
  if (isListType(type)) return Array.isArray(value) ? value.flatMap((item, index) => textPlaces(type.ofType, item, [...path, index])) : [];
  if (isInputObjectType(type) && value !== null && typeof value === 'object') {
    return Object.values(type.getFields()).flatMap((field) => textPlaces(field.type, (value as Record<string, unknown>)[field.name], [...path, field.name]));
  }
  if (isScalarType(type) && (type.name === 'String' || type.name === 'ID')) return [path];
  return [];
}

function withValueAt(value: unknown, path: Path, replacement: string): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string | number, unknown>)[head] = withValueAt((value as Record<string | number, unknown>)[head], rest, replacement);
  return copy;
}

interface Operation {
  name: string;
  document: string;
  variables: Record<string, unknown>;
  places: { argument: string; path: Path }[];
}

/** One document per root field, every argument passed as a variable, asking only for `__typename` of objects. */
function operationsOf(schema: GraphQLSchema): Operation[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  return roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {}).map((field: GraphQLField<unknown, unknown>) => {
      const declarations = field.args.map((argument) => `$${argument.name}: ${argument.type.toString()}`).join(', ');
      const passed = field.args.map((argument) => `${argument.name}: $${argument.name}`).join(', ');
      const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
      const variables = Object.fromEntries(field.args.map((argument) => [argument.name, baseline(argument.type)]));
      const places = field.args.flatMap((argument) => textPlaces(argument.type, variables[argument.name]).map((path) => ({ argument: argument.name, path })));
      return {
        name: `${kind} ${field.name}`,
        document: `${kind}${declarations ? `(${declarations})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
        variables,
        places,
      };
    }),
  );
}

function serverErrors(response: GraphQLResponse): string[] {
  const internal = (response.errors ?? []).filter((error) => (error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') === 'INTERNAL_SERVER_ERROR');
  return [...(response.status >= 500 ? [`HTTP ${response.status}`] : []), ...internal.map((error) => error.message)];
}

describe('fuzzing every text argument of every operation', () => {
  let service: TestService;
  let operations: Operation[];

  beforeAll(async () => {
    service = await startTestService();
    await seedCatalog(service.dataSource, service.clock.now());
    const introspection = await service.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, BOOTSTRAP_TOKEN);
    operations = operationsOf(buildClientSchema(introspection.data!));
  });
  afterAll(async () => service.close());

  it('covers the operations and text arguments the schema has', () => {
    const places = operations.reduce((total, operation) => total + operation.places.length, 0);
    expect(operations.length).toBeGreaterThan(40);
    expect(places).toBeGreaterThan(80);
  });

  it('answers every fuzzed value with data or a caller error, as an admin and anonymously', async () => {
    const random = generator(20261206);
    const failures: string[] = [];
    let requests = 0;
    for (const operation of operations) {
      for (const { argument, path } of operation.places) {
        for (const [index, text] of fuzzValues(random).entries()) {
          const variables = { ...operation.variables, [argument]: withValueAt(operation.variables[argument], path, text) };
          // Every value as an admin (who gets past authorization); some anonymously too.
          const callers = index % 3 === 0 ? [BOOTSTRAP_TOKEN, null] : [BOOTSTRAP_TOKEN];
          for (const token of callers) {
            requests += 1;
            const response = await service.gql(operation.document, variables, token);
            const problems = serverErrors(response);
            if (problems.length > 0) {
              failures.push(
                `${operation.name} ${argument}${path.map((part) => `[${JSON.stringify(part)}]`).join('')} = ${JSON.stringify(text.slice(0, 40))}${text.length > 40 ? `… (${text.length})` : ''} as ${token ? 'admin' : 'anonymous'}: ${problems.join('; ')}`,
              );
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 120_000);
});
