import { describe, it, expect } from 'vitest';
import { checkMigrationTarget, findMigrationCycle } from './migration-cycle';

// The seed chain: 27.11.0 → 36.11.0 → 37.22.0, with the stable releases pointing at the next LTS.
const edges = new Map<string, string | null>([
  ['27.11.0', '36.11.0'],
  ['36.11.0', '37.22.0'],
  ['36.20.0', '37.22.0'],
  ['37.21.0', '37.22.0'],
  ['37.22.0', null],
]);

describe('findMigrationCycle', () => {
  it('finds no cycle when the target chain ends', () => {
    expect(findMigrationCycle(edges, '36.20.0', '36.11.0')).toBeNull();
    expect(findMigrationCycle(edges, '38.1.0', '37.22.0')).toBeNull(); // a new release
  });

  it('returns the path of a cycle the change would close', () => {
    expect(findMigrationCycle(edges, '37.22.0', '27.11.0')).toEqual(['37.22.0', '27.11.0', '36.11.0', '37.22.0']);
    expect(findMigrationCycle(edges, '37.22.0', '37.21.0')).toEqual(['37.22.0', '37.21.0', '37.22.0']);
  });

  it('treats a self-reference as a cycle', () => {
    expect(findMigrationCycle(edges, '37.22.0', '37.22.0')).toEqual(['37.22.0', '37.22.0']);
  });

  it('ignores the current target of the release being changed', () => {
    // 36.11.0 currently points at 37.22.0; re-pointing it at 37.21.0 is fine.
    expect(findMigrationCycle(edges, '36.11.0', '37.21.0')).toBeNull();
  });

  it('stops on an existing loop that does not pass through the release', () => {
    const looped = new Map<string, string | null>([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(findMigrationCycle(looped, 'c', 'a')).toBeNull();
  });

  it('follows targets missing from the map as chain ends', () => {
    expect(findMigrationCycle(new Map(), 'a', 'b')).toBeNull();
  });
});

describe('checkMigrationTarget', () => {
  it('accepts no target and a target down a chain that ends', () => {
    expect(checkMigrationTarget(edges, '36.20.0', null)).toEqual([]);
    expect(checkMigrationTarget(edges, '36.20.0', undefined)).toEqual([]);
    expect(checkMigrationTarget(edges, '36.20.0', '36.11.0')).toEqual([]);
  });

  it('refuses a release as its own target', () => {
    expect(checkMigrationTarget(edges, '37.22.0', '37.22.0')).toEqual([
      {
        code: 'MIGRATION_CYCLE',
        field: 'migrationTarget',
        message: 'release 37.22.0 cannot be its own migration target; name a newer release apps should move to',
        requires: 'NOTHING_CAN_OVERRIDE',
      },
    ]);
  });

  it('refuses an unknown target', () => {
    expect(checkMigrationTarget(edges, '37.22.0', '99.1.0')).toEqual([
      {
        code: 'UNKNOWN_MIGRATION_TARGET',
        field: 'migrationTarget',
        message: 'migrationTarget 99.1.0 is not a release in the catalog; create it first or name an existing release',
        requires: 'NOTHING_CAN_OVERRIDE',
      },
    ]);
  });

  it('refuses a cycle and shows it', () => {
    expect(checkMigrationTarget(edges, '37.22.0', '27.11.0')).toEqual([
      {
        code: 'MIGRATION_CYCLE',
        field: 'migrationTarget',
        message:
          'migrationTarget 27.11.0 would make a migration cycle (37.22.0 → 27.11.0 → 36.11.0 → 37.22.0); name a release that does not lead back to 37.22.0',
        requires: 'NOTHING_CAN_OVERRIDE',
      },
    ]);
  });
});
