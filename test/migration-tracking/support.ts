/**
 * Shared by the migration tracking specs: the documents, the lifecycle sweep, and a look at every migration table (to prove a
 * refused mutation changed nothing).
 */
import { BOOTSTRAP_TOKEN, type TestService } from '../setup/test-app';

export const MIGRATION_FIELDS = `id application { slug } from { version } to { version } deadline status risk
  blockers { code file line message } waiver { id status reason expiresOn } history { status previousStatus at cause causeKind causeRef }`;
export const MIGRATIONS = `query($filter: MigrationFilter, $orderBy: MigrationOrder, $first: Int, $after: String) {
  migrations(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${MIGRATION_FIELDS} } } } }`;
export const SUMMARY = `query($release: String!, $department: String) { migrationSummary(release: $release, department: $department) {
  total byStatus { status count } byRisk { risk count } } }`;
export const BURNDOWN = `query($release: String!, $department: String) { migrationBurndown(release: $release, department: $department) {
  points { weekStart remaining } remaining weeklyRate forecastCompletion onTrack noticeStart deadline } }`;
export const REQUEST_WAIVER = `mutation($input: RequestWaiverInput!) { requestWaiver(input: $input) { id status reason expiresOn requestedBy } }`;
export const DECIDE_WAIVER = `mutation($input: DecideWaiverInput!) { decideWaiver(input: $input) { id status decidedBy decisionReason } }`;
export const RETARGET = `mutation($input: RetargetMigrationInput!) { retargetMigration(input: $input) { ${MIGRATION_FIELDS} } }`;
export const OPEN = `mutation($input: OpenMigrationInput!) { openMigration(input: $input) { ${MIGRATION_FIELDS} } }`;
export const START = `mutation($migration: ID!) { startMigrationWork(migration: $migration) { ${MIGRATION_FIELDS} } }`;
export const BLOCKED = `mutation($input: ReportMigrationBlockedInput!) { reportMigrationBlocked(input: $input) { ${MIGRATION_FIELDS} } }`;

/** Runs the lifecycle sweep for a day through GraphQL, as an admin would; returns what it did. */
export async function runMigrationsSweep(service: TestService, asOf: string): Promise<Record<string, number>> {
  const response = await service.gql(
    `mutation($asOf: Date) { runLifecycleSweep(asOf: $asOf) { asOf noticesCreated deliveriesQueued migrationsOpened waiversExpired } }`,
    { asOf },
    BOOTSTRAP_TOKEN,
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.runLifecycleSweep;
}

const TABLES = ['migrations', 'migration_transitions', 'migration_waivers', 'migration_declarations'];

/** Every row of the migration tables, in a stable order. */
export async function migrationTables(service: TestService): Promise<Record<string, string[]>> {
  const [{ state }] = await service.dataSource.query<{ state: Record<string, string[]> }[]>(
    `SELECT json_build_object(${TABLES.map((table) => `'${table}', (SELECT coalesce(json_agg(to_jsonb(t)::text ORDER BY to_jsonb(t)::text), '[]') FROM ${table} t)`).join(', ')}) AS state`,
  );
  return state;
}

/**
 * RFC 4180 read back: quoted fields (with doubled quotes, commas and line breaks inside), CRLF
 * between records. Strict: a quote inside an unquoted field, or text after a closing quote, throws.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  let quoted = false;
  let fieldStarted = false;
  while (index < text.length) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
      } else if (char === '"') {
        quoted = false;
        index += 1;
        if (index < text.length && text[index] !== ',' && text[index] !== '\r') throw new Error(`text after a closing quote at ${index}`);
      } else {
        field += char;
        index += 1;
      }
      continue;
    }
    if (char === '"') {
      if (fieldStarted) throw new Error(`quote inside an unquoted field at ${index}`);
      quoted = true;
      fieldStarted = true;
      index += 1;
    } else if (char === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
      index += 1;
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      index += 2;
    } else if (char === '\n' || char === '\r') {
      throw new Error(`bare line break outside quotes at ${index}`);
    } else {
      field += char;
      fieldStarted = true;
      index += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (fieldStarted || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}
