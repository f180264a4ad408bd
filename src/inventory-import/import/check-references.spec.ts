import { describe, it, expect } from 'vitest';
import { checkReferences, type KnownInventory } from './check-references';
import { csvLocation, jsonLocation } from './inventory-error';
import type { InventoryPlan } from './inventory-plan';

const plan = (references: Partial<InventoryPlan['references']>): InventoryPlan => ({
  groups: [],
  applications: [],
  references: { groups: new Map(), runtimes: new Map(), users: new Map(), ...references },
});
const known: KnownInventory = {
  groups: new Set(['physics']),
  publishedRuntimes: new Set(['36.11.0', '37.22.0']),
  users: new Set(['ada@example.edu']),
};

describe('checkReferences', () => {
  it('answers nothing when everything referenced exists', () => {
    const references = {
      groups: new Map([['physics', [csvLocation(2, 'group')]]]),
      runtimes: new Map([['37.22.0', [csvLocation(2, 'runtime')]]]),
      users: new Map([['ada@example.edu', [csvLocation(2, 'group_owners')]]]),
    };
    expect(checkReferences(plan(references), known)).toEqual([]);
  });

  it('reports an unknown group at every row that uses it', () => {
    const errors = checkReferences(plan({ groups: new Map([['chemistry', [csvLocation(3, 'group'), csvLocation(9, 'group')]]]) }), known);
    expect(errors).toEqual(
      [3, 9].map((row) => ({
        row,
        path: null,
        column: 'group',
        message: 'group "chemistry" does not exist and is not defined in this file; create it, fix the slug, or define it in the file',
      })),
    );
  });

  it('reports a runtime that is not published, listing the published ones', () => {
    const errors = checkReferences(plan({ runtimes: new Map([['37.99.0', [jsonLocation('applications[0].deployments[1].runtime')]]]) }), known);
    expect(errors).toEqual([
      {
        row: null,
        path: 'applications[0].deployments[1].runtime',
        column: null,
        message: 'runtime 37.99.0 is not a published runtime release (published: 36.11.0, 37.22.0)',
      },
    ]);
  });

  it('does not list the published runtimes when there are too many to read', () => {
    const many = new Set(Array.from({ length: 20 }, (_, index) => `37.${index}.0`));
    const [error] = checkReferences(plan({ runtimes: new Map([['1.0.0', [csvLocation(2, 'runtime')]]]) }), { ...known, publishedRuntimes: many });
    expect(error.message).toBe('runtime 1.0.0 is not a published runtime release');
  });

  it('reports group members who are not users', () => {
    const errors = checkReferences(plan({ users: new Map([['zed@example.edu', [csvLocation(4, 'group_members')]]]) }), known);
    expect(errors).toEqual([
      { row: 4, path: null, column: 'group_members', message: 'there is no user with the e-mail zed@example.edu; create the user first or fix the address' },
    ]);
  });

  it('lists at most maxErrors errors', () => {
    const locations = Array.from({ length: 5 }, (_, index) => csvLocation(index + 2, 'runtime'));
    const errors = checkReferences(plan({ runtimes: new Map([['9.9.9', locations]]) }), known, 2);
    expect(errors).toHaveLength(3);
    expect(errors[2].message).toMatch(/^3 more errors not listed/);
  });
});
