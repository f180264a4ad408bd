import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import type { InventoryParseResult } from './inventory-plan';
import { parseInventoryCsv } from './parse-inventory-csv';
import { parseInventoryJson } from './parse-inventory-json';

function expectWellFormed(result: InventoryParseResult): void {
  for (const error of result.errors) {
    expect(typeof error.message).toBe('string');
    expect(error.row === null || Number.isInteger(error.row)).toBe(true);
    expect(error.path === null || typeof error.path === 'string').toBe(true);
    expect(error.column === null || typeof error.column === 'string').toBe(true);
  }
}

// Pieces that steer random text into the parsers' interesting corners.
const CSV_PIECES = [
  '"',
  '""',
  ',',
  '\n',
  '\r\n',
  '\r',
  '\uFEFF',
  ';',
  ' ',
  'application',
  'name',
  'department',
  'group',
  'environment',
  'runtime',
  'commit',
  'deployed_at',
  'group_name',
  'group_owners',
  'a@b.edu',
  'PROD',
  '37.22.0',
  'abcdef1',
  '2024-03-01',
  'My App',
  'x',
];
const JSON_PIECES = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  '\\',
  '\\u00',
  'null',
  'true',
  '-0.5e3',
  '"slug"',
  '"groups"',
  '"applications"',
  '"deployments"',
  '"__proto__"',
  '"members"',
  ' ',
  '\n',
];

describe('hostile input', () => {
  it('parseInventoryCsv never throws and answers well-formed errors', () => {
    const csvish = fc.array(fc.constantFrom(...CSV_PIECES), { maxLength: 80 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), csvish), (text) => {
        expectWellFormed(parseInventoryCsv(text));
        expectWellFormed(parseInventoryCsv(`application,name,department,group,environment,runtime,commit,deployed_at,group_name,group_owners\n${text}`));
      }),
      { numRuns: 500 },
    );
  });

  it('parseInventoryJson never throws on random text or random JSON values in any position', () => {
    const jsonish = fc.array(fc.constantFrom(...JSON_PIECES), { maxLength: 60 }).map((pieces) => pieces.join(''));
    const anyValue = fc.jsonValue({ maxDepth: 3 });
    const documents = fc.oneof(
      anyValue.map((value) => JSON.stringify(value)),
      fc
        .record({ groups: fc.array(fc.record({ slug: anyValue, name: anyValue, members: fc.array(anyValue) })), applications: fc.array(anyValue) })
        .map((value) => JSON.stringify(value)),
      fc
        .record({
          slug: anyValue,
          name: anyValue,
          department: anyValue,
          group: anyValue,
          contacts: anyValue,
          deployments: fc.array(fc.dictionary(fc.string(), anyValue)),
        })
        .map((application) => JSON.stringify({ applications: [application] })),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), jsonish, documents), (text) => {
        expectWellFormed(parseInventoryJson(text));
      }),
      { numRuns: 500 },
    );
  });

  it('copes with a huge single cell, a huge header and deep JSON nesting within the size limit', () => {
    const bigCell = `application,name,department,group\n${'A'.repeat(2_000_000)},x,y,z\n`;
    expect(parseInventoryCsv(bigCell).errors[0].message.length).toBeLessThan(1000);
    expect(parseInventoryCsv(`${'x,'.repeat(200_000)}application\n`).errors.length).toBeLessThanOrEqual(1001);
    expect(parseInventoryJson(`{"applications": ${'['.repeat(500_000)}`).errors).toHaveLength(1);
    expect(parseInventoryJson(`{"applications": [${'{"slug": "A B"},'.repeat(20_000)}{}]}`).errors).toHaveLength(1001);
  });
});

describe('hostile quoting', () => {
  it('reports a row full of broken quotes quickly, with the error list capped', () => {
    const text = `application,name,department,group\n${'"a"b,'.repeat(300_000)}x\n`;
    const { errors } = parseInventoryCsv(text);
    expect(errors).toHaveLength(1001);
    expect(errors.every((error) => error.row === 2 || error.row === null)).toBe(true);
  });
});
