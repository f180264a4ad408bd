import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveryQueue } from '../deliveries/delivery-queue';
import type { DeliveryRequest, WebhookApplication, WebhookEvent } from '../deliveries/delivery-request';
import { WebhooksService } from '../deliveries/webhooks.service';
import type { NoticeKind } from './notice-kind';
import type { NoticedApplication } from './notice.entity';
import type { Person } from './notice-audience.repository';
import type { NoticeText } from './domain/notice-text';

/** A notice just written, with the person it is for. */
export interface WrittenNotice {
  id: string;
  person: Person;
  text: NoticeText;
}

/** What a group's webhooks hear about one notice-worthy event. */
export interface GroupAnnouncement {
  kind: NoticeKind;
  release: { version: string; endOfSupport: string | null; migrationTarget: string | null };
  milestoneDays: number | null;
  /** The applications concerned; each group's webhooks get those of their group. */
  applications: readonly NoticedApplication[];
  /** Title and text for a group of applications (the receiver's chat message). */
  textFor(applications: readonly NoticedApplication[]): NoticeText;
}

const WEBHOOK_EVENT: Record<NoticeKind, WebhookEvent> = {
  MILESTONE: 'notice.milestone',
  RELEASE_PUBLISHED: 'notice.release_published',
  END_OF_SUPPORT_CHANGED: 'notice.end_of_support_changed',
  ESCALATION: 'notice.escalation',
  WAIVER_EXPIRED: 'notice.waiver_expired',
};

const webhookApplication = (app: NoticedApplication): WebhookApplication => ({
  slug: app.slug,
  name: app.name,
  group: app.group,
  department: app.department,
  environments: app.environments,
});

/**
 * Hands notices to the delivery channels (deliveries module) inside the transaction that wrote
 * them: an e-mail to each person who wants e-mail (contacts without an account always do), and
 * one webhook call per active webhook of each group concerned.
 */
@Injectable()
export class NoticeChannels {
  constructor(
    private readonly queue: DeliveryQueue,
    private readonly webhooks: WebhooksService,
  ) {}

  /** Queues the deliveries; returns how many. */
  async deliver(manager: EntityManager, notices: readonly WrittenNotice[], announcement: GroupAnnouncement | null): Promise<number> {
    const requests: DeliveryRequest[] = notices
      .filter((notice) => notice.person.userId === null || notice.person.emailEnabled)
      .map((notice) => ({ channel: 'EMAIL', noticeId: notice.id, to: notice.person.email, ...notice.text }));
    if (announcement) requests.push(...(await this.webhookRequests(manager, announcement)));
    return this.queue.enqueue(manager, requests);
  }

  /** One e-mail to an address that is not a person of ours (the announcement list). */
  async email(manager: EntityManager, to: string, text: NoticeText): Promise<number> {
    return this.queue.enqueue(manager, [{ channel: 'EMAIL', to, ...text }]);
  }

  private async webhookRequests(manager: EntityManager, announcement: GroupAnnouncement): Promise<DeliveryRequest[]> {
    const byGroup = new Map<string, NoticedApplication[]>();
    for (const app of announcement.applications) {
      let apps = byGroup.get(app.groupId);
      if (!apps) byGroup.set(app.groupId, (apps = []));
      apps.push(app);
    }
    if (byGroup.size === 0) return [];
    const hooks = await this.webhooks.activeForGroups([...byGroup.keys()], manager);
    return hooks.map((hook) => {
      const apps = byGroup.get(hook.groupId) ?? [];
      const text = announcement.textFor(apps);
      return {
        channel: 'WEBHOOK',
        webhookId: hook.id,
        event: WEBHOOK_EVENT[announcement.kind],
        payload: {
          release: announcement.release,
          milestoneDays: announcement.milestoneDays,
          applications: apps.map(webhookApplication),
          title: text.subject,
          text: text.text,
        },
      } satisfies DeliveryRequest;
    });
  }
}
