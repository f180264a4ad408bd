/**
 * The DataSource for the TypeORM CLI (`npm run migration:*`). It uses the same options as the
 * app; without DATABASE_URL it starts the embedded PostgreSQL under DATA_DIR, like `npm start`.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/common/config/app-config';
import { buildDataSourceOptions } from './src/common/database/data-source-options';
import { EmbeddedDatabase } from './src/common/database/embedded-postgres';

async function createCliDataSource(): Promise<DataSource> {
  const config = loadConfig();
  const url =
    config.database.url ??
    (
      await EmbeddedDatabase.start({
        dataDir: config.database.dataDir,
        dataDirIsDefault: process.env.DATA_DIR === undefined,
        port: config.database.embeddedPort,
        database: 'pype',
        log: (level, message) => level !== 'debug' && console.error(message),
      })
    ).url;
  return new DataSource(buildDataSourceOptions(config, url));
}

export default createCliDataSource();
