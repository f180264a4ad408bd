/**
 * Which advisories affect a given package version. Built once per advisory set: entries
 * are grouped by canonical name and every event version is parsed up front, so a lookup
 * touches only the advisories of that one package.
 */
import { BoundedCache, MAX_CACHED_KEY_LENGTH } from '../pep440/bounded-cache';
import { compareVersions, parseVersion, type Version } from '../pep440/version';
import { canonicalizeName } from '../pep508/name';
import type { Advisory, AffectedRange } from './osv';

interface PreparedEvent {
  kind: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  /** null for `introduced: "0"` (before every version). */
  version: Version | null;
  text: string;
}

interface PreparedEntry {
  advisory: Advisory;
  /** One sorted event list per ECOSYSTEM/SEMVER range. */
  ranges: PreparedEvent[][];
  versions: Version[];
}

export interface AdvisoryMatch {
  advisory: Advisory;
  /** Versions that fix it, from the matching ranges, ascending; empty when no fix is known. */
  fixedVersions: string[];
}

function eventOf(event: AffectedRange['events'][number]): { kind: PreparedEvent['kind']; text: string } {
  if ('introduced' in event) return { kind: 'introduced', text: event.introduced };
  if ('fixed' in event) return { kind: 'fixed', text: event.fixed };
  if ('last_affected' in event) return { kind: 'last_affected', text: event.last_affected };
  return { kind: 'limit', text: event.limit };
}

/** Events ordered by version, `introduced: "0"` first; events with unparsable versions are dropped. */
function prepareRange(range: AffectedRange): PreparedEvent[] {
  const events: PreparedEvent[] = [];
  for (const raw of range.events) {
    const { kind, text } = eventOf(raw);
    if (kind === 'introduced' && text === '0') {
      events.push({ kind, version: null, text });
      continue;
    }
    const version = parseVersion(text);
    if (version) events.push({ kind, version, text });
  }
  return events.sort((a, b) => {
    if (a.version === null) return b.version === null ? 0 : -1;
    if (b.version === null) return 1;
    return compareVersions(a.version, b.version);
  });
}

/** The OSV evaluation: walk the sorted events, switching in and out of "affected". */
function rangeAffects(events: PreparedEvent[], version: Version): boolean {
  let affected = false;
  for (const event of events) {
    if (event.kind === 'introduced') {
      if (event.version === null || compareVersions(version, event.version) >= 0) affected = true;
    } else if (event.kind === 'fixed' || event.kind === 'limit') {
      if (compareVersions(version, event.version!) >= 0) affected = false;
    } else if (compareVersions(version, event.version!) > 0) {
      affected = false;
    }
  }
  return affected;
}

function fixedVersionsAbove(ranges: PreparedEvent[][], version: Version): string[] {
  const fixed = new Map<string, Version>();
  for (const events of ranges) {
    for (const event of events) {
      if (event.kind === 'fixed' && event.version && compareVersions(event.version, version) > 0) {
        fixed.set(event.version.toString(), event.version);
      }
    }
  }
  return [...fixed.values()].sort(compareVersions).map(String);
}

export class AdvisoryIndex {
  private readonly byName = new Map<string, PreparedEntry[]>();
  /** findAdvisoriesFor's answers by name and version text. */
  private readonly answers = new BoundedCache<string, readonly AdvisoryMatch[]>(4096);
  readonly size: number;

  constructor(advisories: readonly Advisory[]) {
    let size = 0;
    for (const advisory of advisories) {
      if (advisory.withdrawn) continue;
      size += 1;
      for (const affected of advisory.affected) {
        const entry: PreparedEntry = {
          advisory,
          ranges: affected.ranges.filter((range) => range.type !== 'GIT').map(prepareRange),
          versions: affected.versions.map(parseVersion).filter((version): version is Version => version !== null),
        };
        const list = this.byName.get(affected.name) ?? [];
        list.push(entry);
        this.byName.set(affected.name, list);
      }
    }
    this.size = size;
  }

  /** Whether any advisory names the package: most packages have none, and then their versions need no parsing. */
  mentions(name: string): boolean {
    return this.byName.has(canonicalizeName(name));
  }

  /**
   * The advisories (each once, ordered by id) that name any of these packages: what a scan of
   * requirements on only these names can match, e.g. for a client that scans on its own.
   */
  advisoriesAbout(names: Iterable<string>): Advisory[] {
    const byId = new Map<string, Advisory>();
    for (const name of names) {
      for (const entry of this.byName.get(canonicalizeName(name)) ?? []) byId.set(entry.advisory.id, entry.advisory);
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Advisories affecting `name` at `version`, by id, with aliases of an earlier match folded
   * in. The index is built once per advisory set and serves every scan, and scans keep asking
   * about the same pinned versions, so answers are remembered (bounded); they are shared,
   * hence read-only.
   */
  findAdvisoriesFor(name: string, version: string | Version): readonly AdvisoryMatch[] {
    const canonical = canonicalizeName(name);
    const entries = this.byName.get(canonical);
    if (!entries) return [];
    const versionText = typeof version === 'string' ? version : version.toString();
    if (canonical.length + versionText.length > MAX_CACHED_KEY_LENGTH) return this.matchesOf(entries, version);
    const key = `${canonical}\u0000${versionText}`;
    let matches = this.answers.get(key);
    if (matches === undefined) {
      matches = this.matchesOf(entries, version);
      this.answers.set(key, matches);
    }
    return matches;
  }

  private matchesOf(entries: readonly PreparedEntry[], version: string | Version): readonly AdvisoryMatch[] {
    const parsed = typeof version === 'string' ? parseVersion(version) : version;
    if (!parsed) return [];
    const matches = new Map<string, AdvisoryMatch>();
    for (const entry of entries) {
      const listed = entry.versions.some((candidate) => compareVersions(candidate, parsed) === 0);
      const inRange = entry.ranges.some((events) => rangeAffects(events, parsed));
      if (!listed && !inRange) continue;
      const previous = matches.get(entry.advisory.id);
      const fixedVersions = fixedVersionsAbove(entry.ranges, parsed);
      matches.set(entry.advisory.id, {
        advisory: entry.advisory,
        fixedVersions: previous ? [...new Set([...previous.fixedVersions, ...fixedVersions])] : fixedVersions,
      });
    }
    return foldAliases([...matches.values()].sort((a, b) => (a.advisory.id < b.advisory.id ? -1 : a.advisory.id > b.advisory.id ? 1 : 0)));
  }
}

/** PYSEC-… and GHSA-… records of one vulnerability alias each other: report it once, keeping the first id. */
function foldAliases(matches: AdvisoryMatch[]): AdvisoryMatch[] {
  const kept: AdvisoryMatch[] = [];
  const covered = new Set<string>();
  for (const match of matches) {
    const ids = [match.advisory.id, ...match.advisory.aliases];
    if (ids.some((id) => covered.has(id))) continue;
    kept.push(match);
    for (const id of ids) covered.add(id);
  }
  return kept;
}
