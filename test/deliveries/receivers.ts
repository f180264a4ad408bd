/**
 * Real receivers on loopback for the delivery tests and the bench: an SMTP server (smtp-server)
 * that can refuse connections, and an HTTP webhook receiver whose behaviour the test sets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { WebhookDeliveryRequest } from '../../src/deliveries/delivery-request';

export interface ReceivedEmail {
  from: string;
  to: string[];
  subject: string;
  raw: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedEmail[];
  /** Connections refused so far. */
  refused: number;
  /** While true, every connection is refused with 421. */
  refusing: boolean;
  close(): Promise<void>;
}

/** The Subject header of a raw message (unfolded; the tests use plain ASCII subjects). */
function subjectOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  return /^subject: ?(.*)$/im.exec(head)?.[1] ?? '';
}

export async function startSmtpSink(options: { refusing?: boolean; keepMessages?: boolean } = {}): Promise<SmtpSink> {
  const sink: SmtpSink = { url: '', received: [], refused: 0, refusing: options.refusing ?? false, close: async () => undefined };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onConnect(_session, callback) {
      if (!sink.refusing) return callback();
      sink.refused += 1;
      const error = Object.assign(new Error('Service not available, try again later'), { responseCode: 421 });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = session.envelope;
        sink.received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((rcpt) => rcpt.address),
          subject: subjectOf(raw),
          raw: options.keepMessages === false ? '' : raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

export interface ReceivedWebhook {
  headers: Record<string, string>;
  rawBody: string;
}

export type WebhookBehaviour = 'ok' | 'error500' | 'hang' | 'redirect';

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Requests answered, by behaviour. */
  answered: Record<WebhookBehaviour, number>;
  behaviour: WebhookBehaviour;
  close(): Promise<void>;
}

export async function startWebhookReceiver(behaviour: WebhookBehaviour = 'ok'): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const receiver: WebhookReceiver = { url: '', received: [], answered: { ok: 0, error500: 0, hang: 0, redirect: 0 }, behaviour, close: async () => undefined };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const current = receiver.behaviour;
      receiver.answered[current] += 1;
      if (current === 'hang') {
        hanging.add(response);
        return;
      }
      if (current === 'error500') return void response.writeHead(500).end('broken');
      if (current === 'redirect') return void response.writeHead(307, { location: `${receiver.url}/elsewhere` }).end();
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      receiver.received.push({ headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/pype`;
  receiver.close = async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

/** A milestone notice's webhook delivery about one application, `app-<index>`. */
export function milestoneWebhookRequest(webhookId: string, index: number): WebhookDeliveryRequest {
  return {
    channel: 'WEBHOOK',
    webhookId,
    event: 'notice.milestone',
    payload: {
      release: { version: '36.11.0', endOfSupport: '2020-03-31', migrationTarget: '37.22.0' },
      milestoneDays: 90,
      applications: [{ slug: `app-${index}`, name: `App ${index}`, group: 'team-a', department: 'Registrar', environments: ['PROD'] }],
      title: `[PyPE] 36.11.0 loses support on 2020-03-31: app-${index} must move to 37.22.0`,
      text: `app-${index} runs 36.11.0 in PROD.`,
    },
  };
}
