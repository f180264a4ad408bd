import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { createdAtPage, type CreatedAtCursorKey } from '../common/database/created-at-page';
import type { Page, PageRequest } from '../common/paging/page';
import { WebhookEntity } from './webhook.entity';

/** Where a page of a group's webhooks continues: after this (created_at as PostgreSQL prints it, id). */
export type WebhooksCursorKey = CreatedAtCursorKey;

export interface WebhookListItem {
  webhook: WebhookEntity;
  cursorKey: WebhooksCursorKey;
}

/** The only writer of `webhooks`. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The webhooks of these groups, by group then age. */
  forGroups(groupIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<WebhookEntity[]> {
    if (groupIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(WebhookEntity).find({ where: { groupId: In([...groupIds]) }, order: { groupId: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<WebhookEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(WebhookEntity).findBy({ id: In([...ids]) });
  }

  async insert(
    manager: EntityManager,
    webhook: Pick<WebhookEntity, 'groupId' | 'url' | 'secret' | 'secretSealed' | 'createdBy' | 'createdAt'>,
  ): Promise<WebhookEntity> {
    const repository = manager.getRepository(WebhookEntity);
    return repository.save(repository.create(webhook));
  }

  /** Up to `limit` webhooks whose secret is stored as given (not sealed), by id. */
  unsealedSecrets(limit: number): Promise<{ id: string; secret: string }[]> {
    return this.dataSource.query(`SELECT id, secret FROM webhooks WHERE NOT secret_sealed ORDER BY id LIMIT $1`, [limit]);
  }

  /** Stores a sealed secret for a webhook whose secret is not sealed yet; false if another replica did it first. */
  async storeSealedSecret(id: string, sealed: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `UPDATE webhooks SET secret = $2, secret_sealed = true WHERE id = $1 AND NOT secret_sealed RETURNING id`,
      [id, sealed],
    );
    return rows.length > 0;
  }

  async countSealed(): Promise<number> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM webhooks WHERE secret_sealed`);
    return count;
  }

  /** The webhook, locked until the caller's transaction ends (about to be deleted). */
  lockById(manager: EntityManager, id: string): Promise<WebhookEntity | null> {
    return manager.getRepository(WebhookEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(WebhookEntity).delete({ id });
  }

  /** A page of a group's webhooks, oldest first. */
  async pageOfGroup(groupId: string, request: PageRequest<WebhooksCursorKey>): Promise<Page<WebhookListItem>> {
    const query = this.dataSource.getRepository(WebhookEntity).createQueryBuilder('w').where('w.group_id = :groupId', { groupId });
    const page = await createdAtPage(query, 'w', 'ASC', request);
    return { ...page, items: page.items.map(({ row, cursorKey }) => ({ webhook: row, cursorKey })) };
  }
}
