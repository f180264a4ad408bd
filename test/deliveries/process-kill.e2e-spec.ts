/**
 * Issue 9 fault: the service process is killed (SIGKILL) after its sweep recorded notices and
 * queued their e-mails, before they went out (the SMTP server was refusing). The jobs are rows in
 * PostgreSQL: after a restart every e-mail arrives, exactly once.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from 'pg';
import { CREATE_GROUP, createApplication, recordDeployment, type NewApplication } from '../applications/support';
import { startServiceProcess, type ServiceProcess } from '../platform/service-process';
import { eventually } from '../setup/eventually';
import { BOOTSTRAP_TOKEN, type TestService } from '../setup/test-app';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';
import { startSmtpSink, type SmtpSink } from './receivers';

/** What the applications helpers need of a service: its GraphQL endpoint. */
function graphqlOf(process: ServiceProcess): TestService {
  const gql = async (query: string, variables: Record<string, unknown> = {}, token: string | null = BOOTSTRAP_TOKEN) => {
    const response = await fetch(`${process.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
  };
  return { gql } as unknown as TestService;
}

describe('a service process killed between recording and delivery', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  let smtp: SmtpSink;
  let database: Client;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl);
    smtp = await startSmtpSink({ refusing: true });
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
  });
  afterAll(async () => {
    for (const child of processes) child.child.kill('SIGKILL');
    await Promise.all(processes.map((child) => child.exited));
    await database?.end();
    await smtp?.close();
    if (databaseUrl) await dropTestDatabase(serverUrl, databaseUrl);
  });

  const start = async () => {
    const child = await startServiceProcess({
      DATABASE_URL: databaseUrl,
      BOOTSTRAP_ADMIN_TOKEN: BOOTSTRAP_TOKEN,
      SEED_WHEN_EMPTY: 'true',
      SMTP_URL: smtp.url,
      DELIVERY_RETRY_LIMIT: '20',
      DELIVERY_RETRY_DELAY_SECONDS: '1',
      DELIVERY_RETRY_DELAY_MAX_SECONDS: '1',
      DELIVERY_POLL_INTERVAL_MS: '500',
      SMTP_TIMEOUT_MS: '1000',
      WEBHOOK_TIMEOUT_MS: '1000',
    });
    processes.push(child);
    return child;
  };
  const deliveries = async () =>
    (
      await database.query<{ target: string; subject: string; status: string; attempts: number }>(
        `SELECT target, subject, status, attempts FROM notice_deliveries ORDER BY target`,
      )
    ).rows;

  it('sends every queued e-mail once after a restart', async () => {
    const first = await start();
    const api = graphqlOf(first);
    await api.gql(CREATE_GROUP, { input: { slug: 'team-k', name: 'Team K', owners: [] } });
    const apps: NewApplication[] = ['k1', 'k2', 'k3'].map((slug, index) => ({ slug, group: 'team-k', contacts: [`contact-${index}@example.edu`] }));
    for (const app of apps) {
      await createApplication(api, app);
      await recordDeployment(api, {
        application: app.slug,
        environment: 'PROD',
        runtime: '36.11.0',
        deployedAt: '2019-06-01T12:00:00Z',
        overrideReason: 'recorded after the fact for this test',
      });
    }
    const swept = (await api.gql(`mutation { runLifecycleSweep(asOf: "2019-08-04") { noticesCreated deliveriesQueued } }`)) as { data?: any; errors?: unknown };
    expect(swept.errors).toBeUndefined();
    expect(swept.data.runLifecycleSweep.deliveriesQueued).toBe(3);

    // Recorded and being tried, not delivered: the SMTP server refuses.
    await eventually(deliveries, (rows) => rows.some((row) => row.attempts >= 1), 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = await deliveries();
    expect(atKill.map((row) => row.status).filter((status) => status === 'SENT')).toEqual([]);
    expect(smtp.received).toEqual([]);

    smtp.refusing = false;
    await start();
    const sent = await eventually(deliveries, (rows) => rows.every((row) => row.status === 'SENT'), 90_000);
    expect(sent.map((row) => row.status)).toEqual(['SENT', 'SENT', 'SENT']);
    const received = smtp.received.map((mail) => ({ to: mail.to, subject: mail.subject })).sort((a, b) => a.to[0].localeCompare(b.to[0]));
    expect(received).toEqual(sent.map((row) => ({ to: [row.target], subject: row.subject })));
  }, 180_000);
});
