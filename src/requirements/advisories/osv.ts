/**
 * OSV advisories (https://ossf.github.io/osv-schema/, schema 1.x) for the PyPI ecosystem:
 * validation with errors that name the offending field, and normalisation to the
 * `Advisory` shape the matcher and the service store. Entries for other ecosystems are
 * dropped; an advisory with none left for PyPI is still valid (it just matches nothing).
 */
import { canonicalizeName } from '../pep508/name';
import { cvss3BaseScore, severityLevelOfScore } from './cvss';

export class OsvValidationError extends Error {
  constructor(
    /** JSON path of the field, e.g. `affected[0].ranges[1].events[2]`. */
    readonly field: string,
    problem: string,
    /** Which advisory (its id, or its position in the input when it has none). */
    readonly advisory: string | null = null,
  ) {
    super(`${advisory ? `${advisory}: ` : ''}${field}: ${problem}`);
  }
}

export type AdvisorySeverityLevel = 'CRITICAL' | 'HIGH' | 'MODERATE' | 'MEDIUM' | 'LOW' | 'NONE' | 'UNKNOWN';

export interface AdvisorySeverityScore {
  type: string;
  score: string;
}

export type RangeEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface AffectedRange {
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT';
  events: RangeEvent[];
}

export interface AffectedPackage {
  /** PEP 503 canonical name. */
  name: string;
  ranges: AffectedRange[];
  versions: string[];
}

export interface Advisory {
  id: string;
  /** RFC 3339 time of the last change; a newer `modified` replaces a stored advisory. */
  modified: string;
  published: string | null;
  withdrawn: string | null;
  aliases: string[];
  summary: string | null;
  details: string | null;
  /** `database_specific.severity` when given (GitHub: LOW, MODERATE, HIGH, CRITICAL), else the rating of the highest CVSS v3 score. */
  severity: AdvisorySeverityLevel;
  /** Highest CVSS v3 base score among the vectors, when there is one. */
  cvssScore: number | null;
  scores: AdvisorySeverityScore[];
  affected: AffectedPackage[];
  references: Array<{ type: string; url: string }>;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Reader {
  constructor(private readonly advisory: string | null) {}

  fail(field: string, problem: string): never {
    throw new OsvValidationError(field, problem, this.advisory);
  }

  object(value: Json, field: string): Record<string, Json> {
    if (!isObject(value)) this.fail(field, `expected an object, got ${describe(value)}`);
    return value;
  }

  string(value: Json, field: string): string {
    if (typeof value !== 'string') this.fail(field, `expected a string, got ${describe(value)}`);
    return value;
  }

  optionalString(value: Json, field: string): string | null {
    return value === undefined || value === null ? null : this.string(value, field);
  }

  array(value: Json, field: string): Json[] {
    if (!Array.isArray(value)) this.fail(field, `expected an array, got ${describe(value)}`);
    return value;
  }

  optionalArray(value: Json, field: string): Json[] {
    return value === undefined || value === null ? [] : this.array(value, field);
  }

  strings(value: Json, field: string): string[] {
    return this.optionalArray(value, field).map((item, index) => this.string(item, `${field}[${index}]`));
  }

  timestamp(value: Json, field: string): string {
    const text = this.string(value, field);
    if (!isRfc3339(text)) this.fail(field, `expected an RFC 3339 time such as 2023-06-01T12:00:00Z, got "${text}"`);
    return text;
  }

  optionalTimestamp(value: Json, field: string): string | null {
    return value === undefined || value === null ? null : this.timestamp(value, field);
  }
}

function describe(value: Json): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string "${value.slice(0, 40)}"`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isRfc3339(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text));
}

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

function readEvent(reader: Reader, value: Json, field: string): RangeEvent {
  const event = reader.object(value, field);
  const keys = EVENT_KEYS.filter((key) => event[key] !== undefined);
  if (keys.length !== 1) reader.fail(field, `expected exactly one of ${EVENT_KEYS.join(', ')}, got ${keys.length === 0 ? 'none' : keys.join(' and ')}`);
  const key = keys[0];
  const version = reader.string(event[key], `${field}.${key}`);
  if (version === '') reader.fail(`${field}.${key}`, 'expected a version, got an empty string');
  return { [key]: version } as RangeEvent;
}

function readRange(reader: Reader, value: Json, field: string): AffectedRange {
  const range = reader.object(value, field);
  const type = reader.string(range.type, `${field}.type`);
  if (type !== 'ECOSYSTEM' && type !== 'SEMVER' && type !== 'GIT') reader.fail(`${field}.type`, `expected ECOSYSTEM, SEMVER or GIT, got "${type}"`);
  if (type === 'GIT' && typeof range.repo !== 'string') reader.fail(`${field}.repo`, 'a GIT range needs the repository URL');
  const events = reader.array(range.events, `${field}.events`).map((event, index) => readEvent(reader, event, `${field}.events[${index}]`));
  if (events.length === 0) reader.fail(`${field}.events`, 'expected at least one event');
  if (!events.some((event) => 'introduced' in event)) reader.fail(`${field}.events`, 'expected an "introduced" event');
  return { type, events };
}

/** An `affected` entry: about a PyPI package, or about another ecosystem (named, to report it). */
type ReadAffected = { pypi: AffectedPackage } | { otherEcosystem: string };

function readAffected(reader: Reader, value: Json, field: string): ReadAffected {
  const affected = reader.object(value, field);
  const pkg = reader.object(affected.package, `${field}.package`);
  const ecosystem = reader.string(pkg.ecosystem, `${field}.package.ecosystem`);
  const name = reader.string(pkg.name, `${field}.package.name`);
  const ranges = reader.optionalArray(affected.ranges, `${field}.ranges`).map((range, index) => readRange(reader, range, `${field}.ranges[${index}]`));
  const versions = reader.strings(affected.versions, `${field}.versions`);
  // OSV ecosystems may carry a suffix (`PyPI:...` is not used today, but `Debian:11` is the pattern).
  const base = ecosystem.split(':')[0];
  if (base !== 'PyPI') return { otherEcosystem: base };
  if (name.trim() === '') reader.fail(`${field}.package.name`, 'expected a package name');
  return { pypi: { name: canonicalizeName(name), ranges, versions } };
}

function readScores(reader: Reader, value: Json, field: string): AdvisorySeverityScore[] {
  return reader.optionalArray(value, field).map((item, index) => {
    const entry = reader.object(item, `${field}[${index}]`);
    return { type: reader.string(entry.type, `${field}[${index}].type`), score: reader.string(entry.score, `${field}[${index}].score`) };
  });
}

const DATABASE_LEVELS: readonly AdvisorySeverityLevel[] = ['CRITICAL', 'HIGH', 'MODERATE', 'MEDIUM', 'LOW', 'NONE'];

function databaseSeverity(value: Json): AdvisorySeverityLevel | null {
  if (!isObject(value) || typeof value.severity !== 'string') return null;
  const level = value.severity.toUpperCase() as AdvisorySeverityLevel;
  return DATABASE_LEVELS.includes(level) ? level : null;
}

function highestCvss3(scores: AdvisorySeverityScore[]): number | null {
  let best: number | null = null;
  for (const { score } of scores) {
    const value = cvss3BaseScore(score);
    if (value !== null && (best === null || value > best)) best = value;
  }
  return best;
}

/** Validates one OSV record and normalises it. `position` names it in errors when it has no id. */
export function parseOsvAdvisory(value: Json, position: string | null = null): Advisory {
  return readOsvAdvisory(value, position).advisory;
}

/** An advisory as read, with the other ecosystems its `affected` entries named (they are dropped). */
interface ReadAdvisory {
  advisory: Advisory;
  otherEcosystems: string[];
}

function readOsvAdvisory(value: Json, position: string | null): ReadAdvisory {
  const outer = new Reader(position);
  const record = outer.object(value, '(advisory)');
  const id = outer.string(record.id, 'id');
  if (id.trim() === '') outer.fail('id', 'expected a non-empty id');
  const reader = new Reader(id);
  if (record.schema_version !== undefined) {
    const version = reader.string(record.schema_version, 'schema_version');
    if (!/^1\.\d+(\.\d+)?$/.test(version)) reader.fail('schema_version', `expected a 1.x schema version, got "${version}"`);
  }
  const scores = [...readScores(reader, record.severity, 'severity')];
  const affectedValues = reader.optionalArray(record.affected, 'affected');
  const affected: AffectedPackage[] = [];
  const otherEcosystems = new Set<string>();
  affectedValues.forEach((item, index) => {
    const entry = readAffected(reader, item, `affected[${index}]`);
    if ('pypi' in entry) affected.push(entry.pypi);
    else otherEcosystems.add(entry.otherEcosystem);
    const perPackage = isObject(item) ? readScores(reader, item.severity, `affected[${index}].severity`) : [];
    for (const score of perPackage) scores.push(score);
  });
  const references = reader.optionalArray(record.references, 'references').map((item, index) => {
    const reference = reader.object(item, `references[${index}]`);
    return { type: reader.string(reference.type, `references[${index}].type`), url: reader.string(reference.url, `references[${index}].url`) };
  });
  const cvssScore = highestCvss3(scores);
  const severity = databaseSeverity(record.database_specific) ?? (cvssScore === null ? 'UNKNOWN' : severityLevelOfScore(cvssScore));
  const advisory: Advisory = {
    id,
    modified: reader.timestamp(record.modified, 'modified'),
    published: reader.optionalTimestamp(record.published, 'published'),
    withdrawn: reader.optionalTimestamp(record.withdrawn, 'withdrawn'),
    aliases: reader.strings(record.aliases, 'aliases'),
    summary: reader.optionalString(record.summary, 'summary'),
    details: reader.optionalString(record.details, 'details'),
    severity,
    cvssScore,
    scores,
    affected,
    references,
  };
  return { advisory, otherEcosystems: [...otherEcosystems].sort() };
}

/** One advisory, an array of them, or an object with a `vulns` array (the OSV API's response). */
function readOsvDocument(value: Json): ReadAdvisory[] {
  if (Array.isArray(value)) return value.map((item, index) => readOsvAdvisory(item, `[${index}]`));
  if (isObject(value) && Array.isArray(value.vulns)) return value.vulns.map((item, index) => readOsvAdvisory(item, `vulns[${index}]`));
  return [readOsvAdvisory(value, null)];
}

/**
 * Accepts what OSV tools produce: one advisory, an array of them, or an object with a
 * `vulns` array (the OSV API's response).
 */
export function parseOsvDocument(value: Json): Advisory[] {
  return readOsvDocument(value).map((read) => read.advisory);
}

function parseJsonText(text: string): Json {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new OsvValidationError('(document)', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses OSV JSON text; JSON syntax errors become OsvValidationError too. */
export function parseOsvJson(text: string): Advisory[] {
  return parseOsvDocument(parseJsonText(text));
}

/** An advisory left out of an import: every package it names belongs to another ecosystem. */
export interface SkippedAdvisory {
  id: string;
  ecosystems: string[];
}

/** What an import stores, and what it leaves out. */
export interface OsvImportDocument {
  advisories: Advisory[];
  skipped: SkippedAdvisory[];
}

/**
 * Parses OSV JSON text for an import into this service, which is about PyPI only: an advisory
 * whose `affected` entries all name other ecosystems (an npm-only one) is skipped, not stored.
 * One without any `affected` entry (some withdrawn records) is kept: nothing says it is not PyPI's.
 */
export function parseOsvJsonForImport(text: string): OsvImportDocument {
  const advisories: Advisory[] = [];
  const skipped: SkippedAdvisory[] = [];
  for (const { advisory, otherEcosystems } of readOsvDocument(parseJsonText(text))) {
    if (advisory.affected.length === 0 && otherEcosystems.length > 0) skipped.push({ id: advisory.id, ecosystems: otherEcosystems });
    else advisories.push(advisory);
  }
  return { advisories, skipped };
}

/**
 * Import semantics: one advisory per id, and a stored advisory is replaced only by one
 * with a later `modified` time (re-importing the same file changes nothing).
 */
export function mergeAdvisories(
  existing: readonly Advisory[],
  incoming: readonly Advisory[],
): { advisories: Advisory[]; added: string[]; updated: string[]; unchanged: string[] } {
  const byId = new Map(existing.map((advisory) => [advisory.id, advisory]));
  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  for (const advisory of incoming) {
    const current = byId.get(advisory.id);
    if (!current) {
      added.push(advisory.id);
      byId.set(advisory.id, advisory);
    } else if (Date.parse(advisory.modified) > Date.parse(current.modified)) {
      updated.push(advisory.id);
      byId.set(advisory.id, advisory);
    } else {
      unchanged.push(advisory.id);
    }
  }
  return { advisories: [...byId.values()], added, updated, unchanged };
}
