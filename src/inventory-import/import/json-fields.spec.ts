import { describe, it, expect } from 'vitest';
import { FieldCollector } from './field-collector';
import { InventoryErrorList } from './inventory-error-list';
import { childPath, describeJsonType, itemPath, listLength, readList, readObject, readText } from './json-fields';

function collector() {
  const errors = new InventoryErrorList(100);
  return { fields: new FieldCollector(errors), errors };
}

describe('json paths', () => {
  it('joins keys with dots and brackets the ones that are not identifiers', () => {
    expect(childPath('', 'applications')).toBe('applications');
    expect(childPath(itemPath('applications', 3), 'deployments')).toBe('applications[3].deployments');
    expect(childPath('groups[0]', 'my key')).toBe('groups[0]["my key"]');
    expect(childPath('groups[0]', 'x'.repeat(100))).toBe(`groups[0]["${'x'.repeat(60)}…"]`);
  });

  it('describes JSON types in words', () => {
    expect([null, [], {}, true, 1, 'a'].map(describeJsonType)).toEqual(['null', 'a list', 'an object', 'true/false', 'a number', 'a string']);
  });
});

describe('readObject, readText, readList', () => {
  it('reads own properties only', () => {
    const { fields } = collector();
    const object = readObject(JSON.parse('{"slug": "a"}'), 'groups[0]', ['slug', 'constructor'], 'a group', fields)!;
    expect(readText(object, 'constructor', 'groups[0]', fields)).toBe('');
    expect(readList(object, 'toString', 'groups[0]', fields)).toEqual([]);
    expect(fields.ok).toBe(true);
  });

  it('reads absent and null as empty', () => {
    const { fields } = collector();
    expect(readText({ a: null }, 'a', '', fields)).toBe('');
    expect(readList({}, 'a', '', fields)).toEqual([]);
    expect(fields.ok).toBe(true);
  });

  it('counts list entries without reporting anything', () => {
    expect(listLength({ deployments: [1, 2] }, 'deployments')).toBe(2);
    expect(listLength({ deployments: 'x' }, 'deployments')).toBe(0);
    expect(listLength(null, 'deployments')).toBe(0);
  });
});
