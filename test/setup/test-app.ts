/**
 * Boots the real service (Fastify, GraphQL, TypeORM) on loopback against a fresh database and
 * talks to it over HTTP, as clients do. Only time is controlled: a settable clock.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { inject } from 'vitest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { SettableClock } from '../../src/common/clock/clock';
import { loadConfig } from '../../src/common/config/app-config';
import { createRootLogger } from '../../src/common/logging/logger';
import { UsersService } from '../../src/auth/users.service';
import { Role } from '../../src/auth/role';
import { BOOTSTRAP_ADMIN } from '../../src/auth/principal';
import { createTestDatabase, dropTestDatabase } from './test-database';

export const BOOTSTRAP_TOKEN = 'test-bootstrap-admin-token-0123456789';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
  headers: Headers;
}

export interface TestService {
  app: NestFastifyApplication;
  url: string;
  databaseUrl: string;
  clock: SettableClock;
  dataSource: DataSource;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse<T>>;
  /** Creates a user with these roles and returns an API token for it. */
  tokenFor(roles: Role[], email?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  env?: Record<string, string>;
  now?: string;
  databaseUrl?: string;
}

let userCounter = 0;

export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const serverUrl = inject('postgresUrl');
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase(serverUrl));
  const config = loadConfig({
    NODE_ENV: 'test',
    BOOTSTRAP_ADMIN_TOKEN: BOOTSTRAP_TOKEN,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Test files send many anonymous requests in a burst; request-limits.e2e-spec.ts tests the limit.
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '0',
    // Tests change tokens and grants with SQL of their own, as another replica would, and ask again at
    // once: a remembered lookup would hold until the notification arrives (milliseconds later).
    // test/auth/token-lookups.e2e-spec.ts turns it on and tests exactly that.
    AUTH_CACHE_TTL_MS: '0',
    ANSWER_CACHE_TTL_MS: '0',
    ...options.env,
  });
  const clock = new SettableClock(new Date(options.now ?? '2026-11-22T15:00:00Z'));
  const app = await createApp({ config, databaseUrl, clock, logger: createRootLogger(config.logLevel) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  const dataSource = app.get(DataSource);

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token: string | null = null) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body };
  };

  return {
    app,
    url,
    databaseUrl,
    clock,
    dataSource,
    gql,
    async tokenFor(roles, email) {
      const users = app.get(UsersService);
      userCounter += 1;
      const user = await users.createUser({
        email: email ?? `user${userCounter}-${roles.join('-').toLowerCase() || 'none'}@example.edu`,
        displayName: `Test user ${userCounter}`,
        roles,
      });
      const { token } = await users.createApiToken(BOOTSTRAP_ADMIN, { userId: user.id, name: 'test' });
      return token;
    },
    async close() {
      await app.close();
      if (!options.databaseUrl) await dropTestDatabase(serverUrl, databaseUrl);
    },
  };
}

/** The GraphQL error code of the first error, for terse assertions. */
export function errorCode(response: GraphQLResponse): string | undefined {
  const code: unknown = response.errors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}
