import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { WebhookEntity } from './webhook.entity';

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
}
