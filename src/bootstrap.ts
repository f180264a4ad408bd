import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { Clock } from './common/clock/clock';
import type { AppConfig } from './common/config/app-config';
import { EmbeddedDatabase, type EmbeddedDatabaseError } from './common/database/embedded-postgres';
import { migrateDatabase } from './common/database/migrate';
import { LifecycleSweepScheduler } from './notices/lifecycle-sweep.scheduler';
import { catalogIsEmpty, seedCatalog } from './releases/seed/seed-catalog';

export interface RunningService {
  app: NestFastifyApplication;
  url: string;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

export interface StartServiceOptions {
  /**
   * The embedded PostgreSQL died and could not be restarted (EMBEDDED_PG_MAX_RESTARTS): the
   * service cannot work any more. `npm start` exits non-zero so that its supervisor restarts it.
   */
  onDatabaseLost?(error: EmbeddedDatabaseError): void;
}

/** Starts the embedded PostgreSQL unless DATABASE_URL names a server; returns the URL to use. */
export async function resolveDatabase(
  config: AppConfig,
  logger: PinoLogger,
  env: NodeJS.ProcessEnv = process.env,
  options: StartServiceOptions = {},
): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (config.database.url !== null) return { url: config.database.url, embedded: null };
  const log = logger.child({ context: 'EmbeddedPostgres' });
  const embedded = await EmbeddedDatabase.start({
    dataDir: config.database.dataDir,
    dataDirIsDefault: env.DATA_DIR === undefined || env.DATA_DIR.trim() === '',
    port: config.database.embeddedPort,
    database: 'pype',
    log: (level, message) => log[level](message),
    supervision: {
      maxRestarts: config.database.embeddedMaxRestarts,
      onGiveUp: (error) => options.onDatabaseLost?.(error),
    },
  });
  return { url: embedded.url, embedded };
}

/** Migrates, seeds a fresh catalog and listens: everything `npm start` does after reading its config. */
export async function startService(config: AppConfig, logger: PinoLogger, options: StartServiceOptions = {}): Promise<RunningService> {
  const { url, embedded } = await resolveDatabase(config, logger, process.env, options);
  let app: NestFastifyApplication | null = null;
  try {
    app = await createApp({ config, databaseUrl: url, logger });
    const dataSource = app.get(DataSource);
    if (config.database.runMigrations) {
      const applied = await migrateDatabase(dataSource);
      if (applied.length > 0) logger.info({ migrations: applied }, `Applied ${applied.length} migration(s)`);
    }
    if (config.database.seedWhenEmpty && (await catalogIsEmpty(dataSource))) {
      const { inserted } = await seedCatalog(dataSource, app.get(Clock).now());
      logger.info(`Loaded the seed catalog: ${inserted.join(', ')}`);
    }
    await app.listen({ port: config.port, host: config.host });
    app.get(LifecycleSweepScheduler).start();
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  const running = app;
  return {
    app: running,
    url: await running.getUrl(),
    embedded,
    async close() {
      await running.close();
      await embedded?.stop();
    },
  };
}
