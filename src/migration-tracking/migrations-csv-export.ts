import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { MIGRATIONS_CSV_HEADER, migrationCsvRow } from './migrations-csv';
import { MigrationsService, type MigrationFilter } from './migrations.service';

/** The migrations CSV, for the API's export (bearer token) and the dashboard page's link (session) alike. */
@Injectable()
export class MigrationsCsvExport {
  constructor(private readonly migrations: MigrationsService) {}

  /**
   * Checks the filter first (a DomainError before the first byte), then streams the caller's
   * migrations as CSV lines, read in batches so memory stays flat.
   */
  async lines(principal: Principal, filter: MigrationFilter): Promise<AsyncGenerator<string>> {
    const batches = this.migrations.batches(await this.migrations.queryFor(principal, filter, ''));
    return (async function* () {
      yield MIGRATIONS_CSV_HEADER;
      for await (const batch of batches) yield batch.map(({ row, waiver }) => migrationCsvRow(row, waiver)).join('');
    })();
  }
}
