/** How long a runtime release is supported: LTS about 36 months, STABLE about 16 (seeds, 2018). */
export const RELEASE_TRACKS = ['LTS', 'STABLE'] as const;

export type ReleaseTrack = (typeof RELEASE_TRACKS)[number];

export function isReleaseTrack(value: unknown): value is ReleaseTrack {
  return typeof value === 'string' && (RELEASE_TRACKS as readonly string[]).includes(value);
}
