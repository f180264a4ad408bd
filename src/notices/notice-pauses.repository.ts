import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NoticePauseEntity } from './notice-pause.entity';

/** Releases whose notices are paused. Written only here. */
@Injectable()
export class NoticePausesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  of(releaseId: string, manager?: EntityManager): Promise<NoticePauseEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(NoticePauseEntity).findOneBy({ releaseId });
  }

  async all(): Promise<NoticePauseEntity[]> {
    return this.dataSource.getRepository(NoticePauseEntity).find({ order: { pausedAt: 'ASC' } });
  }

  /** Pauses the release; false when it already was (the first pause and its reason stay). */
  async pause(manager: EntityManager, pause: NoticePauseEntity): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO notice_pauses (release_id, reason, paused_by, paused_at) VALUES ($1, $2, $3, $4) ON CONFLICT (release_id) DO NOTHING RETURNING release_id`,
      [pause.releaseId, pause.reason, pause.pausedBy, pause.pausedAt],
    );
    return rows.length > 0;
  }

  /** Resumes the release; the pause that ended, or null when it was not paused. */
  async resume(manager: EntityManager, releaseId: string): Promise<NoticePauseEntity | null> {
    const pause = await manager.getRepository(NoticePauseEntity).findOne({ where: { releaseId }, lock: { mode: 'pessimistic_write' } });
    if (!pause) return null;
    await manager.getRepository(NoticePauseEntity).delete({ releaseId });
    return pause;
  }
}
