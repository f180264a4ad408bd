import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';

/**
 * The operation's declared variables only, in a stable order, as JSON: anything else a request
 * carries cannot change the answer, so it must not change a cache key either (nor cost a hash
 * of itself).
 */
export function declaredVariables(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string {
  const names = (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value).sort();
  return JSON.stringify(names.map((name): [string, unknown] => [name, variables?.[name] ?? null]));
}

/**
 * True for a query whose root asks at least one of `fields` and nothing else but `__typename`,
 * with no directive there: what a response cache knows the answer of. A query of `__typename`
 * alone is not cached: it costs nothing to execute.
 */
export function asksOnlyRootFields(operation: OperationDefinitionNode | undefined, fields: ReadonlySet<string>): boolean {
  if (!operation || operation.operation !== OperationTypeNode.QUERY) return false;
  let asksOne = false;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return false;
    if (fields.has(selection.name.value)) asksOne = true;
    else if (selection.name.value !== '__typename') return false;
  }
  return asksOne;
}
