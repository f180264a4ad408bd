/**
 * The runtime release lifecycle as plain functions over plain data: no framework imports, so the
 * Nest services, the CLI and the benchmarks share one implementation.
 */
export * from './calendar-date';
export * from './environment';
export * from './lifecycle-policy';
export * from './maintenance-calendar';
export * from './maintenance-calendar-validation';
export * from './maintenance-recurrence';
export * from './migration-cycle';
export * from './policy-violation';
export * from './release-shape';
export * from './release-status';
export * from './release-track';
export * from './rollout';
export * from './zoned-time';
