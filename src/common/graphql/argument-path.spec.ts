import { Source, parse, Kind, visit, type ValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldOfInlineValue } from './argument-path';

/** The first value node whose text is `text`, as graphql's validation would report it. */
function valueNamed(source: Source, text: string): ValueNode {
  let found: ValueNode | undefined;
  visit(parse(source), {
    StringValue(node) {
      if (!found && node.value === text) found = node;
    },
  });
  if (!found) throw new Error(`no ${text}`);
  return found;
}

describe('fieldOfInlineValue', () => {
  it.each([
    ['{ supportedReleases(on: "2026-02-30") { version } }', 'on'],
    ['mutation { createGroup(input: { slug: "x", name: "BAD" }) { id } }', 'name'],
    [
      'mutation { submitRequirements(input: { slug: "a", commit: "b", files: [{ path: "ok", content: "" }, { path: "BAD", content: "" }] }) { id } }',
      'files[1].path',
    ],
    ['{ a: release(version: "1") { version } b: release(version: "BAD") { version } }', 'version'],
  ])('%s names %s', (query, field) => {
    const source = new Source(query);
    expect(fieldOfInlineValue(source, valueNamed(source, query.includes('2026-02-30') ? '2026-02-30' : 'BAD'))).toBe(field);
  });

  it('is null without a source or location', () => {
    expect(fieldOfInlineValue(undefined, { kind: Kind.NULL })).toBeNull();
  });
});
