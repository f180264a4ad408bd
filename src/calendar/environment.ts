/** The platform's environments, in the order a release reaches them. */
export const ENVIRONMENTS = ['TEST', 'QUAL', 'BETA', 'PROD'] as const;

export type Environment = (typeof ENVIRONMENTS)[number];

export function isEnvironment(value: unknown): value is Environment {
  return typeof value === 'string' && (ENVIRONMENTS as readonly string[]).includes(value);
}

/** For sorting: TEST before QUAL before BETA before PROD. */
export function compareEnvironments(a: Environment, b: Environment): number {
  return ENVIRONMENTS.indexOf(a) - ENVIRONMENTS.indexOf(b);
}
