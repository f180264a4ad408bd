/**
 * The DataSource for the TypeORM CLI (`npm run migration:*`). It uses the same options as the
 * app; without DATABASE_URL it starts the embedded PostgreSQL under DATA_DIR, like `npm start`.
 */
import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from './src/common/config/app-config';
import { APP_ENTITIES } from './src/app-entities';
import { buildDataSourceOptions } from './src/common/database/data-source-options';
import { EmbeddedDatabase } from './src/common/database/embedded-postgres';

/** Stops the embedded server with the connection: some CLI commands end by destroying the DataSource and wait for an empty event loop. */
class CliDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly embedded: EmbeddedDatabase | null,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    await this.embedded?.stop();
  }
}

async function createCliDataSource(): Promise<DataSource> {
  const config = loadConfig();
  const embedded =
    config.database.url === null
      ? await EmbeddedDatabase.start({
          dataDir: config.database.dataDir,
          dataDirIsDefault: process.env.DATA_DIR === undefined,
          port: config.database.embeddedPort,
          database: 'pype',
          log: (level, message) => level !== 'debug' && console.error(message),
        })
      : null;
  return new CliDataSource(buildDataSourceOptions(config, config.database.url ?? embedded!.url, APP_ENTITIES), embedded);
}

export default createCliDataSource();
