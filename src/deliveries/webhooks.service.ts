import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WebhooksRepository } from './webhooks.repository';

/** A webhook as the notices sweep needs it: which one, for which group. */
export interface ActiveWebhook {
  id: string;
  groupId: string;
}

/** Groups' webhooks: who may create and delete them, and which ones a notice goes to. */
@Injectable()
export class WebhooksService {
  constructor(private readonly webhooks: WebhooksRepository) {}

  /** The webhooks that should receive these groups' notices, read in the caller's transaction. */
  async activeForGroups(groupIds: string[], manager: EntityManager): Promise<ActiveWebhook[]> {
    const rows = await this.webhooks.forGroups(groupIds, manager);
    return rows.map(({ id, groupId }) => ({ id, groupId }));
  }
}
