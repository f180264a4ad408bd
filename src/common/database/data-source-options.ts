import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import type { AppConfig } from '../config/app-config';

/**
 * The one description of the database, used by the app, the CLI, the TypeORM CLI and tests.
 * `entities` is empty for the app, whose modules register their own (`autoLoadEntities`); the
 * DataSources built outside Nest pass `APP_ENTITIES` (src/app-entities.ts), assembled above
 * the features so this layer never imports them.
 */
export function buildDataSourceOptions(config: AppConfig, url: string, entities: DataSourceOptions['entities']): DataSourceOptions {
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
    logging: ['error'],
    extra: {
      max: config.database.poolSize,
      // A request that cannot get a connection fails after this long rather than queueing forever.
      connectionTimeoutMillis: config.database.poolWaitMs,
      statement_timeout: config.database.statementTimeoutMs || undefined,
      application_name: 'pype-lifecycle',
    },
  };
}
