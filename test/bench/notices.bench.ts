/**
 * Issue 9: `npm run bench -- notices`. Delivery throughput: e-mails queued through DeliveryQueue
 * (rows and pg-boss jobs in one transaction) and sent by the service's workers to a local SMTP
 * sink, in e-mails/s, against a baseline measured in the same run: the same e-mails sent straight
 * from this process through nodemailer's pool, with no queue and no database (what the service
 * cannot beat). Then the lifecycle sweep over 10 000 applications (notices-sweep.ts), on a database
 * of its own.
 */
import { createTransport } from 'nodemailer';
import { Clock } from '../../src/common/clock/clock';
import { loadConfig } from '../../src/common/config/app-config';
import { DeliveryJobsRepository } from '../../src/deliveries/delivery-jobs.repository';
import { DeliveryQueue } from '../../src/deliveries/delivery-queue';
import type { EmailDeliveryRequest } from '../../src/deliveries/delivery-request';
import { NoticeDeliveriesRepository } from '../../src/deliveries/notice-deliveries.repository';
import { WebhooksRepository } from '../../src/deliveries/webhooks.repository';
import { startSmtpSink, type SmtpSink } from '../deliveries/receivers';
import { startBenchDatabase, startBenchServer, type BenchDatabase } from './bench-support';
import { sweepBench } from './notices-sweep';

const EMAILS = Number(process.env.BENCH_EMAILS ?? 2_000);
const CONCURRENCY = 4;

function emails(count: number, tag: string): EmailDeliveryRequest[] {
  return Array.from({ length: count }, (_, index) => ({
    channel: 'EMAIL',
    to: `dev-${tag}-${index}@example.edu`,
    subject: `[PyPE] 36.11.0 loses support on 2020-03-31: 3 of your apps must move to 37.22.0 (${index})`,
    text: `Your applications a1, a2 and a3 run 36.11.0.\n`.repeat(20),
    html: `<p>Your applications <a href="https://pype.example.edu/apps/a1">a1</a>, a2 and a3 run 36.11.0.</p>`.repeat(20),
  }));
}

async function waitFor(sink: SmtpSink, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (sink.received.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${sink.received.length} of ${count} e-mails arrived within ${timeoutMs / 1000} s`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** Straight through nodemailer's pool, as many connections as the service uses. */
async function directThroughput(sink: SmtpSink): Promise<number> {
  const transport = createTransport({ url: sink.url, pool: true, maxConnections: CONCURRENCY });
  const batch = emails(EMAILS, 'direct');
  const started = performance.now();
  await Promise.all(
    batch.map((mail) => transport.sendMail({ from: 'pype@example.edu', to: mail.to, subject: mail.subject, text: mail.text, html: mail.html })),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return EMAILS / seconds;
}

/** Queued in one transaction, sent by the service process's workers. */
async function queuedThroughput(
  database: BenchDatabase,
  sink: SmtpSink,
): Promise<{ perSecond: number; enqueueMs: number; memoryMiB: number; peakMiB: number; duplicates: number }> {
  const server = await startBenchServer(database.url, { SMTP_URL: sink.url, DELIVERY_CONCURRENCY: String(CONCURRENCY), DELIVERY_POLL_INTERVAL_MS: '500' });
  const jobs = new DeliveryJobsRepository(database.dataSource);
  const settings = loadConfig({ NODE_ENV: 'production' }).deliveries;
  try {
    await jobs.start({
      retryLimit: settings.retryLimit,
      retryDelaySeconds: settings.retryDelaySeconds,
      retryDelayMaxSeconds: settings.retryDelayMaxSeconds,
      expireInSeconds: Math.ceil((Math.max(settings.webhookTimeoutMs, settings.smtpTimeoutMs) * 2) / 1000) + 5,
    });
    const queue = new DeliveryQueue(new Clock(), new NoticeDeliveriesRepository(database.dataSource), jobs, new WebhooksRepository(database.dataSource));
    const before = sink.received.length;
    const started = performance.now();
    await database.dataSource.transaction((manager) => queue.enqueue(manager, emails(EMAILS, 'queued')));
    const enqueueMs = performance.now() - started;
    await waitFor(sink, before + EMAILS, 300_000);
    const seconds = (performance.now() - started) / 1000;
    const recipients = sink.received.slice(before).map((mail) => mail.to[0]);
    return {
      perSecond: EMAILS / seconds,
      enqueueMs,
      memoryMiB: await server.residentMemoryMiB(),
      peakMiB: server.peakResidentMemoryMiB(),
      duplicates: recipients.length - new Set(recipients).size,
    };
  } finally {
    await jobs.stop();
    await server.stop();
  }
}

export async function deliveryBench(database: BenchDatabase): Promise<void> {
  const sink = await startSmtpSink({ keepMessages: false });
  try {
    const direct = await directThroughput(sink);
    const queued = await queuedThroughput(database, sink);
    console.log(`delivery: ${EMAILS} e-mails to a local SMTP sink, ${CONCURRENCY} connections`);
    console.log(`  baseline: nodemailer pool, no queue      ${direct.toFixed(0).padStart(6)} e-mails/s`);
    console.log(
      `  service: DeliveryQueue + pg-boss workers ${queued.perSecond.toFixed(0).padStart(6)} e-mails/s  (${(queued.perSecond / direct).toFixed(2)} x baseline)`,
    );
    console.log(`  enqueue (rows + jobs, one transaction)   ${queued.enqueueMs.toFixed(0).padStart(6)} ms for ${EMAILS}`);
    console.log(
      `  service memory after the run            ${queued.memoryMiB.toFixed(0).padStart(6)} MiB (peak ${queued.peakMiB.toFixed(0)} MiB; target < 300 MB); duplicates: ${queued.duplicates}`,
    );
  } finally {
    await sink.close();
  }
}

export default async function main(): Promise<void> {
  const database = await startBenchDatabase();
  try {
    await deliveryBench(database);
  } finally {
    await database.stop();
  }
  const sweepDatabase = await startBenchDatabase();
  try {
    await sweepBench(sweepDatabase);
  } finally {
    await sweepDatabase.stop();
  }
}
