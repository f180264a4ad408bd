import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { PageSessionEntity } from './page-session.entity';

/** The only reader and writer of `page_sessions`. */
@Injectable()
export class PageSessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get sessions() {
    return this.dataSource.manager.getRepository(PageSessionEntity);
  }

  insert(session: Pick<PageSessionEntity, 'sessionHash' | 'tokenHash' | 'csrfToken' | 'expiresAt'>): Promise<PageSessionEntity> {
    return this.sessions.save(this.sessions.create(session));
  }

  findBySessionHash(sessionHash: string): Promise<PageSessionEntity | null> {
    return this.sessions.findOneBy({ sessionHash });
  }

  async deleteBySessionHash(sessionHash: string): Promise<boolean> {
    const result = await this.sessions.delete({ sessionHash });
    return (result.affected ?? 0) > 0;
  }

  /** Sessions that ran out, forgotten (by the index on expires_at). */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.sessions.delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
