/**
 * Migration targets form chains (27.11.0 → 36.11.0 → 37.22.0). A cycle would send apps round in
 * circles, so a target that leads back to its release is refused.
 */
import type { PolicyViolation } from './policy-violation';

/**
 * The cycle that pointing `from` at `to` would close, as a path that starts and ends with `from`
 * (`['36.11.0', '37.22.0', '36.11.0']`; `['36.11.0', '36.11.0']` for a self-reference), or null.
 * `edges` maps every release's version to its current migration target; the current target of
 * `from` is ignored because it is the one being replaced.
 */
export function findMigrationCycle(edges: ReadonlyMap<string, string | null>, from: string, to: string): string[] | null {
  const path = [from];
  const visited = new Set<string>();
  let current: string | null = to;
  while (current !== null) {
    path.push(current);
    if (current === from) return path;
    // A loop that does not pass through `from` is an existing problem, not one this change makes.
    if (visited.has(current)) return null;
    visited.add(current);
    current = edges.get(current) ?? null;
  }
  return null;
}

/** Violations of pointing `version` at `migrationTarget`: unknown target or a cycle. */
export function checkMigrationTarget(
  edges: ReadonlyMap<string, string | null>,
  version: string,
  migrationTarget: string | null | undefined,
): PolicyViolation[] {
  if (migrationTarget === null || migrationTarget === undefined) return [];
  if (migrationTarget === version) {
    return [
      {
        code: 'MIGRATION_CYCLE',
        field: 'migrationTarget',
        message: `release ${version} cannot be its own migration target; name a newer release apps should move to`,
        requires: 'NOTHING_CAN_OVERRIDE',
      },
    ];
  }
  if (!edges.has(migrationTarget)) {
    return [
      {
        code: 'UNKNOWN_MIGRATION_TARGET',
        field: 'migrationTarget',
        message: `migrationTarget ${migrationTarget} is not a release in the catalog; create it first or name an existing release`,
        requires: 'NOTHING_CAN_OVERRIDE',
      },
    ];
  }
  const cycle = findMigrationCycle(edges, version, migrationTarget);
  if (cycle === null) return [];
  return [
    {
      code: 'MIGRATION_CYCLE',
      field: 'migrationTarget',
      message: `migrationTarget ${migrationTarget} would make a migration cycle (${cycle.join(' → ')}); name a release that does not lead back to ${version}`,
      requires: 'NOTHING_CAN_OVERRIDE',
    },
  ];
}
