/**
 * The service's configuration, read once from the environment and validated as a whole:
 * every bad variable is reported at once, by name, with what was expected. Shared by the
 * app, `ormconfig.ts` and the CLI so they can never disagree.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { isValidTimeZone } from '../../calendar/calendar-date';
import { DEFAULT_MAINTENANCE_CALENDAR, type MaintenanceCalendar } from '../../calendar/maintenance-calendar';
import { validateMaintenanceCalendar } from '../../calendar/maintenance-calendar-validation';
import { validate as isValidCron } from 'node-cron';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: LogLevel;
  /** Which requests get an access-log line: every one, only failed or slow ones, or none. */
  logRequests: 'all' | 'errors' | 'none';
  /** With logRequests 'errors': requests slower than this are logged too. */
  slowRequestMs: number;
  database: {
    /** null means: start the embedded PostgreSQL under `dataDir`. */
    url: string | null;
    dataDir: string;
    embeddedPort: number;
    poolSize: number;
    poolWaitMs: number;
    runMigrations: boolean;
    seedWhenEmpty: boolean;
    statementTimeoutMs: number;
    /** How often the database monitor checks the server with a connection of its own. */
    checkIntervalMs: number;
    /** Restarts of a crashed embedded PostgreSQL in a row before the service exits non-zero. */
    embeddedMaxRestarts: number;
  };
  bootstrapAdminToken: string | null;
  campusTimeZone: string;
  policy: {
    noticeMonths: number;
    ltsWindowMonths: number;
    stableWindowMonths: number;
    toleranceMonths: number;
  };
  /** From MAINTENANCE_CALENDAR_FILE, or the SLA's calendar in the campus time zone. */
  maintenanceCalendar: MaintenanceCalendar;
  migrations: {
    /** A migration not yet in testing this close to its deadline is AT_RISK. */
    atRiskDays: number;
    /** A waiver expires at most this many days after the migration's deadline. */
    waiverMaxDays: number;
  };
  scan: {
    maxUploadBytes: number;
    allowedIndexUrls: string[];
  };
  graphql: {
    introspection: boolean;
    /** Work bounds checked before an operation runs (see common/graphql/request-limits.plugin.ts). */
    maxTokens: number;
    maxAliases: number;
    maxDepth: number;
    maxCost: number;
    /** After this long, fields not yet started are not resolved, and none once the client has gone. */
    requestTimeoutMs: number;
    /** Memory the anonymous catalog answers may take, in bytes. */
    catalogCacheBytes: number;
    /** How long a replica may repeat a signed-in inventory answer at most (ms); 0 turns that cache off. */
    answerCacheTtlMs: number;
    /** Memory the signed-in inventory answers may take, in bytes. */
    answerCacheBytes: number;
  };
  /** Requests per client (IP address) without a token; 0 turns the limit off. */
  anonymousRateLimit: {
    perMinute: number;
    burst: number;
  };
  /**
   * Requests per client whose Authorization header does not authenticate (a separate budget, so that
   * valid tokens behind the same address are not refused for anonymous traffic); 0 turns it off.
   */
  failedAuthenticationRateLimit: {
    perMinute: number;
    burst: number;
  };
  /** How long a replica may answer an API token from memory at most (ms); 0 reads it from the database on every request. */
  authCacheTtlMs: number;
  /** The largest request body read for a caller without a valid token (larger ones only for token holders). */
  anonymousBodyLimitBytes: number;
  /** Which proxies' X-Forwarded-For is believed (Fastify's trustProxy): true, false or addresses. */
  trustProxy: boolean | string;
  /**
   * Where people and tools reach this service (no trailing slash): absolute links in feeds,
   * e-mails and webhooks. Default http://localhost:<PORT>.
   */
  publicUrl: string;
  /** E-mail and webhook deliveries of notices (src/deliveries). */
  deliveries: DeliveriesConfig;
  notices: NoticesConfig;
}

export interface DeliveriesConfig {
  /** smtp:// or smtps:// URL of the mail server; null: e-mails are recorded as not sent. */
  smtpUrl: string | null;
  /** The From address of notice e-mails. */
  from: string;
  /** Retries after the first attempt before a delivery becomes a dead letter. */
  retryLimit: number;
  /** The first retry's delay; later ones double, with jitter, up to retryDelayMaxSeconds. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** Deliveries this replica sends at once; 0: it queues but never delivers. */
  concurrency: number;
  /** How often an idle worker looks for due deliveries. */
  pollIntervalMs: number;
  /** How long a webhook receiver or the SMTP server may take to answer one attempt. */
  webhookTimeoutMs: number;
  smtpTimeoutMs: number;
  /**
   * Whether webhooks may reach loopback, private, link-local and reserved addresses (checked when
   * a webhook is made and on every connection): denied by default in production.
   */
  webhookPrivateAddresses: 'allow' | 'deny';
  /** 32 bytes that seal webhook secrets at rest (AES-256-GCM); null: secrets are stored as given. */
  webhookSecretKey: Buffer | null;
}

export interface NoticesConfig {
  /** Days before end of support on which a milestone notice goes out, most days first. */
  milestonesDays: number[];
  /** When the lifecycle sweep runs (cron, campus time). */
  schedule: string;
  /** Days an unacknowledged 30-day-or-later milestone notice waits before it escalates to managers. */
  escalationDays: number;
  /** Where release announcements are e-mailed (a mailing list), or null. */
  announceTo: string | null;
}

/**
 * What an anonymous caller can legitimately send: the largest scan, whose text JSON may escape to
 * twice its bytes, plus 1 MiB for the query and the other arguments.
 */
export function defaultAnonymousBodyLimit(scanMaxUploadBytes: number): number {
  return 2 * scanMaxUploadBytes + 1024 * 1024;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` + problems.map((problem) => `  - ${problem}`).join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Collects problems while reading variables so all of them are reported together. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | null {
    return this.raw(name) ?? null;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got '${value}'`);
      return fallback;
    }
    return Number(value);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(value)) return true;
    if (['false', '0', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false, got '${this.raw(name)}'`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got '${value}'`);
      return fallback;
    }
    return value as T;
  }

  fail(problem: string): void {
    this.problems.push(problem);
  }
}

/** The longest notice a milestone may give: ten years. */
const MAX_MILESTONE_DAYS = 3650;
const DEFAULT_MILESTONES_DAYS = '240,180,90,30,7,0';

/**
 * NOTICE_MILESTONES_DAYS as whole days, most first. An empty list is refused: it would silently
 * turn milestone notices off.
 */
export function parseMilestoneList(text: string): { milestones: number[] } | { problem: string } {
  const items = text.split(',').map((item) => item.trim());
  if (items.every((item) => item === '')) return { problem: `must list at least one number of days, such as ${DEFAULT_MILESTONES_DAYS}` };
  const days: number[] = [];
  for (const item of items) {
    if (!/^\d{1,4}$/.test(item) || Number(item) > MAX_MILESTONE_DAYS) {
      return {
        problem: `must be comma-separated whole numbers of days from 0 to ${MAX_MILESTONE_DAYS}, such as ${DEFAULT_MILESTONES_DAYS}; '${item}' is not one`,
      };
    }
    days.push(Number(item));
  }
  if (new Set(days).size !== days.length) return { problem: `lists a number of days twice: '${text}'` };
  return { milestones: days.sort((a, b) => b - a) };
}

const SIMPLE_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function readNoticesConfig(reader: EnvReader): NoticesConfig {
  const milestones = parseMilestoneList(reader.raw('NOTICE_MILESTONES_DAYS') ?? DEFAULT_MILESTONES_DAYS);
  if ('problem' in milestones) reader.fail(`NOTICE_MILESTONES_DAYS ${milestones.problem}`);
  const schedule = reader.string('NOTICE_SCHEDULE', '0 6 * * *');
  if (!isValidCron(schedule)) {
    reader.fail(`NOTICE_SCHEDULE must be a cron expression such as '0 6 * * *' (minute hour day-of-month month day-of-week), got '${schedule}'`);
  }
  const announceTo = reader.optionalString('NOTICE_ANNOUNCE_TO');
  if (announceTo !== null && !SIMPLE_EMAIL.test(announceTo)) {
    reader.fail(`NOTICE_ANNOUNCE_TO must be an e-mail address such as pype-announce@example.edu, got '${announceTo}'`);
  }
  return {
    milestonesDays: 'milestones' in milestones ? milestones.milestones : [240, 180, 90, 30, 7, 0],
    schedule,
    escalationDays: reader.integer('NOTICE_ESCALATION_DAYS', 7, 1, 365),
    announceTo: announceTo?.toLowerCase() ?? null,
  };
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

function readDatabaseUrl(reader: EnvReader): string | null {
  const url = reader.optionalString('DATABASE_URL');
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      reader.fail(`DATABASE_URL must be a postgres:// or postgresql:// URL, got protocol '${parsed.protocol}'`);
    }
  } catch {
    reader.fail('DATABASE_URL must be a URL like postgres://user:password@host:5432/database');
  }
  return url;
}

function readUrlList(reader: EnvReader, name: string): string[] {
  const value = reader.raw(name);
  if (value === undefined) return [];
  const urls = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const url of urls) {
    try {
      new URL(url);
    } catch {
      reader.fail(`${name} must be a comma-separated list of URLs; '${url}' is not a URL`);
    }
  }
  return urls;
}

/** Proxies on loopback and private networks by default: a client elsewhere cannot pick its own address. */
const DEFAULT_TRUST_PROXY = 'loopback,linklocal,uniquelocal';
const TRUST_PROXY_ITEM = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;

function readPublicUrl(reader: EnvReader, port: number): string {
  const fallback = `http://localhost:${port}`;
  const text = reader.optionalString('PUBLIC_URL');
  if (text === null) return fallback;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`protocol ${url.protocol}`);
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') throw new Error('query, fragment or credentials');
    return url.href.replace(/\/+$/, '');
  } catch {
    reader.fail(`PUBLIC_URL must be an http:// or https:// URL without query, fragment or credentials, such as https://pype.example.edu; got '${text}'`);
    return fallback;
  }
}

function readTrustProxy(reader: EnvReader): boolean | string {
  const value = reader.raw('TRUST_PROXY');
  if (value === undefined) return DEFAULT_TRUST_PROXY;
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  const items = value.split(',').map((item) => item.trim());
  const bad = items.filter((item) => !TRUST_PROXY_ITEM.test(item));
  if (bad.length > 0) {
    reader.fail(`TRUST_PROXY must be true, false, or comma-separated addresses, CIDR ranges, loopback, linklocal or uniquelocal; '${bad[0]}' is none of these`);
    return DEFAULT_TRUST_PROXY;
  }
  return items.join(',');
}

/** An address alone (`a@b.c`) or with a display name (`PyPE <a@b.c>`). */
const MAIL_FROM = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

function readSmtpUrl(reader: EnvReader): string | null {
  const url = reader.optionalString('SMTP_URL');
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
      reader.fail(`SMTP_URL must be an smtp:// or smtps:// URL, got protocol '${parsed.protocol}'`);
    } else if (parsed.hostname === '') {
      reader.fail('SMTP_URL must name a host, like smtp://mail.example.edu:587');
    }
  } catch {
    reader.fail('SMTP_URL must be a URL like smtp://user:password@mail.example.edu:587 or smtps://mail.example.edu:465');
  }
  return url;
}

function readDeliveries(reader: EnvReader, nodeEnv: AppConfig['nodeEnv']): DeliveriesConfig {
  const from = reader.string('NOTICE_FROM', 'PyPE Lifecycle <pype-lifecycle@localhost>');
  if (!MAIL_FROM.test(from)) reader.fail(`NOTICE_FROM must be an e-mail address, optionally with a name (PyPE <pype@example.edu>), got '${from}'`);
  const retryDelaySeconds = reader.integer('DELIVERY_RETRY_DELAY_SECONDS', 30, 1, 86_400);
  const retryDelayMaxSeconds = reader.integer('DELIVERY_RETRY_DELAY_MAX_SECONDS', 3_600, 1, 7 * 86_400);
  if (retryDelayMaxSeconds < retryDelaySeconds) {
    reader.fail(`DELIVERY_RETRY_DELAY_MAX_SECONDS must be at least DELIVERY_RETRY_DELAY_SECONDS (${retryDelaySeconds}), got ${retryDelayMaxSeconds}`);
  }
  return {
    smtpUrl: readSmtpUrl(reader),
    from,
    retryLimit: reader.integer('DELIVERY_RETRY_LIMIT', 8, 0, 50),
    retryDelaySeconds,
    retryDelayMaxSeconds,
    concurrency: reader.integer('DELIVERY_CONCURRENCY', 4, 0, 100),
    pollIntervalMs: reader.integer('DELIVERY_POLL_INTERVAL_MS', 2_000, 500, 600_000),
    webhookTimeoutMs: reader.integer('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    smtpTimeoutMs: reader.integer('SMTP_TIMEOUT_MS', 15_000, 100, 120_000),
    webhookPrivateAddresses: reader.oneOf('WEBHOOK_PRIVATE_ADDRESSES', ['allow', 'deny'] as const, nodeEnv === 'production' ? 'deny' : 'allow'),
    webhookSecretKey: readSecretKey(reader, 'WEBHOOK_SECRET_KEY'),
  };
}

/** A 32-byte key given as 64 hex digits or as base64 (44 characters); null when unset. */
function readSecretKey(reader: EnvReader, name: string): Buffer | null {
  const text = reader.optionalString(name);
  if (text === null) return null;
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(text) ? Buffer.from(text, 'base64') : null;
  if (key === null) {
    reader.fail(`${name} must be 32 random bytes as 64 hex digits or 44 base64 characters (openssl rand -base64 32), got ${text.length} characters`);
  }
  return key;
}

function readMaintenanceCalendar(reader: EnvReader, cwd: string, campusTimeZone: string): MaintenanceCalendar {
  const file = reader.optionalString('MAINTENANCE_CALENDAR_FILE');
  if (file === null) return { ...DEFAULT_MAINTENANCE_CALENDAR, timeZone: campusTimeZone };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(isAbsolute(file) ? file : resolve(cwd, file), 'utf8'));
  } catch (error) {
    reader.fail(`MAINTENANCE_CALENDAR_FILE ${file} cannot be read as JSON: ${(error as Error).message}`);
    return DEFAULT_MAINTENANCE_CALENDAR;
  }
  const issues = validateMaintenanceCalendar(json);
  for (const issue of issues) reader.fail(`MAINTENANCE_CALENDAR_FILE ${file}: ${issue.path || '(root)'} ${issue.message}`);
  return issues.length > 0 ? DEFAULT_MAINTENANCE_CALENDAR : (json as MaintenanceCalendar);
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const reader = new EnvReader(env);
  const nodeEnv = reader.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const databaseUrl = readDatabaseUrl(reader);
  const dataDir = reader.string('DATA_DIR', './.data');

  const bootstrapAdminToken = reader.optionalString('BOOTSTRAP_ADMIN_TOKEN');
  if (bootstrapAdminToken !== null && bootstrapAdminToken.length < 16) {
    reader.fail('BOOTSTRAP_ADMIN_TOKEN must be at least 16 characters long (it grants admin rights)');
  }

  const campusTimeZone = reader.string('CAMPUS_TIME_ZONE', 'America/Chicago');
  if (!isValidTimeZone(campusTimeZone)) {
    reader.fail(`CAMPUS_TIME_ZONE must be an IANA time zone such as America/Chicago, got '${String(campusTimeZone)}'`);
  }

  const scanMaxUploadBytes = reader.integer('SCAN_MAX_UPLOAD_BYTES', 1024 * 1024, 1024, 512 * 1024 * 1024);
  const port = reader.integer('PORT', 3000, 0, 65535);
  const config: AppConfig = {
    nodeEnv,
    host: reader.string('HOST', '0.0.0.0'),
    port,
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    logRequests: reader.oneOf('LOG_REQUESTS', ['all', 'errors', 'none'] as const, 'errors'),
    slowRequestMs: reader.integer('LOG_SLOW_REQUEST_MS', 1000, 0, 3_600_000),
    database: {
      url: databaseUrl,
      dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
      embeddedPort: reader.integer('EMBEDDED_PG_PORT', 54329, 1, 65535),
      poolSize: reader.integer('DATABASE_POOL_SIZE', 10, 1, 1000),
      poolWaitMs: reader.integer('DATABASE_POOL_WAIT_MS', 10_000, 0, 3_600_000),
      runMigrations: reader.boolean('MIGRATIONS_RUN', true),
      seedWhenEmpty: reader.boolean('SEED_WHEN_EMPTY', databaseUrl === null),
      statementTimeoutMs: reader.integer('DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
      checkIntervalMs: reader.integer('DATABASE_CHECK_INTERVAL_MS', 5_000, 100, 600_000),
      embeddedMaxRestarts: reader.integer('EMBEDDED_PG_MAX_RESTARTS', 5, 0, 100),
    },
    bootstrapAdminToken,
    campusTimeZone,
    policy: {
      noticeMonths: reader.integer('POLICY_NOTICE_MONTHS', 8, 0, 120),
      ltsWindowMonths: reader.integer('POLICY_LTS_WINDOW_MONTHS', 36, 1, 240),
      stableWindowMonths: reader.integer('POLICY_STABLE_WINDOW_MONTHS', 16, 1, 240),
      toleranceMonths: reader.integer('POLICY_WINDOW_TOLERANCE_MONTHS', 3, 0, 120),
    },
    maintenanceCalendar: readMaintenanceCalendar(reader, cwd, campusTimeZone),
    migrations: {
      atRiskDays: reader.integer('MIGRATION_AT_RISK_DAYS', 30, 0, 3650),
      waiverMaxDays: reader.integer('WAIVER_MAX_DAYS', 180, 1, 3650),
    },
    scan: {
      maxUploadBytes: scanMaxUploadBytes,
      allowedIndexUrls: readUrlList(reader, 'ALLOWED_INDEX_URLS'),
    },
    graphql: {
      introspection: reader.boolean('GRAPHQL_INTROSPECTION', true),
      maxTokens: reader.integer('GRAPHQL_MAX_TOKENS', 10_000, 100, 1_000_000),
      maxAliases: reader.integer('GRAPHQL_MAX_ALIASES', 50, 0, 100_000),
      maxDepth: reader.integer('GRAPHQL_MAX_DEPTH', 20, 2, 1000),
      maxCost: reader.integer('GRAPHQL_MAX_COST', 200_000, 10, 100_000_000),
      requestTimeoutMs: reader.integer('GRAPHQL_REQUEST_TIMEOUT_MS', 15_000, 100, 3_600_000),
      catalogCacheBytes: reader.integer('CATALOG_CACHE_MAX_BYTES', 32 * 1024 * 1024, 0, 16 * 1024 * 1024 * 1024),
      answerCacheTtlMs: reader.integer('ANSWER_CACHE_TTL_MS', 5_000, 0, 60_000),
      answerCacheBytes: reader.integer('ANSWER_CACHE_MAX_BYTES', 16 * 1024 * 1024, 0, 16 * 1024 * 1024 * 1024),
    },
    anonymousRateLimit: {
      perMinute: reader.integer('RATE_LIMIT_ANONYMOUS_PER_MINUTE', 600, 0, 100_000_000),
      burst: reader.integer('RATE_LIMIT_ANONYMOUS_BURST', 100, 1, 100_000_000),
    },
    failedAuthenticationRateLimit: {
      perMinute: reader.integer('RATE_LIMIT_FAILED_AUTH_PER_MINUTE', 60, 0, 100_000_000),
      burst: reader.integer('RATE_LIMIT_FAILED_AUTH_BURST', 20, 1, 100_000_000),
    },
    authCacheTtlMs: reader.integer('AUTH_CACHE_TTL_MS', 5_000, 0, 60_000),
    anonymousBodyLimitBytes: reader.integer('ANONYMOUS_BODY_LIMIT_BYTES', defaultAnonymousBodyLimit(scanMaxUploadBytes), 64 * 1024, 1024 * 1024 * 1024),
    trustProxy: readTrustProxy(reader),
    deliveries: readDeliveries(reader, nodeEnv),
    publicUrl: readPublicUrl(reader, port),
    notices: readNoticesConfig(reader),
  };

  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return config;
}
