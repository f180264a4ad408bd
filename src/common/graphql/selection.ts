import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields named `name` directly in this selection set, looking through inline fragments and fragment spreads. */
function fieldsNamed(selectionSet: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      found.push(...fieldsNamed(selection.selectionSet, name, info));
    } else {
      found.push(...fieldsNamed(info.fragments[selection.name.value]?.selectionSet, name, info));
    }
  }
  return found;
}

/**
 * Whether the query asks, below the field being resolved, for the field at `path` (e.g.
 * `['edges', 'node', 'deployments']`): lets a resolver read in its own query what a child field
 * would otherwise load with another round trip. Directives (@skip, @include) are not evaluated: a
 * field they leave out only costs the read.
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((field) => fieldsNamed(field.selectionSet, name, info));
    if (level.length === 0) return false;
  }
  return true;
}

/**
 * The names of the fields the query asks for at `path` below the field being resolved (e.g.
 * `['edges', 'node']`), through fragments, without `__typename`: lets a list read only the
 * columns its nodes are asked for. Empty when the path is not selected at all.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) level = level.flatMap((field) => fieldsNamed(field.selectionSet, name, info));
  const names = new Set<string>();
  const collect = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename') names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else collect(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const field of level) collect(field.selectionSet);
  return names;
}
