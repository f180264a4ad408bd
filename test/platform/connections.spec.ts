/**
 * One API convention for lists (issue 8 §3): every list that pages is a Relay connection of one
 * exact shape, paged with `first` (default 25) and `after`. This walks graphql/schema.graphql (which
 * schema.e2e-spec.ts holds equal to what the service serves) and fails on any other shape: a field
 * with paging arguments that answers a plain list, a type that looks like a page (`nodes`,
 * `edges`, `hasNextPage`, `endCursor`, ...) but is not a connection, or a connection with a field
 * too many or too few.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';

const SCHEMA = buildSchema(readFileSync(join(__dirname, '..', '..', 'graphql', 'schema.graphql'), 'utf8'));

/** Argument names that page a list in one convention or another; only `first` and `after` are ours. */
const PAGING_ARGUMENTS = ['first', 'after', 'last', 'before', 'offset', 'limit', 'skip', 'take', 'page', 'pageSize', 'cursor'];
/** Field names that give a type away as a page of a list. */
const PAGE_FIELDS = ['edges', 'nodes', 'items', 'pageInfo', 'hasNextPage', 'hasPreviousPage', 'endCursor', 'startCursor', 'cursor', 'totalCount'];

const fieldsOf = (type: GraphQLObjectType): Record<string, string> =>
  Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, String(field.type)]));
const argumentsOf = (field: GraphQLField<unknown, unknown>): Record<string, string> =>
  Object.fromEntries(
    field.args.map((arg) => [arg.name, `${String(arg.type)}${arg.defaultValue === undefined ? '' : ` = ${JSON.stringify(arg.defaultValue)}`}`]),
  );

function everyField(schema: GraphQLSchema): Array<{ owner: GraphQLObjectType; field: GraphQLField<unknown, unknown> }> {
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'))
    .flatMap((owner) => Object.values(owner.getFields()).map((field) => ({ owner, field })));
}

const sameFields = (actual: Record<string, string>, expected: Record<string, string>): boolean =>
  JSON.stringify(Object.entries(actual).sort()) === JSON.stringify(Object.entries(expected).sort());

/** `X!` where X is an object type named `<Node>Connection`: its node type name, else null. */
function connectionNode(type: GraphQLOutputType): string | null {
  if (!isNonNullType(type) || !isObjectType(type.ofType)) return null;
  const match = /^(.+)Connection$/.exec(type.ofType.name);
  return match ? match[1] : null;
}

/** What is wrong with a connection type, or [] when it has exactly the one shape. */
function connectionProblems(schema: GraphQLSchema, connection: GraphQLObjectType): string[] {
  const node = connection.name.replace(/Connection$/, '');
  const edge = schema.getType(`${node}Edge`);
  const problems: string[] = [];
  const expectShape = (actual: Record<string, string>, expected: Record<string, string>, what: string) => {
    if (!sameFields(actual, expected)) {
      problems.push(`${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    }
  };
  expectShape(fieldsOf(connection), { edges: `[${node}Edge!]!`, pageInfo: 'PageInfo!', totalCount: 'Int!' }, connection.name);
  if (!isObjectType(edge)) problems.push(`${node}Edge is missing`);
  else expectShape(fieldsOf(edge), { cursor: 'String!', node: `${node}!` }, edge.name);
  return problems;
}

/** Types answered by a field with paging arguments that is not itself a connection (a report holding one). */
function pagedReports(schema: GraphQLSchema): Set<string> {
  return new Set(
    everyField(schema)
      .filter(({ field }) => field.args.some((arg) => arg.name === 'first') && connectionNode(field.type) === null)
      .map(({ field }) => getNamedType(field.type).name),
  );
}

/** Every way a schema's lists break the convention; [] when they all keep it. */
function listProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const pageInfo = schema.getType('PageInfo');
  const relayPageInfo = { hasNextPage: 'Boolean!', hasPreviousPage: 'Boolean!', startCursor: 'String', endCursor: 'String' };
  if (pageInfo !== undefined && (!isObjectType(pageInfo) || !sameFields(fieldsOf(pageInfo), relayPageInfo))) {
    problems.push(`PageInfo is not ${JSON.stringify(relayPageInfo)}`);
  }

  const objectTypes = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'));
  for (const connection of objectTypes.filter((type) => type.name.endsWith('Connection'))) problems.push(...connectionProblems(schema, connection));

  for (const type of objectTypes.filter((candidate) => !/(Connection|Edge)$/.test(candidate.name) && candidate.name !== 'PageInfo')) {
    if (/(Page|List)$/.test(type.name) || Object.keys(type.getFields()).some((name) => PAGE_FIELDS.includes(name))) {
      problems.push(`${type.name} looks like a page of a list but is not a connection`);
    }
  }

  const reports = pagedReports(schema);
  for (const { owner, field } of everyField(schema)) {
    const where = `${owner.name}.${field.name}`;
    const paging = Object.entries(argumentsOf(field)).filter(([name]) => PAGING_ARGUMENTS.includes(name));
    if (connectionNode(field.type) !== null) {
      // A report's connection is paged by the arguments of the field that answers the report.
      if (!(reports.has(owner.name) && paging.length === 0) && !isFirstAfter(paging))
        problems.push(`${where} must page with first: Int! = 25 and after: String`);
      continue;
    }
    if (paging.length === 0) continue;
    const report = getNamedType(field.type);
    const answersList = isListType(field.type) || (isNonNullType(field.type) && isListType(field.type.ofType));
    const held = isObjectType(report)
      ? Object.values(report.getFields()).filter((inner) => connectionNode(inner.type) !== null && inner.args.length === 0)
      : [];
    if (answersList || held.length !== 1 || !isFirstAfter(paging)) problems.push(`${where}: ${String(field.type)} pages but is not a connection`);
  }
  return problems;
}

/**
 * Root fields that may answer a plain list of objects, each with what bounds it. Any other root list
 * of rows (users, groups, tokens, ...) grows with the data and must be a connection.
 */
const BOUNDED_ROOT_LISTS: Record<string, string> = {
  advisoriesFor: 'at most 1000 package names, and the advisories of those',
  findingCodes: 'the fixed codes of the scanner',
  maintenanceWindows: 'the windows of at most two years',
  noticePauses: 'at most one per release of the catalog',
  releasePolicyCheck: 'the rules one input breaks',
  releases: 'the catalog, a fixed contract (PRODUCT.md)',
  rolloutSchedule: 'four environments',
  supportedReleases: 'the catalog, a fixed contract (PRODUCT.md)',
};

/** Root query fields answering a plain list of objects that BOUNDED_ROOT_LISTS does not name. */
function unboundedRootLists(schema: GraphQLSchema, bounded: Record<string, string>): string[] {
  const query = schema.getQueryType();
  if (!query) return [];
  return Object.values(query.getFields())
    .filter((field) => isObjectType(getNamedType(field.type)) && isListType(isNonNullType(field.type) ? field.type.ofType : field.type))
    .filter((field) => !(field.name in bounded))
    .map((field) => `Query.${field.name}: ${String(field.type)} is a list of rows without a bound; make it a connection`);
}

function isFirstAfter(paging: Array<[string, string]>): boolean {
  const byName = Object.fromEntries(paging);
  return paging.length === 2 && byName.first === 'Int! = 25' && byName.after === 'String';
}

describe('lists in graphql/schema.graphql', () => {
  it('are all Relay connections of the one shape, paged with first and after', () => {
    expect(Object.keys(SCHEMA.getTypeMap()).filter((name) => name.endsWith('Connection')).length).toBeGreaterThan(0);
    expect(listProblems(SCHEMA)).toEqual([]);
  });

  it('page every root list of rows that grows with the data (only the bounded lists named here answer plain lists)', () => {
    expect(unboundedRootLists(SCHEMA, BOUNDED_ROOT_LISTS)).toEqual([]);
    const listed = Object.keys(BOUNDED_ROOT_LISTS).filter((name) => SCHEMA.getQueryType()?.getFields()[name] !== undefined);
    expect(listed).toEqual(Object.keys(BOUNDED_ROOT_LISTS));
  });

  it('would refuse the plain lists users, groups and apiTokens had before', () => {
    const before = buildSchema(`
      type User { id: ID! }
      type Group { id: ID! }
      type ApiToken { id: ID! }
      type RuntimeRelease { version: String! }
      type Query {
        users: [User!]!
        groups: [Group!]!
        apiTokens(userId: ID): [ApiToken!]!
        releases: [RuntimeRelease!]!
        departments: [String!]!
      }`);
    expect(unboundedRootLists(before, { releases: 'the catalog' })).toEqual([
      'Query.users: [User!]! is a list of rows without a bound; make it a connection',
      'Query.groups: [Group!]! is a list of rows without a bound; make it a connection',
      'Query.apiTokens: [ApiToken!]! is a list of rows without a bound; make it a connection',
    ]);
  });

  it('would be refused in any of the shapes the schema had before (the check checks)', () => {
    const before = buildSchema(`
      type PageInfo { hasNextPage: Boolean! endCursor: String }
      type Advisory { id: String! }
      type AdvisoryConnection { nodes: [Advisory!]! totalCount: Int! hasNextPage: Boolean! endCursor: String }
      type Application { id: ID! snapshots(first: Int! = 20): [String!]! }
      type ApplicationEdge { cursor: String! node: Application! }
      type ApplicationConnection { edges: [ApplicationEdge!]! totalCount: Int! hasNextPage: Boolean! endCursor: String }
      type ApplicationImpactPage { nodes: [Application!]! endCursor: String }
      type Query {
        advisories(first: Int! = 25, after: String): AdvisoryConnection!
        applications(first: Int! = 50, after: String): ApplicationConnection!
        impact(first: Int! = 25, offset: Int): ApplicationImpactPage!
        users(limit: Int): [Application!]!
      }`);
    expect(listProblems(before)).toEqual([
      'PageInfo is not {"hasNextPage":"Boolean!","hasPreviousPage":"Boolean!","startCursor":"String","endCursor":"String"}',
      expect.stringMatching(/^AdvisoryConnection is .*expected/),
      'AdvisoryEdge is missing',
      expect.stringMatching(/^ApplicationConnection is .*expected/),
      'ApplicationImpactPage looks like a page of a list but is not a connection',
      'Application.snapshots: [String!]! pages but is not a connection',
      'Query.applications must page with first: Int! = 25 and after: String',
      'Query.impact: ApplicationImpactPage! pages but is not a connection',
      'Query.users: [Application!]! pages but is not a connection',
    ]);
  });
});
