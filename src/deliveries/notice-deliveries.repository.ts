import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DeliveryAttemptEntity, NoticeDeliveryEntity, type DeliveryStatus } from './notice-delivery.entity';

/** A delivery as `enqueue` records it, before its job exists. */
export type NewDelivery = Pick<NoticeDeliveryEntity, 'id' | 'channel' | 'noticeId' | 'target' | 'webhookId' | 'subject' | 'content' | 'createdAt'>;

/** The only writer of `notice_deliveries` and `notice_delivery_attempts`. */
@Injectable()
export class NoticeDeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records deliveries in the caller's transaction, in batches that stay under PostgreSQL's parameter limit. */
  async insertMany(manager: EntityManager, deliveries: readonly NewDelivery[]): Promise<void> {
    const status: DeliveryStatus = 'QUEUED';
    const rows = deliveries.map((delivery) => ({ ...delivery, status, attempts: 0, updatedAt: delivery.createdAt }));
    for (let start = 0; start < rows.length; start += 1000) {
      await manager.getRepository(NoticeDeliveryEntity).insert(rows.slice(start, start + 1000));
    }
  }

  /** Which job delivers each of these deliveries now. */
  async setJobs(manager: EntityManager, jobs: readonly { deliveryId: string; jobId: string }[]): Promise<void> {
    if (jobs.length === 0) return;
    await manager.query(
      `UPDATE notice_deliveries d SET job_id = j.job_id
         FROM unnest($1::uuid[], $2::uuid[]) AS j(delivery_id, job_id)
        WHERE d.id = j.delivery_id`,
      [jobs.map((job) => job.deliveryId), jobs.map((job) => job.jobId)],
    );
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<NoticeDeliveryEntity | null> {
    return manager.getRepository(NoticeDeliveryEntity).findOneBy({ id });
  }

  findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<NoticeDeliveryEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(NoticeDeliveryEntity).findBy({ id: In([...ids]) });
  }

  /** The attempts of these deliveries, oldest first. */
  attemptsOf(deliveryIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<DeliveryAttemptEntity[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(DeliveryAttemptEntity).find({ where: { deliveryId: In([...deliveryIds]) }, order: { id: 'ASC' } });
  }
}
