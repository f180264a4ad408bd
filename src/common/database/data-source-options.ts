import pino, { type Logger as PinoLogger } from 'pino';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import type { AppConfig } from '../config/app-config';
import { createRootLogger } from '../logging/logger';
import { TypeOrmPinoLogger } from '../logging/typeorm-logger';

/**
 * The one description of the database, used by the app, the CLI, the TypeORM CLI and tests.
 * `entities` is empty for the app, whose modules register their own (`autoLoadEntities`); the
 * DataSources built outside Nest pass `APP_ENTITIES` (src/app-entities.ts), assembled above
 * the features so this layer never imports them. TypeORM's lines go to `logger` as JSON
 * (without a logger: to standard error, so a command's standard output stays its own).
 */
export function buildDataSourceOptions(config: AppConfig, url: string, entities: DataSourceOptions['entities'], logger?: PinoLogger): DataSourceOptions {
  const log = logger ?? createRootLogger(config.logLevel, pino.destination({ dest: 2, sync: true }));
  const typeormLogger = new TypeOrmPinoLogger(log);
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+; uuid-ossp needs rights managed databases refuse.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logger: typeormLogger,
    // A pooled connection the server dropped; the pool replaces it, the database monitor checks the server.
    poolErrorHandler: (error: Error) => typeormLogger.log('warn', `A pooled database connection was lost: ${error.message}`),
    extra: {
      max: config.database.poolSize,
      // A request that cannot get a connection fails after this long rather than queueing forever.
      connectionTimeoutMillis: config.database.poolWaitMs,
      statement_timeout: config.database.statementTimeoutMs || undefined,
      application_name: 'pype-lifecycle',
    },
  };
}
