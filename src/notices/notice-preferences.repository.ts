import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NoticePreferencesEntity } from './notice-preferences.entity';

export interface NoticePreferences {
  emailEnabled: boolean;
  digest: boolean;
}

export const DEFAULT_NOTICE_PREFERENCES: NoticePreferences = Object.freeze({ emailEnabled: true, digest: true });

/** Users' delivery preferences. Written only here. */
@Injectable()
export class NoticePreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(userId: string): Promise<NoticePreferences> {
    const row = await this.dataSource.getRepository(NoticePreferencesEntity).findOneBy({ userId });
    return row ? { emailEnabled: row.emailEnabled, digest: row.digest } : { ...DEFAULT_NOTICE_PREFERENCES };
  }

  async set(userId: string, preferences: NoticePreferences): Promise<NoticePreferences> {
    await this.dataSource.getRepository(NoticePreferencesEntity).upsert({ userId, ...preferences }, ['userId']);
    return this.of(userId);
  }
}
