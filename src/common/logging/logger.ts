import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';
import { loggableMessage, serializeError } from './error-serializer';

let sharedStdout: ReturnType<typeof pino.destination> | undefined;

/** One buffer for standard output per process, however many loggers write to it (CLI commands make one each). */
function bufferedStdout(): ReturnType<typeof pino.destination> {
  if (!sharedStdout) {
    const buffered = pino.destination({ dest: 1, sync: false, minLength: 4096 });
    process.once('exit', () => buffered.flushSync());
    sharedStdout = buffered;
  }
  return sharedStdout;
}

/**
 * One JSON logger for Fastify and Nest, so every line has the same shape. Writes are buffered
 * and asynchronous (a synchronous write per request costs a tenth of the catalog's throughput);
 * the buffer is flushed on exit.
 */
export function createRootLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const stream = destination ?? bufferedStdout();
  return pino(
    {
      level,
      base: { service: 'pype-lifecycle' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Database errors lose the fields that carry user-supplied values (see error-serializer.ts).
      serializers: { err: serializeError, error: serializeError },
    },
    stream,
  );
}

/**
 * Apollo Server's lines as JSON. Its "Unexpected error processing request" never comes: the
 * error-logging plugin logs that error itself, with the request id, and answers the request.
 */
export function apolloLogger(logger: Logger): {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
} {
  const log = logger.child({ context: 'Apollo' });
  return {
    debug: (message) => log.debug(String(message)),
    info: (message) => log.info(String(message)),
    warn: (message) => log.warn(String(message)),
    error: (message) => log.error(String(message)),
  };
}

function splitContext(optionalParams: unknown[]): { context?: string; extra: unknown[] } {
  const last = optionalParams[optionalParams.length - 1];
  if (typeof last === 'string') return { context: last, extra: optionalParams.slice(0, -1) };
  return { extra: optionalParams };
}

/** Nest's Logger API on top of pino: `new Logger(MyService.name).log(...)` writes structured JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'debug' | 'info' | 'warn' | 'error' | 'trace', message: unknown, optionalParams: unknown[]): void {
    const { context, extra } = splitContext(optionalParams);
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      fields.err = message;
      this.logger[level](fields, loggableMessage(message));
      return;
    }
    if (level === 'error' && typeof extra[0] === 'string' && extra[0].includes('\n')) fields.stack = extra[0];
    if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...message });
      return;
    }
    this.logger[level](fields, String(message));
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }
  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }
}
