import 'reflect-metadata';
import { getHeapStatistics } from 'node:v8';
import { ConfigError, loadConfig } from './common/config/app-config';
import { EmbeddedDatabaseError } from './common/database/embedded-postgres';
import { createRootLogger } from './common/logging/logger';
import { startService } from './bootstrap';

/** How long a shutdown may take before the process gives up waiting and exits. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config.logLevel);
  let service: Awaited<ReturnType<typeof startService>>;
  // Set once the service listens; before that, losing the database ends start-up at once.
  let shutdown: ((reason: string, exitCode: number) => void) | null = null;
  try {
    service = await startService(config, logger, {
      onDatabaseLost: (error) => {
        logger.fatal(`${error.message}; exiting so that a supervisor can restart the service`);
        if (shutdown) shutdown('The embedded database was lost', 1);
        else process.exit(1);
      },
    });
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) logger.fatal(error.message);
    else logger.fatal({ err: error }, `Could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  // The heap limit says whether the memory budget of `npm start` is in force (see README, Memory budget).
  const heapLimitMiB = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  logger.info({ node: process.version, heapLimitMiB }, `PyPE Lifecycle serves ${service.url}/graphql`);

  let stopping = false;
  shutdown = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: finishing requests and shutting down`);
    const timer = setTimeout(() => {
      logger.error(`Shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    service
      .close()
      .then(() => {
        logger.info('Stopped');
        logger.flush?.();
        process.exit(exitCode);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown?.('SIGINT received', 0));
  process.on('SIGTERM', () => shutdown?.('SIGTERM received', 0));
}

void main();
