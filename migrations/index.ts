import { Initial1795314524495 } from './1795314524495-Initial';

/** Every migration in order. Listed explicitly so ts (tests, CLI) and js (dist) load the same set. */
export const MIGRATIONS: Function[] = [Initial1795314524495];
