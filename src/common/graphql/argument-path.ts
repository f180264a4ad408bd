import { Kind, parse, visit, type ASTNode, type DocumentNode, type Source, type ValueNode } from 'graphql';

/**
 * The argument (and input field, and list index) a value in the document stands at, written as
 * the service's errors name fields: `on`, `files[1].path`; an argument called `input` is left out
 * of the path, as the input classes' own errors do (`slug`, not `input.slug`).
 */
function joinPath(segments: (string | number)[]): string {
  const named = segments[0] === 'input' && segments.length > 1 ? segments.slice(1) : segments;
  return named.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

function parsed(source: Source): DocumentNode | null {
  try {
    return parse(source, { noLocation: false });
  } catch {
    return null;
  }
}

/** The path inside `value` to the value starting at `offset`, or null if it is not in there. */
function pathInValue(value: ValueNode, offset: number): (string | number)[] | null {
  if (value.loc?.start === offset) return [];
  if (value.kind === Kind.LIST) {
    for (const [index, item] of value.values.entries()) {
      const inner = pathInValue(item, offset);
      if (inner) return [index, ...inner];
    }
  }
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const inner = pathInValue(field.value, offset);
      if (inner) return [field.name.value, ...inner];
    }
  }
  return null;
}

/** The path to the argument value that starts at `offset` in the document, or null if none does. */
function pathAt(document: DocumentNode, offset: number): (string | number)[] | null {
  let found: (string | number)[] | null = null;
  visit(document, {
    Argument(node) {
      const inner = found ? null : pathInValue(node.value, offset);
      if (inner) found = [node.name.value, ...inner];
      return false;
    },
  });
  return found;
}

/** The field to name in the error about an inline value, from the request's own text. */
export function fieldOfInlineValue(source: Source | undefined, node: ASTNode | undefined): string | null {
  if (!source || !node?.loc) return null;
  const document = parsed(source);
  const path = document && pathAt(document, node.loc.start);
  return path ? joinPath(path) : null;
}
