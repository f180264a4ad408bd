/**
 * Measures what an operation asks for before any of it runs: how many aliases, how deep, an
 * estimate of its cost, and how many bytes of requirements files it hands to the scanner. Pure
 * (graphql-js only), so the rules are tested without a server.
 *
 * The cost estimate follows GitHub's: every field selected costs 1 for each object it may be
 * asked on, so a list multiplies what is selected under it by its `first` argument (or by an
 * assumed size when it has none). Fields that do work in proportion to their input add it
 * (see field-costs.ts). Fragments count once per place they are spread.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface OperationMeasures {
  aliases: number;
  depth: number;
  cost: number;
  /** Bytes of requirements files handed to the scanner, all fields together. */
  scanBytes: number;
  /** How many fields receive scan input: a single one is checked (and named) by the scanner itself. */
  scanFields: number;
  /** The walk stopped after too many fields (fragments spread into each other): the cost is a lower bound. */
  stopped: boolean;
}

export interface FieldCostRules {
  /** Extra cost of one call of this field, from its arguments (e.g. the bytes it scans). */
  ownCost(typeName: string, fieldName: string, args: Record<string, unknown>): number;
  /** Bytes of requirements files this field hands to the scanner. */
  scanBytes(typeName: string, fieldName: string, args: Record<string, unknown>): number;
}

/** What a list without `first` is assumed to hold. */
export const ASSUMED_LIST_SIZE = 10;

/** Introspection is answered from the schema in memory; its lists are bounded by the schema's size. */
const isIntrospection = (typeName: string, fieldName: string) => typeName.startsWith('__') || fieldName.startsWith('__');

/** How many times what is selected under this field may be resolved, per call of the field. */
function fanOut(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (typeof args.first === 'number') return Math.max(1, args.first);
  // A connection's edges and nodes are the page its `first` already counted.
  if (parent.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes')) return 1;
  if (isIntrospection(parent.name, field.name)) return 1;
  return isListType(getNullableType(field.type)) ? ASSUMED_LIST_SIZE : 1;
}

/** The field a selection names, the introspection entry points included. */
function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/**
 * Walks the operation once. It ends after `maxFields` fields, so a document that spreads
 * fragments into an exponential number of fields costs nothing to refuse: every field costs at
 * least 1, so the cost is then more than `maxFields`.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variableValues: Record<string, unknown>,
  rules: FieldCostRules,
  maxFields = Number.POSITIVE_INFINITY,
): OperationMeasures {
  let fieldsSeen = 0;
  const measures: OperationMeasures = { aliases: 0, depth: 0, cost: 0, scanBytes: 0, scanFields: 0, stopped: false };
  const root = schema.getRootType(operation.operation);
  if (!root) return measures;

  const argumentsOf = (field: GraphQLField<unknown, unknown>, node: Parameters<typeof getArgumentValues>[1]): Record<string, unknown> => {
    try {
      return getArgumentValues(field, node, variableValues);
    } catch {
      return {}; // execution reports the bad argument; it is no cost of ours
    }
  };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, depth: number): void => {
    for (const selection of selectionSet.selections) {
      if (measures.stopped) return;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (type) walk(fragment.selectionSet, type as GraphQLCompositeType, multiplier, depth);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) walk(selection.selectionSet, type as GraphQLCompositeType, multiplier, depth);
        continue;
      }
      if (++fieldsSeen > maxFields) {
        measures.stopped = true;
        measures.cost = Math.max(measures.cost, fieldsSeen);
        return;
      }
      if (selection.alias) measures.aliases += 1;
      measures.depth = Math.max(measures.depth, depth);
      const name = selection.name.value;
      const field = fieldOf(schema, parent, name);
      if (!field) {
        measures.cost += multiplier; // __typename, or a union's
        continue;
      }
      const args = argumentsOf(field, selection);
      measures.cost += multiplier * (1 + rules.ownCost(parent.name, name, args));
      const scanned = rules.scanBytes(parent.name, name, args);
      if (scanned > 0) {
        measures.scanBytes += multiplier * scanned;
        measures.scanFields += multiplier;
      }
      if (selection.selectionSet) {
        walk(selection.selectionSet, getNamedType(field.type) as GraphQLCompositeType, multiplier * fanOut(parent, field, args), depth + 1);
      }
    }
  };
  walk(operation.selectionSet, root, 1, 1);
  return measures;
}

/** Variables the request carries that the operation does not declare. */
export function undeclaredVariables(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string[] {
  if (!variables) return [];
  const declared = new Set((operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value));
  return Object.keys(variables).filter((name) => !declared.has(name));
}
