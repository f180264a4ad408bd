/**
 * The operator commands (users, tokens, seed, migrations, advisory and inventory imports): they use
 * the database of DATABASE_URL, or the embedded one under DATA_DIR. Loaded only when one of them
 * runs, so that `scan`, `help` and `--version` start without TypeORM and NestJS.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AdvisoriesRepository } from '../advisories/advisories.repository';
import { AdvisoriesService } from '../advisories/advisories.service';
import { AdvisoryFileError, readAdvisoryFiles } from '../advisories/read-advisory-files';
import { checkStorableAdvisory } from '../advisories/utils/check-storable-advisory';
import { ApiTokensRepository } from '../auth/api-tokens.repository';
import { BOOTSTRAP_ADMIN } from '../auth/principal';
import { isRole, Role } from '../auth/role';
import { UsersRepository, type UsersCursorKey } from '../auth/users.repository';
import { UsersService } from '../auth/users.service';
import { resolveDatabase } from '../bootstrap';
import { parseCalendarDate } from '../calendar/calendar-date';
import { Clock } from '../common/clock/clock';
import { loadConfig, type AppConfig } from '../common/config/app-config';
import { APP_ENTITIES } from '../app-entities';
import { buildDataSourceOptions } from '../common/database/data-source-options';
import { migrateDatabase, revertAllMigrations } from '../common/database/migrate';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { checkEmailAddress } from '../common/input-rules/email-address';
import { checkDisplayName } from '../common/input-rules/field-rules';
import { createRootLogger } from '../common/logging/logger';
import { seedCatalog } from '../releases/seed/seed-catalog';
import {
  describeImportResult,
  describeInventoryErrors,
  importInventory,
  InventoryFileError,
  inventoryFormatNamed,
  inventoryFormatOfFile,
  readInventoryFile,
} from './inventory-import';

import type { CliIo } from './cli-io';
import { UsageError } from './usage-error';

async function withDatabase<T>(io: CliIo, work: (dataSource: DataSource, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env, io.configDir ?? io.cwd);
  // Logs go to stderr: stdout carries what scripts capture, such as the token of token:create.
  const logger = createRootLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr);
  const { url, embedded } = await resolveDatabase(config, logger, io.env);
  const dataSource = await new DataSource(buildDataSourceOptions(config, url, APP_ENTITIES)).initialize();
  try {
    if (config.database.runMigrations) await migrateDatabase(dataSource);
    return await work(dataSource, config);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

/**
 * `sweep [--as-of DATE]`: the lifecycle sweep of the service, run in this process against the
 * service's database (the whole application without its HTTP listener), then stopped.
 */
export async function sweepCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { 'as-of': { type: 'string' } }, strict: true });
  let asOf: string | null = null;
  if (values['as-of'] !== undefined) {
    try {
      asOf = parseCalendarDate(values['as-of'], '--as-of');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const config = loadConfig(io.env, io.configDir ?? io.cwd);
  const logger = createRootLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr);
  const { url, embedded } = await resolveDatabase(config, logger, io.env);
  try {
    const { createApp } = await import('../app.factory.js');
    const app = await createApp({ config, databaseUrl: url, logger });
    try {
      await app.init();
      if (config.database.runMigrations) await migrateDatabase(app.get(DataSource));
      const { LifecycleSweepService } = await import('../notices/lifecycle-sweep.service.js');
      const result = await app.get(LifecycleSweepService).run(asOf);
      write(io.stdout, JSON.stringify(result));
      return 0;
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
  }
}

/** `user:list` reads the users this many at a time. */
const USER_LIST_PAGE = 200;

const withoutAutoMigration = (io: CliIo): CliIo => ({ ...io, env: { ...io.env, MIGRATIONS_RUN: 'false' } });

function usersServiceFor(dataSource: DataSource): UsersService {
  return new UsersService(new UsersRepository(dataSource), new ApiTokensRepository(dataSource), new Clock());
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

const write = (stream: NodeJS.WritableStream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);

/** An import refused before anything was written: why, then that nothing was imported. Exit code 2. */
function nothingImported(io: CliIo, ...why: string[]): number {
  write(io.stderr, [...why, 'Nothing was imported.'].join('\n'));
  return 2;
}

/** `advisories:import FILE...`: validates every file first, then imports them all in one transaction. */
export async function importAdvisoriesCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError('advisories:import needs at least one OSV JSON file or directory');
  let files;
  try {
    files = await readAdvisoryFiles(positionals, io.cwd);
  } catch (error) {
    if (!(error instanceof AdvisoryFileError)) throw error;
    return nothingImported(io, `advisories:import: ${error.message}`);
  }
  const advisories = files.flatMap((file) => file.advisories);
  const skipped = files.flatMap((file) => file.skipped);
  let result;
  try {
    for (const advisory of advisories) checkStorableAdvisory(advisory);
    result = await withDatabase(io, (dataSource) =>
      new AdvisoriesService(dataSource, new AdvisoriesRepository(dataSource), new Clock()).import({ advisories, skipped }),
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return nothingImported(io, `advisories:import: ${error.message}`);
  }
  const fileCount = files.length === 1 ? files[0].path : `${files.length} files`;
  write(
    io.stdout,
    `Imported ${advisories.length} advisories from ${fileCount}: ${result.added.length} added, ${result.updated.length} updated, ${result.unchanged.length} unchanged, ${result.skipped.length} skipped (other ecosystems)`,
  );
  for (const id of result.added) write(io.stdout, `  added    ${id}`);
  for (const id of result.updated) write(io.stdout, `  updated  ${id}`);
  for (const { id, ecosystems } of skipped) write(io.stdout, `  skipped  ${id} (${ecosystems.join(', ')} only)`);
  return 0;
}

/**
 * `inventory:import FILE`: the `importInventory` mutation from the shell, as the bootstrap admin.
 * Every row is checked first; a file with any problem imports nothing and lists them all.
 */
export async function importInventoryCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('inventory:import needs exactly one CSV or JSON file');
  const [file] = positionals;
  const format = values.format === undefined ? inventoryFormatOfFile(file) : inventoryFormatNamed(values.format);
  if (format === null) {
    throw new UsageError(
      values.format === undefined
        ? `inventory:import cannot tell the format of ${file} from its name: use a .csv or .json file, or say --format csv or --format json`
        : `--format must be csv or json; got ${values.format}`,
    );
  }
  let result;
  try {
    const content = await readInventoryFile(file, io.cwd);
    const dryRun = values['dry-run'];
    result = await withDatabase(io, (dataSource, config) => importInventory(dataSource, config, { format, content, dryRun }));
  } catch (error) {
    if (error instanceof InventoryFileError) return nothingImported(io, `inventory:import: ${error.message}`);
    if (error instanceof DomainError && error.code === ErrorCode.BAD_USER_INPUT) {
      return nothingImported(io, `inventory:import: ${file} has problems; fix them and run the command again:`, ...describeInventoryErrors(error));
    }
    throw error;
  }
  write(
    io.stdout,
    result.dryRun ? `Dry run: nothing was written. ${file} (${format}) is valid; importing it would make these changes:` : `Imported ${file} (${format}):`,
  );
  write(io.stdout, describeImportResult(result).join('\n'));
  return 0;
}

export async function operatorCommand(command: string, args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      expires: { type: 'string' },
      id: { type: 'string' },
    },
    strict: true,
  });
  switch (command) {
    case 'user:create': {
      const email = required(values, 'email');
      const roles = (values.role ?? []).map((role) => role.toUpperCase());
      const unknown = roles.filter((role) => !isRole(role));
      if (unknown.length > 0) throw new UsageError(`--role must be ADMIN, MANAGER or DEVELOPER; got ${unknown.join(', ')}`);
      // The same rules as createUser over GraphQL and the inventory import.
      const address = checkEmailAddress(email, '--email');
      if (!address.ok) throw new UsageError(address.message);
      const displayName = checkDisplayName(values.name ?? address.value, '--name');
      if (!displayName.ok) throw new UsageError(displayName.message);
      const user = await withDatabase(io, (dataSource) =>
        usersServiceFor(dataSource).createUser({ email: address.value, displayName: displayName.value, roles: roles as Role[] }),
      );
      write(io.stdout, `Created user ${user.email} (${user.id}) with roles ${user.roles.join(', ') || '(none)'}`);
      if (user.roles.includes(Role.MANAGER)) {
        write(io.stdout, 'The manager oversees no department yet: an admin grants some with setManagedDepartments (departments, or allDepartments: true).');
      }
      return 0;
    }
    case 'user:list': {
      // Page by page, so that memory stays bounded however many users there are.
      const listed = await withDatabase(io, async (dataSource) => {
        const users = usersServiceFor(dataSource);
        let count = 0;
        for (let after: UsersCursorKey | null = null; ;) {
          const page = await users.listUsers(null, { first: USER_LIST_PAGE, after });
          for (const user of page.items) write(io.stdout, `${user.id}  ${user.email}  ${user.roles.join(',') || '-'}${user.disabledAt ? '  (disabled)' : ''}`);
          count += page.items.length;
          if (!page.hasNextPage) return count;
          after = [page.items[page.items.length - 1].email];
        }
      });
      if (listed === 0) write(io.stdout, 'No users yet. Create one with: npm run cli -- user:create --email you@example.edu --role ADMIN');
      return 0;
    }
    case 'token:create': {
      const email = required(values, 'email');
      let expiresAt: Date | null = null;
      if (values.expires !== undefined) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expires) || Number.isNaN(Date.parse(values.expires))) {
          throw new UsageError(`--expires must be a date YYYY-MM-DD; got ${values.expires}`);
        }
        expiresAt = new Date(`${values.expires}T00:00:00Z`);
      }
      const created = await withDatabase(io, async (dataSource) => {
        const users = usersServiceFor(dataSource);
        const user = await users.findUserByEmail(email);
        return users.createApiToken(BOOTSTRAP_ADMIN, { userId: user.id, name: values.name ?? 'cli', expiresAt });
      });
      write(io.stderr, `Token ${created.apiToken.id} for ${email} created. It is shown only now:`);
      write(io.stdout, created.token);
      return 0;
    }
    case 'token:revoke': {
      const id = required(values, 'id');
      await withDatabase(io, (dataSource) => usersServiceFor(dataSource).revokeApiToken(BOOTSTRAP_ADMIN, id));
      write(io.stdout, `Revoked token ${id}`);
      return 0;
    }
    case 'seed': {
      const outcome = await withDatabase(io, (dataSource) => seedCatalog(dataSource, new Date()));
      write(io.stdout, `Seed catalog: inserted ${outcome.inserted.join(', ') || 'nothing'}; already present ${outcome.skipped.join(', ') || 'nothing'}`);
      return 0;
    }
    case 'migrate': {
      const applied = await withDatabase(withoutAutoMigration(io), (dataSource) => migrateDatabase(dataSource));
      write(io.stdout, applied.length > 0 ? `Applied ${applied.join(', ')}` : 'Database is up to date');
      return 0;
    }
    case 'migrate:revert-all': {
      const reverted = await withDatabase(withoutAutoMigration(io), (dataSource) => revertAllMigrations(dataSource));
      write(io.stdout, `Reverted ${reverted} migration(s)`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}
