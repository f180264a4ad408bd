import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, getVariableValues, type FragmentDefinitionNode } from 'graphql';
import { fieldCosts } from './field-costs';
import { measureOperation, undeclaredVariables, type OperationMeasures } from './operation-cost';

export interface OperationLimits {
  maxAliases: number;
  maxDepth: number;
  maxCost: number;
  /** SCAN_MAX_UPLOAD_BYTES, for all scanned files of the request together. */
  maxScanBytes: number;
}

export interface LimitRefusal {
  /** The setting that holds the limit. */
  limit: string;
  allowed: number;
  measured: number;
  message: string;
}

/** The first limit the measured operation exceeds, if any. */
export function exceededLimit(measures: OperationMeasures, limits: OperationLimits): LimitRefusal | null {
  if (measures.aliases > limits.maxAliases) {
    return {
      limit: 'GRAPHQL_MAX_ALIASES',
      allowed: limits.maxAliases,
      measured: measures.aliases,
      message: `The query uses ${measures.aliases} aliases; at most ${limits.maxAliases} are allowed (GRAPHQL_MAX_ALIASES)`,
    };
  }
  if (measures.depth > limits.maxDepth) {
    return {
      limit: 'GRAPHQL_MAX_DEPTH',
      allowed: limits.maxDepth,
      measured: measures.depth,
      message: `The query nests fields ${measures.depth} deep; at most ${limits.maxDepth} levels are allowed (GRAPHQL_MAX_DEPTH)`,
    };
  }
  if (measures.cost > limits.maxCost) {
    return {
      limit: 'GRAPHQL_MAX_COST',
      allowed: limits.maxCost,
      measured: measures.cost,
      message:
        `The query's estimated cost is ${measures.stopped ? 'more than ' : ''}${measures.cost} (one per object asked for, lists counted by their \`first\`, scans by their size); ` +
        `at most ${limits.maxCost} is allowed (GRAPHQL_MAX_COST): ask for fewer fields, smaller pages or fewer aliases`,
    };
  }
  // A single scanning field checks its own size and names the file at fault; several together are checked here.
  if (measures.scanFields > 1 && measures.scanBytes > limits.maxScanBytes) {
    return {
      limit: 'SCAN_MAX_UPLOAD_BYTES',
      allowed: limits.maxScanBytes,
      measured: measures.scanBytes,
      message: `The request hands ${measures.scanBytes} bytes of requirements files to ${measures.scanFields} scans; at most ${limits.maxScanBytes} bytes are allowed for all of them together (SCAN_MAX_UPLOAD_BYTES)`,
    };
  }
  return null;
}

const refusal = (message: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions, http: { status: 400 } } });

function fragmentsOf(definitions: readonly { kind: Kind }[]): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments[fragment.name.value] = fragment;
    }
  }
  return fragments;
}

/**
 * Refuses, after validation and before anything executes, an operation that carries variables it
 * does not declare or that exceeds a limit of aliases, depth, cost or scanned bytes. The refusal is
 * BAD_USER_INPUT (HTTP 400) with `limit`, `allowed` and `measured` in its extensions.
 */
export function requestLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  const costs = fieldCosts(limits.maxScanBytes);
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return Promise.resolve();
          const undeclared = undeclaredVariables(operation, request.variables);
          if (undeclared.length > 0) {
            const name = undeclared[0];
            throw refusal(
              `Variable "$${name.slice(0, 64)}" is not declared by the operation; send only the variables it declares` +
                (undeclared.length > 1 ? ` (${undeclared.length} undeclared variables)` : ''),
              { field: name.slice(0, 64) },
            );
          }
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          const measures = measureOperation(schema, operation, fragmentsOf(document.definitions), coerced.coerced ?? {}, costs, limits.maxCost);
          const exceeded = exceededLimit(measures, limits);
          if (exceeded) {
            throw refusal(exceeded.message, { limit: exceeded.limit, allowed: exceeded.allowed, measured: exceeded.measured });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
