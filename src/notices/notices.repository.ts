import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';
import type { NoticeKind } from './notice-kind';
import { NoticeEntity, type NoticedApplication } from './notice.entity';

/** A notice about to be written. */
export interface NewNotice {
  kind: NoticeKind;
  recipientEmail: string;
  userId: string | null;
  releaseId: string | null;
  releaseVersion: string | null;
  milestoneDays: number | null;
  deadline: string | null;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  applications: NoticedApplication[];
  createdAt: Date;
}

/** myNotices' cursor: the created_at (as PostgreSQL prints it, microseconds kept) and id of the last notice read. */
export type NoticesCursorKey = [createdAt: string, id: string];

/** The notices people read. Written only here. */
@Injectable()
export class NoticesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the notices in one statement; returns their ids (made here) in the same order. */
  async insertMany(manager: EntityManager, notices: readonly NewNotice[]): Promise<string[]> {
    if (notices.length === 0) return [];
    const ids = notices.map(() => randomUUID());
    // Parallel arrays, not one JSON document: PostgreSQL reads them without parsing the bodies as JSON.
    const column = <K extends keyof NewNotice>(key: K) => notices.map((notice) => notice[key]);
    await manager.query(
      `INSERT INTO notices (id, kind, recipient_email, user_id, release_id, release_version, milestone_days, deadline, subject, body_text, body_html,
                            application_ids, applications, created_at)
       SELECT n.id, n.kind, n.recipient_email, n.user_id, n.release_id, n.release_version, n.milestone_days, n.deadline, n.subject, n.body_text,
              n.body_html, ARRAY(SELECT (x->>'id')::uuid FROM jsonb_array_elements(n.applications) x), n.applications, n.created_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::int[], $8::date[], $9::text[], $10::text[], $11::text[],
                     $12::jsonb[], $13::timestamptz[])
           AS n(id, kind, recipient_email, user_id, release_id, release_version, milestone_days, deadline, subject, body_text, body_html, applications, created_at)`,
      [
        ids,
        column('kind'),
        column('recipientEmail'),
        column('userId'),
        column('releaseId'),
        column('releaseVersion'),
        column('milestoneDays'),
        column('deadline'),
        column('subject'),
        column('bodyText'),
        column('bodyHtml'),
        notices.map((notice) => JSON.stringify(notice.applications)),
        notices.map((notice) => notice.createdAt.toISOString()),
      ],
    );
    return ids;
  }

  /** A user's notices, newest first. */
  async pageOfUser(
    userId: string,
    unreadOnly: boolean,
    request: PageRequest<NoticesCursorKey>,
  ): Promise<Page<{ notice: NoticeEntity; cursorKey: NoticesCursorKey }>> {
    const query = this.dataSource.getRepository(NoticeEntity).createQueryBuilder('notice').where('notice.userId = :userId', { userId });
    if (unreadOnly) query.andWhere('notice.acknowledgedAt IS NULL');
    const totalCount = await query.getCount();
    if (request.after !== null) {
      const [createdAt, id] = request.after;
      query.andWhere('(notice.created_at, notice.id) < (:createdAt::timestamptz, :id::uuid)', { createdAt, id });
    }
    const { entities, raw } = await query
      .addSelect('notice.created_at::text', 'created_at_text')
      .orderBy('notice.createdAt', 'DESC')
      .addOrderBy('notice.id', 'DESC')
      .limit(request.first + 1)
      .getRawAndEntities<{ created_at_text: string }>();
    const items = entities.map((notice, index) => ({ notice, cursorKey: [raw[index].created_at_text, notice.id] satisfies NoticesCursorKey }));
    return pageOfRows(items, request, totalCount);
  }

  /**
   * Acknowledges the user's notice (the first acknowledgement's time stays); null when the user
   * has no notice with this id, so another person's notice is indistinguishable from none.
   */
  async acknowledge(userId: string, id: string, at: Date): Promise<NoticeEntity | null> {
    const notices = this.dataSource.getRepository(NoticeEntity);
    await notices
      .createQueryBuilder()
      .update()
      .set({ acknowledgedAt: at })
      .where('id = :id AND user_id = :userId AND acknowledged_at IS NULL', { id, userId })
      .execute();
    return notices.findOneBy({ id, userId });
  }

  /** The newest notices that listed this application (to anyone), at most `limit`: its page shows them with who acknowledged them. */
  ofApplication(applicationId: string, limit: number): Promise<NoticeEntity[]> {
    return this.dataSource
      .getRepository(NoticeEntity)
      .createQueryBuilder('notice')
      .where(':applicationId::uuid = ANY(notice.application_ids)', { applicationId })
      .orderBy('notice.createdAt', 'DESC')
      .addOrderBy('notice.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** Notices by id, for deliveries and tests. */
  byIds(ids: readonly string[]): Promise<NoticeEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(NoticeEntity).createQueryBuilder('notice').where('notice.id = ANY(:ids::uuid[])', { ids }).getMany();
  }
}
