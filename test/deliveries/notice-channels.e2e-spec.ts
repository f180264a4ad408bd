/**
 * Every channel end to end: a lifecycle sweep through GraphQL delivers its milestone digests by
 * e-mail to a real SMTP server and by signed webhook to a real HTTP receiver of the owning group,
 * each once, with the body and headers of PRODUCT.md; admins see the deliveries as SENT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import type { WebhookBody } from '../../src/deliveries/delivery-request';
import { verifyWebhookSignature } from '../../src/deliveries/webhook-signature';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { createApplication, createGroup, dataOf, gqlOk, recordDeployment } from '../applications/support';
import { eventually } from '../setup/eventually';
import { startTestService, type TestService } from '../setup/test-app';
import { startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from './receivers';

const SECRET = 'team-a-webhook-secret-value';

describe('a sweep delivers by e-mail and webhook', () => {
  let smtp: SmtpSink;
  let receiver: WebhookReceiver;
  let service: TestService;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    receiver = await startWebhookReceiver('ok');
    service = await startTestService({
      now: '2019-08-01T15:00:00Z',
      env: { SMTP_URL: smtp.url, NOTICE_FROM: 'PyPE <pype@example.edu>', PUBLIC_URL: 'https://pype.example.edu', DELIVERY_POLL_INTERVAL_MS: '500' },
    });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    const owner = await service.tokenFor([Role.DEVELOPER], 'owner@example.edu');
    await createGroup(service, 'team-a', ['owner@example.edu']);
    await createApplication(service, { slug: 'grades', group: 'team-a', department: 'Registrar', contacts: ['registrar-it@example.edu'] });
    await recordDeployment(service, { application: 'grades', environment: 'PROD', runtime: '36.11.0' });
    dataOf(
      await service.gql(
        `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`,
        { input: { group: 'team-a', url: receiver.url, secret: SECRET } },
        owner,
      ),
    );
  });
  afterAll(async () => {
    await service?.close();
    await receiver?.close();
    await smtp?.close();
  });

  it('sends each digest by e-mail and the group notice to its webhook, once, signed', async () => {
    const swept = await gqlOk(service, `mutation { runLifecycleSweep(asOf: "2019-08-04") { noticesCreated deliveriesQueued } }`);
    expect(swept.runLifecycleSweep.deliveriesQueued).toBeGreaterThanOrEqual(3);
    const queued = swept.runLifecycleSweep.deliveriesQueued as number;

    const deliveries = await eventually(
      async () =>
        (await gqlOk(service, `{ noticeDeliveries(first: 50) { edges { node { id channel status target subject noticeId } } } }`)).noticeDeliveries.edges,
      (edges: { node: { status: string } }[]) => edges.length === queued && edges.every((edge) => edge.node.status === 'SENT'),
      30_000,
    );
    const nodes = deliveries.map((edge: { node: Record<string, string> }) => edge.node);
    // E-mail: the contact and the group's owner, each once, with the digest's subject.
    const emails = nodes.filter((node: Record<string, string>) => node.channel === 'EMAIL');
    expect(emails.every((node: Record<string, string>) => node.noticeId !== null)).toBe(true);
    expect(emails.map((node: Record<string, string>) => node.target).sort()).toEqual(['owner@example.edu', 'registrar-it@example.edu']);
    const received = smtp.received.map((mail) => ({ to: mail.to, subject: mail.subject, from: mail.from })).sort((a, b) => a.to[0].localeCompare(b.to[0]));
    expect(received).toEqual(
      [...emails]
        .sort((a: Record<string, string>, b: Record<string, string>) => a.target.localeCompare(b.target))
        .map((node: Record<string, string>) => ({ to: [node.target], subject: node.subject, from: 'pype@example.edu' })),
    );
    expect(received[0].subject).toBe('[PyPE] 36.11.0 loses support on 2020-03-31: your app grades must move to 37.22.0');
    expect(smtp.received[0].raw).toMatch(/Content-Type: text\/html/i);

    // Webhook: the group's notice, once per delivery id, with PRODUCT.md's body, verified.
    const hooks = nodes.filter((node: Record<string, string>) => node.channel === 'WEBHOOK');
    expect(hooks.length).toBeGreaterThanOrEqual(1);
    expect(receiver.received.map((hook) => hook.headers['x-pype-delivery']).sort()).toEqual(hooks.map((node: Record<string, string>) => node.id).sort());
    const now = Math.floor(service.clock.now().getTime() / 1000);
    for (const hook of receiver.received) {
      expect(verifyWebhookSignature(hook.headers['x-pype-signature'], SECRET, hook.rawBody, now)).toMatchObject({ valid: true });
      const body = JSON.parse(hook.rawBody) as WebhookBody;
      expect(hook.headers['x-pype-event']).toBe('notice.milestone');
      expect(Object.keys(body).sort()).toEqual(['applications', 'event', 'id', 'milestoneDays', 'occurredAt', 'release', 'text', 'title']);
      expect(body).toMatchObject({
        id: hook.headers['x-pype-delivery'],
        event: 'notice.milestone',
        release: { version: '36.11.0', endOfSupport: '2020-03-31', migrationTarget: '37.22.0' },
        milestoneDays: 240,
        applications: [{ slug: 'grades', name: 'GRADES', group: 'team-a', department: 'Registrar', environments: ['PROD'] }],
      });
      expect(body.title).toContain('36.11.0');
    }
  });
});
