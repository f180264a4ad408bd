/**
 * The runtime release lifecycle as plain functions over plain data: no framework imports, so the
 * Nest services, the CLI and the benchmarks share one implementation. Dates, time zones,
 * environments and the maintenance calendar, which other features use too, live in `src/calendar/`.
 */
export * from './lifecycle-policy';
export * from './migration-cycle';
export * from './policy-violation';
export * from './release-shape';
export * from './release-status';
export * from './release-track';
export * from './rollout';
