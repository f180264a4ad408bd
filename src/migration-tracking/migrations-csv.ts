import { csvRow } from './domain/csv';
import type { MigrationRow, MigrationWaiver } from './migration';

export const MIGRATIONS_CSV_HEADER = csvRow([
  'application',
  'name',
  'department',
  'group',
  'from',
  'to',
  'deadline',
  'status',
  'risk',
  'blocker_count',
  'blockers',
  'waiver_status',
  'waiver_expires_on',
  'opened_at',
  'status_changed_at',
]);

/** One migration, its blockers in one cell (one per line: "file:line CODE message"). */
export function migrationCsvRow(row: MigrationRow, waiver: MigrationWaiver | null): string {
  const blockers = row.blockers.map((blocker) => {
    const place = blocker.file === null ? '' : `${blocker.file}${blocker.line === null ? '' : `:${blocker.line}`} `;
    return `${place}${blocker.code} ${blocker.message}`;
  });
  return csvRow([
    row.application.slug,
    row.application.name,
    row.application.department,
    row.owningGroupSlug,
    row.sourceVersion,
    row.targetVersion,
    row.deadline,
    row.status,
    row.risk,
    row.blockers.length,
    blockers.join('\n'),
    waiver?.status ?? null,
    waiver?.expiresOn ?? null,
    row.openedAt.toISOString(),
    row.statusChangedAt.toISOString(),
  ]);
}
