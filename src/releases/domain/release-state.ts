/** A draft is visible to admins only until it is published. */
export const RELEASE_STATES = ['DRAFT', 'PUBLISHED'] as const;

export type ReleaseState = (typeof RELEASE_STATES)[number];
