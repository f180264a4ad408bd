/**
 * What other modules hand to `DeliveryQueue.enqueue`: one e-mail or one webhook call each. Plain
 * data, no framework: the notices sweep builds these inside its transaction.
 */

/** The channels this module delivers on (in-app notices are the notices module's own rows). */
export const DELIVERY_CHANNELS = ['EMAIL', 'WEBHOOK'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** The `X-PyPE-Event` names a webhook receives (PRODUCT.md "Notices"). */
export const WEBHOOK_EVENTS = [
  'notice.milestone',
  'notice.release_published',
  'notice.end_of_support_changed',
  'notice.escalation',
  'notice.waiver_expired',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** One e-mail to one address; subject, plain text and HTML are final (the notices module writes them). */
export interface EmailDeliveryRequest {
  channel: 'EMAIL';
  /** The notice this e-mail tells about, when there is one (shown to admins with the delivery). */
  noticeId?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** An application a webhook notice is about. */
export interface WebhookApplication {
  slug: string;
  name: string;
  group: string;
  department: string | null;
  environments: string[];
}

/**
 * The webhook JSON body of PRODUCT.md without `id` and `occurredAt`: the queue fills those in
 * (the delivery's id, the same on every retry, and the time it was queued).
 */
export interface WebhookPayload {
  event: WebhookEvent;
  release: { version: string; endOfSupport: string | null; migrationTarget: string | null };
  milestoneDays: number | null;
  applications: WebhookApplication[];
  title: string;
  text: string;
}

/** One POST to one webhook (see `WebhooksService.activeForGroups` for the webhooks of groups). */
export interface WebhookDeliveryRequest {
  channel: 'WEBHOOK';
  noticeId?: string;
  webhookId: string;
  event: WebhookEvent;
  payload: Omit<WebhookPayload, 'event'>;
}

export type DeliveryRequest = EmailDeliveryRequest | WebhookDeliveryRequest;

/** The body a receiver gets, exactly as signed: the payload with the delivery id and time. */
export interface WebhookBody extends WebhookPayload {
  id: string;
  occurredAt: string;
}
