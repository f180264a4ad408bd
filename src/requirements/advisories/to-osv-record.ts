/**
 * The OSV record (schema 1.x) of a normalised advisory: what `parseOsvAdvisory` reads back into
 * the same advisory, so that a service can hand its stored advisories to a client that scans on
 * its own (the CLI) in the format the client already validates.
 */
import type { Advisory } from './osv';

export function toOsvRecord(advisory: Advisory): Record<string, unknown> {
  return {
    schema_version: '1.6.0',
    id: advisory.id,
    modified: advisory.modified,
    ...(advisory.published === null ? {} : { published: advisory.published }),
    ...(advisory.withdrawn === null ? {} : { withdrawn: advisory.withdrawn }),
    aliases: advisory.aliases,
    ...(advisory.summary === null ? {} : { summary: advisory.summary }),
    ...(advisory.details === null ? {} : { details: advisory.details }),
    severity: advisory.scores,
    affected: advisory.affected.map((affected) => ({
      package: { ecosystem: 'PyPI', name: affected.name },
      // GIT ranges lost their repository when normalised; the matcher ignores them anyway.
      ranges: affected.ranges.filter((range) => range.type !== 'GIT'),
      versions: affected.versions,
    })),
    references: advisory.references,
    // Without a database severity the reader rates the highest CVSS score again, as it did on import.
    ...(advisory.severity === 'UNKNOWN' ? {} : { database_specific: { severity: advisory.severity } }),
  };
}
