import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseMilestoneList } from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/app');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('has defaults that run the service with nothing set', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeNull();
    expect(config.database.dataDir).toBe('/srv/app/.data');
    expect(config.database.seedWhenEmpty).toBe(true);
    expect(config.campusTimeZone).toBe('America/Chicago');
    expect(config.policy).toEqual({ noticeMonths: 8, ltsWindowMonths: 36, stableWindowMonths: 16, toleranceMonths: 3 });
    expect(config.maintenanceCalendar.rules).toHaveLength(4);
    expect(config.scan.maxUploadBytes).toBe(1024 * 1024);
    expect(config.logRequests).toBe('errors');
  });

  it('does not seed an external database unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/pype' }).database.seedWhenEmpty).toBe(false);
  });

  it('reports every bad variable at once, by name, with what was expected', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      DATABASE_POOL_SIZE: '0',
      MIGRATIONS_RUN: 'maybe',
      CAMPUS_TIME_ZONE: 'Mars/Olympus',
      BOOTSTRAP_ADMIN_TOKEN: 'short',
      LOG_LEVEL: 'loud',
      ALLOWED_INDEX_URLS: 'https://pypi.example.edu/simple, not a url',
    });
    expect(problems).toHaveLength(8);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number from 0 to 65535, got 'eighty'/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must be a postgres:\/\//);
    expect(problems.join('\n')).toMatch(/DATABASE_POOL_SIZE must be a whole number from 1 to 1000/);
    expect(problems.join('\n')).toMatch(/MIGRATIONS_RUN must be true or false/);
    expect(problems.join('\n')).toMatch(/CAMPUS_TIME_ZONE must be an IANA time zone/);
    expect(problems.join('\n')).toMatch(/BOOTSTRAP_ADMIN_TOKEN must be at least 16 characters/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(/'not a url' is not a URL/);
  });

  it('bounds the database check interval and the restarts of the embedded PostgreSQL, reporting both at once', () => {
    const problems = problemsOf({ DATABASE_CHECK_INTERVAL_MS: '10', EMBEDDED_PG_MAX_RESTARTS: 'many' });
    expect(problems).toEqual([
      "DATABASE_CHECK_INTERVAL_MS must be a whole number from 100 to 600000, got '10'",
      "EMBEDDED_PG_MAX_RESTARTS must be a whole number from 0 to 100, got 'many'",
    ]);
    expect(loadConfig({}).database).toMatchObject({ checkIntervalMs: 5_000, embeddedMaxRestarts: 5 });
  });

  it('reads a maintenance calendar file and names the bad fields in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pype-config-'));
    const good = join(dir, 'good.json');
    const weeklyTools = {
      id: 'tools',
      kind: 'TOOLS_UPDATE',
      environments: ['TEST', 'QUAL', 'BETA', 'PROD'],
      recurrence: { type: 'weekly', weekday: 'THURSDAY' },
      start: '07:00',
      end: '09:00',
    };
    writeFileSync(good, JSON.stringify({ timeZone: 'America/New_York', rules: [weeklyTools] }));
    expect(loadConfig({ MAINTENANCE_CALENDAR_FILE: good }).maintenanceCalendar.timeZone).toBe('America/New_York');
    // Refused at start-up, naming the environment, instead of failing every rollout to it later.
    const noProdTools = join(dir, 'no-prod-tools.json');
    writeFileSync(noProdTools, JSON.stringify({ timeZone: 'America/Chicago', rules: [{ ...weeklyTools, environments: ['TEST', 'QUAL', 'BETA'] }] }));
    expect(problemsOf({ MAINTENANCE_CALENDAR_FILE: noProdTools })).toEqual([
      expect.stringMatching(/^MAINTENANCE_CALENDAR_FILE .*no-prod-tools\.json: rules give no TOOLS_UPDATE rule to PROD; every environment needs one/),
    ]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ timeZone: 'America/Chicago', rules: [{ id: 'x', kind: 'NAP' }] }));
    expect(problemsOf({ MAINTENANCE_CALENDAR_FILE: bad }).join('\n')).toMatch(/rules\[0\]\.kind/);
    expect(problemsOf({ MAINTENANCE_CALENDAR_FILE: join(dir, 'missing.json') })[0]).toMatch(/cannot be read as JSON/);
  });
});

describe('PUBLIC_URL', () => {
  it('defaults to localhost on PORT and drops a trailing slash', () => {
    expect(loadConfig({ PORT: '8080' }, '/srv/app').publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://pype.example.edu/lifecycle/' }, '/srv/app').publicUrl).toBe('https://pype.example.edu/lifecycle');
  });

  it('refuses other protocols, queries and credentials, naming the variable', () => {
    for (const bad of ['ftp://pype.example.edu', 'https://pype.example.edu/?a=1', 'https://user:secret@pype.example.edu', 'not a url']) {
      expect(problemsOf({ PUBLIC_URL: bad })).toEqual([expect.stringContaining('PUBLIC_URL must be an http:// or https:// URL')]);
    }
  });
});

describe('request limits configuration', () => {
  it('reads the GraphQL limits, the anonymous rate limit and the trusted proxies, with defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.graphql).toMatchObject({
      maxTokens: 10_000,
      maxAliases: 50,
      maxDepth: 20,
      maxCost: 200_000,
      requestTimeoutMs: 15_000,
      catalogCacheBytes: 32 * 1024 * 1024,
    });
    expect(defaults.anonymousRateLimit).toEqual({ perMinute: 600, burst: 100 });
    expect(defaults.trustProxy).toBe('loopback,linklocal,uniquelocal');
    const set = loadConfig({ GRAPHQL_MAX_ALIASES: '5', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0', TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' });
    expect(set.graphql.maxAliases).toBe(5);
    expect(set.anonymousRateLimit.perMinute).toBe(0);
    expect(set.trustProxy).toBe('10.0.0.0/8,192.168.1.1');
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('reads the failed-authentication rate limit and the anonymous body limit, derived from SCAN_MAX_UPLOAD_BYTES by default', () => {
    const defaults = loadConfig({});
    expect(defaults.failedAuthenticationRateLimit).toEqual({ perMinute: 60, burst: 20 });
    expect(defaults.anonymousBodyLimitBytes).toBe(3 * 1024 * 1024);
    expect(loadConfig({ SCAN_MAX_UPLOAD_BYTES: String(4 * 1024 * 1024) }).anonymousBodyLimitBytes).toBe(9 * 1024 * 1024);
    const set = loadConfig({ ANONYMOUS_BODY_LIMIT_BYTES: '100000', RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '0' });
    expect(set.anonymousBodyLimitBytes).toBe(100_000);
    expect(set.failedAuthenticationRateLimit.perMinute).toBe(0);
    const problems = problemsOf({ ANONYMOUS_BODY_LIMIT_BYTES: '1000', RATE_LIMIT_FAILED_AUTH_BURST: '0', RATE_LIMIT_FAILED_AUTH_PER_MINUTE: 'many' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/ANONYMOUS_BODY_LIMIT_BYTES must be a whole number from 65536 to 1073741824, got '1000'/);
  });

  it('reports every bad limit at once', () => {
    const problems = problemsOf({
      GRAPHQL_MAX_COST: 'lots',
      GRAPHQL_MAX_DEPTH: '1',
      GRAPHQL_REQUEST_TIMEOUT_MS: '-5',
      CATALOG_CACHE_MAX_BYTES: '1e9',
      RATE_LIMIT_ANONYMOUS_BURST: '0',
      TRUST_PROXY: 'everyone',
    });
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/GRAPHQL_MAX_COST must be a whole number from 10 to 100000000, got 'lots'/);
    expect(problems.join('\n')).toMatch(/TRUST_PROXY must be .*'everyone'/);
  });
});

describe('notices configuration', () => {
  it('has the defaults of the SLA: 240, 180, 90, 30, 7 and 0 days, 06:00 daily, escalation after 7 days', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.notices).toEqual({
      milestonesDays: [240, 180, 90, 30, 7, 0],
      schedule: '0 6 * * *',
      escalationDays: 7,
      announceTo: null,
    });
  });

  it('reads the milestones in any order, most days first, and the other settings', () => {
    const config = loadConfig({
      NOTICE_MILESTONES_DAYS: ' 7, 30 ,0',
      NOTICE_SCHEDULE: '30 5 * * 1-5',
      NOTICE_ESCALATION_DAYS: '3',
      NOTICE_ANNOUNCE_TO: 'PyPE-Announce@Example.edu',
    });
    expect(config.notices).toEqual({
      milestonesDays: [30, 7, 0],
      schedule: '30 5 * * 1-5',
      escalationDays: 3,
      announceTo: 'pype-announce@example.edu',
    });
  });

  it('refuses a bad milestone list, cron expression, escalation period or address, naming each variable', () => {
    const problems = problemsOf({
      NOTICE_MILESTONES_DAYS: '240,abc,7',
      NOTICE_SCHEDULE: 'every morning',
      NOTICE_ESCALATION_DAYS: '0',
      NOTICE_ANNOUNCE_TO: 'not-an-address',
    });
    expect(problems).toEqual([
      "NOTICE_MILESTONES_DAYS must be comma-separated whole numbers of days from 0 to 3650, such as 240,180,90,30,7,0; 'abc' is not one",
      "NOTICE_SCHEDULE must be a cron expression such as '0 6 * * *' (minute hour day-of-month month day-of-week), got 'every morning'",
      "NOTICE_ANNOUNCE_TO must be an e-mail address such as pype-announce@example.edu, got 'not-an-address'",
      "NOTICE_ESCALATION_DAYS must be a whole number from 1 to 365, got '0'",
    ]);
  });

  it.each([
    ['', 'must list at least one number of days'],
    [' , ', 'must list at least one number of days'],
    ['240,,7', "'' is not one"],
    ['-1', "'-1' is not one"],
    ['1.5', "'1.5' is not one"],
    ['99999', "'99999' is not one"],
    ['30,7,30', "lists a number of days twice: '30,7,30'"],
  ])('refuses NOTICE_MILESTONES_DAYS=%j', (value, problem) => {
    // An empty variable counts as unset (the default), like every other variable.
    if (value.trim() === '') return expect(parseMilestoneList(value)).toEqual({ problem: expect.stringContaining(problem) });
    expect(problemsOf({ NOTICE_MILESTONES_DAYS: value }).join('\n')).toContain(problem);
  });

  it('refuses a cron expression with a field out of range', () => {
    expect(problemsOf({ NOTICE_SCHEDULE: '0 25 * * *' })[0]).toMatch(/^NOTICE_SCHEDULE must be a cron expression/);
  });
});

describe('loadConfig: notice deliveries', () => {
  it('delivers with defaults and no SMTP server (e-mails recorded as not sent)', () => {
    expect(loadConfig({}, '/srv/app').deliveries).toEqual({
      smtpUrl: null,
      from: 'PyPE Lifecycle <pype-lifecycle@localhost>',
      retryLimit: 8,
      retryDelaySeconds: 30,
      retryDelayMaxSeconds: 3600,
      concurrency: 4,
      pollIntervalMs: 2000,
      webhookTimeoutMs: 10_000,
      smtpTimeoutMs: 15_000,
      webhookPrivateAddresses: 'allow',
      webhookSecretKey: null,
    });
  });

  it('reads the webhook secret key as 64 hex digits or base64, and refuses anything else without showing it', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ WEBHOOK_SECRET_KEY: key.toString('hex') }).deliveries.webhookSecretKey).toEqual(key);
    expect(loadConfig({ WEBHOOK_SECRET_KEY: key.toString('base64') }).deliveries.webhookSecretKey).toEqual(key);
    for (const bad of ['too-short-a-key', key.toString('hex').slice(2), `${key.toString('base64')}x`]) {
      expect(() => loadConfig({ WEBHOOK_SECRET_KEY: bad })).toThrow(/WEBHOOK_SECRET_KEY must be 32 random bytes/);
      expect(() => loadConfig({ WEBHOOK_SECRET_KEY: bad })).not.toThrow(new RegExp(bad.slice(0, 10)));
    }
  });

  it('keeps webhooks off loopback and private networks in production unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).deliveries.webhookPrivateAddresses).toBe('deny');
    expect(loadConfig({ NODE_ENV: 'production', WEBHOOK_PRIVATE_ADDRESSES: 'allow' }).deliveries.webhookPrivateAddresses).toBe('allow');
    expect(loadConfig({ WEBHOOK_PRIVATE_ADDRESSES: 'deny' }).deliveries.webhookPrivateAddresses).toBe('deny');
    expect(() => loadConfig({ WEBHOOK_PRIVATE_ADDRESSES: 'sometimes' })).toThrow(/WEBHOOK_PRIVATE_ADDRESSES/);
  });

  it('accepts smtp:// and smtps:// URLs and a From address with or without a name', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://user:secret@mail.example.edu:465', NOTICE_FROM: 'pype@example.edu' }).deliveries).toMatchObject({
      smtpUrl: 'smtps://user:secret@mail.example.edu:465',
      from: 'pype@example.edu',
    });
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', NOTICE_FROM: 'PyPE Notices <pype@example.edu>' }).deliveries.from).toBe(
      'PyPE Notices <pype@example.edu>',
    );
  });

  it('names every bad delivery variable at once', () => {
    const problems = problemsOf({
      SMTP_URL: 'http://mail.example.edu',
      NOTICE_FROM: 'not an address',
      DELIVERY_RETRY_LIMIT: '-1',
      DELIVERY_RETRY_DELAY_SECONDS: '0',
      DELIVERY_CONCURRENCY: 'lots',
      DELIVERY_POLL_INTERVAL_MS: '10',
      WEBHOOK_TIMEOUT_MS: '1',
    });
    expect(problems).toEqual([
      expect.stringContaining('NOTICE_FROM must be an e-mail address'),
      expect.stringContaining('DELIVERY_RETRY_DELAY_SECONDS must be a whole number from 1 to 86400'),
      expect.stringContaining("SMTP_URL must be an smtp:// or smtps:// URL, got protocol 'http:'"),
      expect.stringContaining('DELIVERY_RETRY_LIMIT must be a whole number from 0 to 50'),
      expect.stringContaining('DELIVERY_CONCURRENCY must be a whole number from 0 to 100'),
      expect.stringContaining('DELIVERY_POLL_INTERVAL_MS must be a whole number from 500 to 600000'),
      expect.stringContaining('WEBHOOK_TIMEOUT_MS must be a whole number from 100 to 120000'),
    ]);
    expect(problemsOf({ SMTP_URL: 'not a url' })).toEqual([expect.stringContaining('SMTP_URL must be a URL like smtp://')]);
    expect(problemsOf({ DELIVERY_RETRY_DELAY_SECONDS: '60', DELIVERY_RETRY_DELAY_MAX_SECONDS: '10' })).toEqual([
      'DELIVERY_RETRY_DELAY_MAX_SECONDS must be at least DELIVERY_RETRY_DELAY_SECONDS (60), got 10',
    ]);
  });
});
